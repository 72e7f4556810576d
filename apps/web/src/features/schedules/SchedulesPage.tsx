export function SchedulesPage() {
  return (
    <section>
      <h1>Schedules</h1>
      <div className="empty">
        <p>No schedules yet.</p>
        <p>Schedules run an analysis on a cadence, such as every Monday at 9:00, once Gong is connected.</p>
      </div>
    </section>
  );
}
