import type { SessionView } from '@callmine/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { isAdmin } from '../../../lib/session.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { InviteForm } from './InviteForm.tsx';
import { MemberRow } from './MemberRow.tsx';
import { PendingInvitations } from './PendingInvitations.tsx';

export function MembersSection({ session }: { session: SessionView }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.members.list.queryOptions());
  const canManage = isAdmin(session);
  return (
    <section aria-labelledby="members-heading" className="card">
      <h2 id="members-heading">Members</h2>
      {members.isPending ? <p>Loading members…</p> : null}
      {members.isError ? <Alert tone="error">{errorMessage(members.error)}</Alert> : null}
      {members.data ? (
        <table aria-label="Members">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              <MemberRow key={m.id} member={m} session={session} canManage={canManage} />
            ))}
          </tbody>
        </table>
      ) : null}
      {canManage ? (
        <>
          <PendingInvitations />
          <InviteForm />
        </>
      ) : null}
    </section>
  );
}
