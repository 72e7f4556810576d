import type { SessionView, UsageSummary } from '@callmine/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { isAdmin } from '../../../lib/session.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { runHref, runOrigin, runTitle } from '../../runs/run-label.ts';

const n = (value: number) => value.toLocaleString('en-US');

/** 'YYYY-MM' (UTC) as people say it: "November 2026". */
export function monthName(month: string): string {
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/**
 * Settings → Usage: this month's analysed calls against the allowance, use by month, and the runs that used it.
 * It shows the workspace id because the operator's `npm run quota` command needs it (the slug and id are
 * generated, and appear nowhere else in the UI); admins also see the command, since they are the ones to ask; the
 * operator, who sets allowances on the Operator page, is sent there.
 */
export function UsageSection({ session }: { session: SessionView }) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.usage.summary.queryOptions());
  // The shell has it already: whether this person runs the instance (and so sets allowances themselves).
  const account = useQuery(trpc.workspaces.mine.queryOptions());
  return (
    <section aria-labelledby="usage-heading" className="card usage">
      <h2 id="usage-heading">Usage</h2>
      {usage.isPending ? <p>Loading…</p> : null}
      {usage.isError ? <Alert tone="error">{errorMessage(usage.error)}</Alert> : null}
      {usage.data ? <UsageDetails usage={usage.data} /> : null}
      <p className="hint">
        Workspace id: <code>{session.workspace.id}</code>
      </p>
      {account.data?.operator ? (
        <p className="hint">
          You run this Callmine: set this workspace’s allowance on the <Link to="/operator">Operator</Link>{' '}
          page.
        </p>
      ) : isAdmin(session) ? (
        <p className="hint">
          The allowance is set on the server, not here: ask whoever runs Callmine to run{' '}
          <code>npm run quota -- set {session.workspace.id} &lt;calls&gt;</code>.
        </p>
      ) : null}
    </section>
  );
}

function UsageDetails({ usage }: { usage: UsageSummary }) {
  const label = `Calls analysed in ${monthName(usage.month)}`;
  return (
    <>
      <p className="hint">
        Each call counts once per calendar month (UTC), however many runs include it.{' '}
        {usage.customAllowance
          ? 'Your operator set this workspace’s allowance.'
          : 'This is the allowance every workspace gets.'}
      </p>
      <progress
        aria-label={label}
        max={Math.max(usage.allowance, 1)}
        value={Math.min(usage.used, usage.allowance)}
      />
      <p>
        {label}: <strong>{n(usage.used)}</strong> of {n(usage.allowance)} · {n(usage.remaining)} left
      </p>
      {usage.remaining === 0 ? (
        <Alert tone="info">
          The allowance is used up: runs this month analyse only calls already counted, and end partial.
        </Alert>
      ) : null}
      <h3>By month</h3>
      <table aria-label="Usage by month">
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Calls analysed</th>
          </tr>
        </thead>
        <tbody>
          {usage.history.map((m) => (
            <tr key={m.month}>
              <td>{monthName(m.month)}</td>
              <td>{n(m.used)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Runs that used it</h3>
      {usage.runs.length === 0 ? (
        <p className="hint">No run has used the allowance yet.</p>
      ) : (
        <table aria-label="Runs that used the allowance">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Month</th>
              <th scope="col">Counted</th>
              <th scope="col">Already counted</th>
              <th scope="col">Skipped</th>
            </tr>
          </thead>
          <tbody>
            {usage.runs.map((r) => (
              <tr key={r.runId}>
                <td>
                  <Link to={runHref(r.runId)}>{runTitle(r)}</Link>
                  <br />
                  <span className="hint">{runOrigin(r)}</span>
                </td>
                <td>{monthName(r.month)}</td>
                <td>{n(r.callsCharged)}</td>
                <td>{n(r.callsFree)}</td>
                <td>{n(r.callsSkipped)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
