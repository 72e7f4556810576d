import { createApiClient, createQueryClient } from './lib/trpc.ts';
import { startRequests } from './start-requests.ts';
import './styles.css';

// This entry is small on purpose: the first page's requests leave before the app's code (react-dom, the pages) is
// loaded and run, which is most of the start-up's time.
const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

const trpcClient = createApiClient();
const queryClient = createQueryClient();
const firstPage = startRequests(window.location, trpcClient, queryClient);

void Promise.all([import('./mount-app.tsx'), firstPage]).then(([{ mountApp }]) =>
  mountApp(root, trpcClient, queryClient),
);
