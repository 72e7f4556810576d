// `npm start`: install, build the SPA, then run the server (which applies migrations and prints its URL).
import { fileURLToPath } from 'node:url';
import { install, pnpm } from './pnpm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

install();
pnpm(['--filter', '@callmine/web', 'build']);
pnpm(['--filter', '@callmine/server', 'start']);
