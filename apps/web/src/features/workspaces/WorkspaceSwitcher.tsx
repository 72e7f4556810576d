import type { SessionView } from '@callmine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

/**
 * The header's workspace picker. Switching changes the session's active workspace on the server, then drops
 * every cached answer (they belong to the workspace left) except the install's state, so nothing of one
 * workspace is ever shown under the other's name.
 */
export function WorkspaceSwitcher({ session }: { session: SessionView }) {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mine = useQuery(trpc.workspaces.mine.queryOptions());
  const switchTo = useMutation(
    trpc.workspaces.switch.mutationOptions({
      onSuccess: async (next) => {
        const keep = JSON.stringify(trpc.setup.status.queryKey());
        await queryClient.cancelQueries();
        queryClient.removeQueries({ predicate: (q) => JSON.stringify(q.queryKey) !== keep });
        queryClient.setQueryData(trpc.auth.session.queryKey(), next);
        navigate('/reports');
      },
    }),
  );
  const workspaces = mine.data?.workspaces ?? [];
  // One workspace: its name as plain text in the header line ("Ada · Acme · owner").
  if (workspaces.length < 2) return <>{session.workspace.name}</>;
  return (
    <span className="workspace-switcher">
      <label htmlFor={id} className="visually-hidden">
        Workspace
      </label>
      <select
        id={id}
        value={session.workspace.id}
        disabled={switchTo.isPending}
        onChange={(e) => switchTo.mutate({ id: e.target.value })}
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id} disabled={w.suspended}>
            {w.name} ({w.suspended ? 'suspended' : w.role})
          </option>
        ))}
      </select>
      {switchTo.isError ? (
        <span role="alert" className="field-error">
          {errorMessage(switchTo.error)}
        </span>
      ) : null}
    </span>
  );
}
