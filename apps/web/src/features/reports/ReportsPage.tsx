import { Link } from 'react-router';

export function ReportsPage() {
  return (
    <section>
      <h1>Reports</h1>
      <div className="empty">
        <p>No reports yet.</p>
        <p>
          Reports appear here once Gong is connected and an analysis has run. Admins connect Gong in{' '}
          <Link to="/settings">Settings</Link>.
        </p>
      </div>
    </section>
  );
}
