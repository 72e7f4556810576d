import type { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import type { ApiClient } from './lib/trpc.ts';
import { Providers } from './Providers.tsx';

/** The app, drawn into the page's root element with the clients whose first requests are already under way. */
export function mountApp(root: HTMLElement, trpcClient: ApiClient, queryClient: QueryClient) {
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
