// `npm start`: install, build what is stale of the SPA and of the server and worker bundles, then run the server and,
// once it is up (it applies the migrations), the worker beside it (or only one of them, by CALLMINE_ROLE), each as `node dist/main.js`: no npm, pnpm or tsx
// stays in the process tree. Both are children of this process; a signal is forwarded to both, and when either
// exits the other is stopped and `npm start` exits with it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { buildWeb } from './build-web.mjs';
import { install } from './pnpm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

install();
buildWeb();
await build({ includeTests: false });

const children = [];
let ending = false;

function start(name, onLine) {
  // Source maps make a stack trace name the TypeScript file and line.
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: `apps/${name}`,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    onLine?.(String(chunk));
  });
  child.on('exit', (code, signal) => {
    if (!ending) console.error(`\n✖ ${name} exited (${code ?? signal}); stopping Callmine.`);
    stopAll('SIGTERM');
    process.exitCode = code ?? 1;
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(process.exitCode);
  });
  children.push(child);
  return child;
}

function stopAll(signal) {
  ending = true;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  }
}

// CALLMINE_ROLE picks the processes (the apps validate the value and refuse a wrong one). With both, the worker starts
// after the server has migrated the database, so the two never race to apply a migration; alone, each process
// migrates under the database's lock.
const role = process.env.CALLMINE_ROLE ?? 'all';
if (role === 'worker') start('worker');
else {
  let workerStarted = role !== 'all';
  start('server', (text) => {
    if (!workerStarted && text.includes('Callmine is running at')) {
      workerStarted = true;
      start('worker');
    }
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stopAll(signal));
}
