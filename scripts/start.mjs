// `npm start`: install, build the SPA, then run the server and, once it is up (it applies the migrations), the
// worker beside it. Both stay in this process group; a signal is forwarded to both, and when either exits the
// other is stopped and `npm start` exits with it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { install, PNPM_VERSION, pnpm } from './pnpm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

install();
pnpm(['--filter', '@callmine/web', 'build']);

const children = [];
let ending = false;

function start(name, onLine) {
  const child = spawn('npx', ['-y', `pnpm@${PNPM_VERSION}`, '--filter', name, 'start'], {
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

// The worker starts after the server has migrated the database, so the two never race to apply a migration.
let workerStarted = false;
start('@callmine/server', (text) => {
  if (!workerStarted && text.includes('Callmine is running at')) {
    workerStarted = true;
    start('@callmine/worker');
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stopAll(signal));
}
