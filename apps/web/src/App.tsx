import { useQuery } from '@tanstack/react-query';
import { type ComponentType, lazy, Suspense, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Alert } from './components/Alert.tsx';
import { loadedReportPage, loadReportPage } from './features/reports/prefetch-report.ts';
import { AppFrame } from './features/shell/AppFrame.tsx';
import { errorMessage } from './lib/errors.ts';
import { useSession, useSignOutOnUnauthorized } from './lib/session.ts';
import { useTRPC } from './lib/trpc.ts';

const pageLoaders: Array<() => Promise<unknown>> = [];

/** A page whose code loads when its route is first shown: the first screen loads only its own page's code. */
function page<Props extends object, Name extends string>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
) {
  pageLoaders.push(load);
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

/** Every page's code at once (component tests load it before they start, outside their time limits). */
export const loadAllPages = () => Promise.all(pageLoaders.map((load) => load()));

const AnalysesPage = page(() => import('./features/analyses/AnalysesPage.tsx'), 'AnalysesPage');
const AnalysisEditorPage = page(
  () => import('./features/analyses/AnalysisEditorPage.tsx'),
  'AnalysisEditorPage',
);
const SignInPage = page(() => import('./features/auth/SignInPage.tsx'), 'SignInPage');
const AcceptInvitePage = page(() => import('./features/invite/AcceptInvitePage.tsx'), 'AcceptInvitePage');
const OperatorPage = page(() => import('./features/operator/OperatorPage.tsx'), 'OperatorPage');
const ReportsPage = page(() => import('./features/reports/ReportsPage.tsx'), 'ReportsPage');
const RunsPage = page(() => import('./features/runs/RunsPage.tsx'), 'RunsPage');
const SchedulesPage = page(() => import('./features/schedules/SchedulesPage.tsx'), 'SchedulesPage');
const SettingsPage = page(() => import('./features/settings/SettingsPage.tsx'), 'SettingsPage');
const SetupPage = page(() => import('./features/setup/SetupPage.tsx'), 'SetupPage');
const NoWorkspacePage = page(() => import('./features/workspaces/NoWorkspacePage.tsx'), 'NoWorkspacePage');
const SignUpPage = page(() => import('./features/workspaces/SignUpPage.tsx'), 'SignUpPage');
const LazyReportPage = page(loadReportPage, 'ReportPage');

/**
 * The report view. Opened from a report's link, its code is loaded at start-up (`prefetch-report.ts`) and it is
 * drawn at once: React holds back the content that replaces a shown Suspense fallback for up to 300 ms. Chosen once
 * per visit, so a later render never swaps the component (and its state) for the other.
 */
function ReportRoute() {
  const [Loaded] = useState(() => loadedReportPage()?.ReportPage);
  if (Loaded) return <Loaded />;
  return (
    <Suspense fallback={<p>Loading the report…</p>}>
      <LazyReportPage />
    </Suspense>
  );
}

const loading = <main className="auth-page">Loading…</main>;

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
    return loading;
  }

  const needsOwner = setup.data.needsOwner;
  const signedIn = session.data;
  const workspaceless = !signedIn && account.data ? account.data : null;
  return (
    <Suspense fallback={loading}>
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
          <Route path="/reports/:id" element={<ReportRoute />} />
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
    </Suspense>
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
