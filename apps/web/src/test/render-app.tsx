// Renders the real App against a real Callmine server (temp SQLite, real HTTP): no mocks of our own code.
import { browserLikeFetch } from '@callmine/server/testing';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App, loadAllPages } from '../App.tsx';
import { createApiClient, createQueryClient } from '../lib/trpc.ts';
import { Providers } from '../Providers.tsx';

// The pages load on demand in the app; here their code (and its transform) is loaded as the test file is, not
// inside a test's time limit.
await loadAllPages();

export function renderApp(serverUrl: string, route: string, fetcher = browserLikeFetch(serverUrl)) {
  // jsdom's AbortSignal is not the one Node's fetch accepts; cancellation doesn't matter in these tests.
  const nodeFetch: typeof fetch = (input, init) => fetcher(input, { ...init, signal: null });
  const trpcClient = createApiClient({ url: `${serverUrl}/trpc`, fetch: nodeFetch });
  return render(
    <Providers trpcClient={trpcClient} queryClient={createQueryClient()}>
      <MemoryRouter initialEntries={[route]}>
        <App />
      </MemoryRouter>
    </Providers>,
  );
}
