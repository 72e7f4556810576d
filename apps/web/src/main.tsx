import { startEarlyRequests } from './early-requests.ts';
import './styles.css';

// This entry is small on purpose: the first page's requests leave before the app's code (react-dom, tRPC, the
// pages) is loaded and run, which is most of the start-up's time. The build preloads the app's code from the HTML.
const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

const { responses, firstPage } = startEarlyRequests(window.location);

void Promise.all([import('./mount-app.tsx'), firstPage]).then(([{ mountApp }]) => mountApp(root, responses));
