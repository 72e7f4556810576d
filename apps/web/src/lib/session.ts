import type { SessionView } from '@callmine/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isApiError } from './errors.ts';
import { useTRPC } from './trpc.ts';

export function useSession() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.session.queryOptions());
}

/** After sign-in, setup or joining: store the new session and refetch everything else as that user. */
export function useAdoptSession() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (session: SessionView | null) => {
    queryClient.setQueryData(trpc.auth.session.queryKey(), session);
    // The account's memberships belong to whoever was signed in; a failed refetch would keep the old answer.
    queryClient.removeQueries({ queryKey: trpc.workspaces.mine.queryKey() });
    void queryClient.invalidateQueries({
      predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(trpc.auth.session.queryKey()),
    });
  };
}

export const isAdmin = (session: SessionView | null | undefined) =>
  session?.role === 'owner' || session?.role === 'admin';

/**
 * When any call answers UNAUTHORIZED (the session expired or was revoked), forget the session so the routes send
 * the user to sign-in, returning them to the same page afterwards.
 */
export function useSignOutOnUnauthorized() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const sessionKey = trpc.auth.session.queryKey();
    const mineKey = trpc.workspaces.mine.queryKey();
    const onError = (error: unknown) => {
      if (isApiError(error) && error.data?.code === 'UNAUTHORIZED') {
        const hadSession = Boolean(queryClient.getQueryData(sessionKey));
        if (hadSession) queryClient.setQueryData(sessionKey, null);
        // Once per sign-out: every other call in flight answers UNAUTHORIZED too, and resetting the account again
        // would flip the sign-in page back to "Loading…" (and drop what the person started typing).
        if (hadSession || queryClient.getQueryData(mineKey))
          void queryClient.resetQueries({ queryKey: mineKey });
      }
    };
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      // The account query answers UNAUTHORIZED whenever nobody is signed in (that is how the SPA asks), and an
      // answer to a request sent before signing in must not sign the new session out.
      if (JSON.stringify(event.query.queryKey) === JSON.stringify(mineKey)) return;
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [queryClient, trpc]);
}
