import type { SessionView } from '@callmine/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
    void queryClient.invalidateQueries({
      predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(trpc.auth.session.queryKey()),
    });
  };
}

export const isAdmin = (session: SessionView | null | undefined) =>
  session?.role === 'owner' || session?.role === 'admin';
