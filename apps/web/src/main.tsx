import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { prefetchReportRoute } from './features/reports/prefetch-report.ts';
import { createApiClient, createQueryClient } from './lib/trpc.ts';
import { Providers } from './Providers.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

const trpcClient = createApiClient();
const queryClient = createQueryClient();
prefetchReportRoute(window.location, trpcClient, queryClient);

createRoot(root).render(
  <StrictMode>
    <Providers trpcClient={trpcClient} queryClient={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
