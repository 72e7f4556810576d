import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { RunItem } from './RunItem.tsx';
import { StartRunForm } from './StartRunForm.tsx';

const POLL_MS = 1000;
const isActive = (status: string) => status === 'queued' || status === 'fetching' || status === 'analyzing';

/** Runs: start one, follow the active ones live (polling while any is active), and see the history. */
export function RunsPage() {
  const trpc = useTRPC();
  // A link to one run (a schedule's "View its run", Settings → Usage) names it: /runs?run=<id>.
  const [searchParams] = useSearchParams();
  const linkedRun = searchParams.get('run');
  const runs = useQuery({
    ...trpc.runs.list.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some((run) => isActive(run.status)) ? POLL_MS : false),
  });
  const anyActive = runs.data?.some((run) => isActive(run.status)) ?? false;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!anyActive) return;
    const timer = setInterval(() => setNow(Date.now()), POLL_MS);
    return () => clearInterval(timer);
  }, [anyActive]);

  return (
    <section>
      <h1>Runs</h1>
      <StartRunForm />
      <h2>History</h2>
      {runs.isError ? <Alert tone="error">{errorMessage(runs.error)}</Alert> : null}
      {runs.isPending ? <p>Loading runs…</p> : null}
      {runs.data?.length === 0 ? <p className="empty">No runs yet. Start one above.</p> : null}
      <ul className="runs" aria-label="Runs">
        {runs.data?.map((run) => (
          <RunItem
            key={run.id}
            run={run}
            now={Math.max(now, Date.now())}
            highlighted={run.id === linkedRun}
          />
        ))}
      </ul>
    </section>
  );
}
