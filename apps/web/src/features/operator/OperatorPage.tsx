import { useQuery } from '@tanstack/react-query';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { CreateWorkspaceForm } from './CreateWorkspaceForm.tsx';
import { WorkspaceRow } from './WorkspaceRow.tsx';

/** The instance operator's page: every workspace of this Callmine, as a whole; never what is inside them. */
export function OperatorPage() {
  const trpc = useTRPC();
  const workspaces = useQuery(trpc.operator.workspaces.queryOptions());
  const audit = useQuery(trpc.operator.auditLog.queryOptions());
  return (
    <section aria-labelledby="operator-heading">
      <h1 id="operator-heading">Operator</h1>
      <p className="lede">
        Workspaces on this Callmine. You see their members, Gong status and use, never their calls, reports or
        keys, unless you are a member.
      </p>
      <CreateWorkspaceForm />
      <h2>Workspaces</h2>
      {workspaces.isError ? <Alert tone="error">{errorMessage(workspaces.error)}</Alert> : null}
      {workspaces.data ? (
        <div>
          <table aria-label="Workspaces">
            <thead>
              <tr>
                <th scope="col">Workspace</th>
                <th scope="col">Members</th>
                <th scope="col">Gong</th>
                <th scope="col">This month</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {workspaces.data.map((w) => (
                <WorkspaceRow key={w.id} workspace={w} />
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Loading workspaces…</p>
      )}
      <h2>Operator log</h2>
      <ul aria-label="Operator log">
        {(audit.data ?? []).map((event) => (
          <li key={event.id}>
            {new Date(event.at).toLocaleString()}: {event.actorName ?? 'Someone'} · {event.action} ·{' '}
            {event.workspaceName}
            {event.detail ? ` (${event.detail})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
