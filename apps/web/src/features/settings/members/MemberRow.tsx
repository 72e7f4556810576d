import type { MemberView, SessionView, WorkspaceRole } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';

const roleLabels: Record<WorkspaceRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

export function MemberRow({
  member,
  session,
  canManage,
}: {
  member: MemberView;
  session: SessionView;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = (members: MemberView[]) =>
    queryClient.setQueryData(trpc.members.list.queryKey(), members);
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess }));
  const isSelf = member.userId === session.user.id;
  // Only owners may grant or take away ownership; the server enforces it too.
  const roles: WorkspaceRole[] =
    session.role === 'owner' ? ['owner', 'admin', 'member'] : ['admin', 'member'];
  const editable = canManage && (session.role === 'owner' || member.role !== 'owner');
  const failure = changeRole.error ?? remove.error;

  return (
    <tr>
      <td>
        {member.name}
        {isSelf ? <span className="hint"> (you)</span> : null}
      </td>
      <td>{member.email}</td>
      <td>
        {editable ? (
          <select
            aria-label={`Role of ${member.name}`}
            value={member.role}
            disabled={changeRole.isPending}
            onChange={(e) =>
              changeRole.mutate({ memberId: member.id, role: e.target.value as WorkspaceRole })
            }
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        ) : (
          roleLabels[member.role]
        )}
        {failure ? (
          <p role="alert" className="field-error">
            {errorMessage(failure)}
          </p>
        ) : null}
      </td>
      <td>{new Date(member.joinedAt).toLocaleDateString()}</td>
      {canManage ? (
        <td>
          {editable && !isSelf ? (
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(`Remove ${member.name} from the workspace?`))
                  remove.mutate({ memberId: member.id });
              }}
            >
              Remove
            </button>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
