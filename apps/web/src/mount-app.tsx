import type { AppRouter } from '@callmine/api';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import type { EarlyResponses } from './early-requests.ts';
import { createApiClient, createQueryClient } from './lib/trpc.ts';
import { Providers } from './Providers.tsx';

/** The app, drawn into the page's root element; its first requests take the answers the entry already asked for. */
export function mountApp(root: HTMLElement, early: EarlyResponses) {
  const trpcClient = createApiClient({ early });
  const queryClient = createQueryClient();
  // Asked together, as the entry did (one batch: the same URL), before the first render asks for more.
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  void queryClient.prefetchQuery(trpc.setup.status.queryOptions());
  void queryClient.prefetchQuery(trpc.auth.session.queryOptions());
  createRoot(root).render(
    <StrictMode>
      <Providers trpcClient={trpcClient} queryClient={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </Providers>
    </StrictMode>,
  );
}
