import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Alert } from './components/Alert.tsx';
import { AnalysesPage } from './features/analyses/AnalysesPage.tsx';
import { AnalysisEditorPage } from './features/analyses/AnalysisEditorPage.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { AcceptInvitePage } from './features/invite/AcceptInvitePage.tsx';
import { OperatorPage } from './features/operator/OperatorPage.tsx';
import { loadReportPage } from './features/reports/prefetch-report.ts';
import { ReportsPage } from './features/reports/ReportsPage.tsx';
import { RunsPage } from './features/runs/RunsPage.tsx';
import { SchedulesPage } from './features/schedules/SchedulesPage.tsx';
import { SettingsPage } from './features/settings/SettingsPage.tsx';
import { SetupPage } from './features/setup/SetupPage.tsx';
import { AppFrame } from './features/shell/AppFrame.tsx';
import { NoWorkspacePage } from './features/workspaces/NoWorkspacePage.tsx';
import { SignUpPage } from './features/workspaces/SignUpPage.tsx';
import { errorMessage } from './lib/errors.ts';
import { useSession, useSignOutOnUnauthorized } from './lib/session.ts';
import { useTRPC } from './lib/trpc.ts';

// The report view carries the chart library; loading it on demand keeps the first page light.
const ReportPage = lazy(() => loadReportPage().then((module) => ({ default: module.ReportPage })));

/** Routes, gated by the install's state: fresh → setup; signed out → sign-in; else the app. */
export function App() {
  const trpc = useTRPC();
  const location = useLocation();
  const setup = useQuery(trpc.setup.status.queryOptions());
  const session = useSession();
  // Signed in but in no workspace (auth.session is null then): the account answers, the SPA says so.
  const account = useQuery({
    ...trpc.workspaces.mine.queryOptions(),
    // Asked alongside the session (one batched request), not after it, so no page waits a round trip longer.
    enabled: setup.data?.needsOwner !== true,
    retry: false,
  });
  useSignOutOnUnauthorized();

  if (setup.isError || session.isError) {
    return (
      <main className="auth-page">
        <Alert tone="error">{errorMessage(setup.error ?? session.error)}</Alert>
      </main>
    );
  }
  if (
    setup.isPending ||
    session.isPending ||
    (session.data === null && account.isPending && account.isFetching)
  ) {
    return <main className="auth-page">Loading…</main>;
  }

  const needsOwner = setup.data.needsOwner;
  const signedIn = session.data;
  const workspaceless = !signedIn && account.data ? account.data : null;
  return (
    <Routes>
      <Route path="/invite/:invitationId" element={<AcceptInvitePage />} />
      {/* A new owner goes straight to Settings: connecting Gong comes next. */}
      <Route
        path="/setup"
        element={needsOwner ? <SetupPage /> : <Navigate to={signedIn ? '/settings' : '/sign-in'} replace />}
      />
      <Route
        path="/sign-in"
        element={
          needsOwner ? (
            <Navigate to="/setup" replace />
          ) : signedIn || workspaceless ? (
            <Navigate to={(location.state as { from?: string } | null)?.from ?? '/'} replace />
          ) : (
            <SignInPage />
          )
        }
      />
      <Route
        path="/sign-up"
        element={
          // A new owner goes on to Settings, as after setup: connecting Gong comes next.
          signedIn || workspaceless ? <Navigate to="/settings" replace /> : <SignUpPage />
        }
      />
      <Route
        element={
          needsOwner ? (
            <Navigate to="/setup" replace />
          ) : signedIn ? (
            <AppFrame session={signedIn} />
          ) : workspaceless ? (
            <NoWorkspacePage account={workspaceless} />
          ) : (
            <Navigate to="/sign-in" replace state={{ from: location.pathname }} />
          )
        }
      >
        <Route index element={<Navigate to="/reports" replace />} />
        <Route path="/reports" element={<ReportsPage />} />
        <Route
          path="/reports/:id"
          element={
            <Suspense fallback={<p>Loading the report…</p>}>
              <ReportPage />
            </Suspense>
          }
        />
        <Route path="/analyses" element={<AnalysesPage />} />
        <Route path="/analyses/new" element={<AnalysisEditorPage />} />
        <Route path="/analyses/:id" element={<AnalysisEditorPage />} />
        <Route path="/runs" element={<RunsPage />} />
        <Route path="/schedules" element={<SchedulesPage />} />
        <Route path="/settings" element={signedIn ? <SettingsPage session={signedIn} /> : null} />
        <Route path="/operator" element={<OperatorPage />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>That page doesn’t exist. Use the navigation above.</p>
    </section>
  );
}
