import type { SessionView } from '@callmine/contracts';
import { useMutation } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useAdoptSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** The signed-in frame: navigation, who you are, sign out. */
export function AppFrame({ session }: { session: SessionView }) {
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
    <div className="frame">
      <header className="topbar">
        <span className="brand">Callmine</span>
        <nav aria-label="Main">
          <NavLink to="/reports">Reports</NavLink>
          <NavLink to="/analyses">Analyses</NavLink>
          <NavLink to="/runs">Runs</NavLink>
          <NavLink to="/schedules">Schedules</NavLink>
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        <div className="whoami">
          <span>
            {session.user.name} · {session.workspace.name} · <span className="role">{session.role}</span>
          </span>
          <button type="button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      <div className="content">
        <Outlet />
      </div>
    </div>
  );
}
