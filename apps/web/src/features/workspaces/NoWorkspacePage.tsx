import type { AccountView } from '@callmine/contracts';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useAdoptSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { OperatorPage } from '../operator/OperatorPage.tsx';

/**
 * Signed in, but in no workspace (the last one was deleted, or the person was removed). The account still works:
 * an invitation link adds them to a workspace; an operator still runs the instance from here.
 */
export function NoWorkspacePage({ account }: { account: AccountView }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const adoptSession = useAdoptSession();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: () => {
        adoptSession(null);
        navigate('/sign-in', { replace: true });
      },
    }),
  );
  return (
    <main className="auth-page">
      <h1>You are in no workspace</h1>
      <p className="lede">
        You are signed in as {account.user.email}, but no workspace has you as a member. Ask a workspace admin
        for an invitation link.
      </p>
      <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
      {account.operator ? <OperatorPage /> : null}
    </main>
  );
}
