import type { AppRouter } from '@callmine/api';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import type { EarlyResponses } from './lib/early-responses.ts';
import { createApiClient, createQueryClient } from './lib/trpc.ts';
import { Providers } from './Providers.tsx';

/** How long the first draw waits for the first page's answers, so that it draws the page whole, once. */
const FIRST_DRAW_WAIT_MS = 500;

/**
 * The app, drawn into the page's root element; its first requests take the answers the entry already asked for.
 * It is drawn once those answers are in (the session, and on a report's link the report), up to a short wait:
 * drawing "Loading…", then the frame, then the report was three passes, each a task the page waited for.
 */
export async function mountApp(root: HTMLElement, early: EarlyResponses) {
  const trpcClient = createApiClient({ early });
  const queryClient = createQueryClient();
  // Asked together, as the entry did (one batch: the same URL), and with the report's input the entry used.
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });
  const first = [
    queryClient.prefetchQuery(trpc.setup.status.queryOptions()),
    queryClient.prefetchQuery(trpc.auth.session.queryOptions()),
  ];
  if (early.reportInput)
    first.push(queryClient.prefetchQuery(trpc.reports.get.queryOptions(early.reportInput)));
  await Promise.race([Promise.all(first), new Promise((resolve) => setTimeout(resolve, FIRST_DRAW_WAIT_MS))]);
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
