import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AnalysisRow } from './AnalysisRow.tsx';

/** Saved analyses: run one now, edit or delete it, or define a new one. */
export function AnalysesPage() {
  const trpc = useTRPC();
  const analyses = useQuery(trpc.analyses.list.queryOptions());
  return (
    <section>
      <div className="section-head">
        <h1>Analyses</h1>
        <Link to="/analyses/new" className="button primary">
          New analysis
        </Link>
      </div>
      {analyses.isError ? <Alert tone="error">{errorMessage(analyses.error)}</Alert> : null}
      {analyses.isPending ? <p>Loading analyses…</p> : null}
      {analyses.data?.length === 0 ? (
        <div className="empty">
          <p>No analyses yet.</p>
          <p>
            An analysis says which calls to look at and what to find in them: trackers, customer questions,
            themes, talk metrics. <Link to="/analyses/new">Define your first one</Link>.
          </p>
        </div>
      ) : null}
      {analyses.data && analyses.data.length > 0 ? (
        <table className="ranked">
          <caption className="visually-hidden">Saved analyses</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Calls from</th>
              <th scope="col">Finds</th>
              <th scope="col">Last run</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {analyses.data.map((analysis) => (
              <AnalysisRow key={analysis.id} analysis={analysis} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
