import type { SessionView } from '@callmine/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { isAdmin, useAdoptSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { WebhooksOffNotice } from '../settings/webhooks/WebhooksOffNotice.tsx';
import { WorkspaceSwitcher } from '../workspaces/WorkspaceSwitcher.tsx';

/** The signed-in frame: navigation, who you are, sign out. */
export function AppFrame({ session }: { session: SessionView }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const adoptSession = useAdoptSession();
  const account = useQuery(trpc.workspaces.mine.queryOptions());
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: () => {
        adoptSession(null);
        navigate('/sign-in', { replace: true });
      },
    }),
  );
  return (
    <div className="frame">
      <header className="topbar">
        <span className="brand">Callmine</span>
        <nav aria-label="Main">
          <NavLink to="/reports">Reports</NavLink>
          <NavLink to="/analyses">Analyses</NavLink>
          <NavLink to="/runs">Runs</NavLink>
          <NavLink to="/schedules">Schedules</NavLink>
          <NavLink to="/settings">Settings</NavLink>
          {account.data?.operator ? <NavLink to="/operator">Operator</NavLink> : null}
        </nav>
        <div className="whoami">
          <span>
            {session.user.name} · <WorkspaceSwitcher session={session} /> ·{' '}
            <span className="role">{session.role}</span>
          </span>
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      <div className="content">
        {isAdmin(session) ? <WebhooksOffNotice /> : null}
        {/* A page's code loads when it is first shown: the frame stays meanwhile. */}
        <Suspense fallback={<p>Loading…</p>}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
