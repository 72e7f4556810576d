import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { n } from './format.ts';

/** Every report in the workspace, newest first, searchable by name. */
export function ReportsPage() {
  const trpc = useTRPC();
  const id = useId();
  const [search, setSearch] = useState('');
  // Deferred so typing stays responsive; the previous list stays on screen while the next one loads.
  const deferred = useDeferredValue(search.trim());
  const reports = useQuery({
    ...trpc.reports.list.queryOptions({ search: deferred.slice(0, 200) }),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <h1>Reports</h1>
      <div className="field search no-print">
        <label htmlFor={`${id}-search`}>Search reports by name</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          maxLength={200}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {reports.isError ? <Alert tone="error">{errorMessage(reports.error)}</Alert> : null}
      {reports.isPending ? <p>Loading reports…</p> : null}
      {reports.data?.length === 0 ? (
        deferred ? (
          <p className="empty">No report’s name contains “{deferred}”.</p>
        ) : (
          <div className="empty">
            <p>No reports yet.</p>
            <p>
              A report appears here when a run finishes. Define an analysis in{' '}
              <Link to="/analyses">Analyses</Link> and run it; admins connect Gong in{' '}
              <Link to="/settings">Settings</Link>.
            </p>
          </div>
        )
      ) : null}
      {reports.data && reports.data.length > 0 ? (
        <table className="ranked">
          <caption className="visually-hidden">Reports, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Calls from</th>
              <th scope="col">Calls analysed</th>
              <th scope="col">Run by</th>
              <th scope="col">Made</th>
            </tr>
          </thead>
          <tbody>
            {reports.data.map((report) => (
              <tr key={report.id}>
                <th scope="row">
                  <Link to={`/reports/${report.id}`}>{report.name}</Link>
                  {report.partial ? <span className="badge badge-partial">Partial</span> : null}
                </th>
                <td>
                  {report.from} to {report.to}
                </td>
                <td>{n(report.callsAnalyzed)}</td>
                <td>{report.createdBy ?? 'A former member or a schedule'}</td>
                <td>{new Date(report.createdAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
