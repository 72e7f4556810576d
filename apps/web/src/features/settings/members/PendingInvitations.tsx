import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { InviteLink } from './InviteLink.tsx';

export function PendingInvitations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.members.invitations.queryOptions());
  const revoke = useMutation(
    trpc.members.revokeInvitation.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.members.invitations.queryKey() }),
    }),
  );
  if (invitations.isError) return <Alert tone="error">{errorMessage(invitations.error)}</Alert>;
  if (!invitations.data?.length) return null;
  return (
    <div className="pending">
      <h3>Pending invitations</h3>
      {revoke.isError ? <Alert tone="error">{errorMessage(revoke.error)}</Alert> : null}
      <ul>
        {invitations.data.map((i) => (
          <li key={i.id}>
            <span>
              {i.email} · {i.role} · expires {new Date(i.expiresAt).toLocaleDateString()}
            </span>
            <InviteLink link={i.link} />
            <button
              type="button"
              onClick={() => revoke.mutate({ invitationId: i.id })}
              disabled={revoke.isPending}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
