// Builds the SPA (apps/web/dist) when it is stale: `npm start`, `npm test` and every e2e file's `npm start` ask for it,
// and an up-to-date dist saves a vite build each time. Stale means a source newer than the last build's start: the
// web app's files, any workspace package's sources (the SPA bundles the shared contracts), the lockfile. Test files
// never reach the bundle and do not count.
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(root, 'apps/web/dist/.built');
const SKIP = new Set(['node_modules', 'dist', 'e2e', 'test', 'testing']);

/** Builds apps/web/dist unless it is up to date; returns whether it built. */
export function buildWeb({ log = console.log } = {}) {
  const newest = Math.max(
    newestIn(join(root, 'apps/web')),
    ...readdirSync(join(root, 'packages')).map((name) => newestIn(join(root, 'packages', name))),
    statSync(join(root, 'pnpm-lock.yaml')).mtimeMs,
  );
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newest) {
    log('SPA up to date (apps/web/dist).');
    return false;
  }
  const startedAt = new Date();
  pnpm(['--filter', '@callmine/web', 'build']);
  // Dated when the build started: a file saved during the build is newer, so the next call builds again.
  writeFileSync(STAMP, '');
  utimesSync(STAMP, startedAt, startedAt);
  return true;
}

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestIn(path));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
