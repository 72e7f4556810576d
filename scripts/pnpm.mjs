// Runs the pinned pnpm through npx: corepack is unreliable on these machines, and a global pnpm may differ.
import { spawnSync } from 'node:child_process';

export const PNPM_VERSION = '12.4.2';

/** Runs `pnpm <args>` in the repo root, inheriting stdio; exits the process on failure. */
export function pnpm(args, options = {}) {
  run('npx', ['-y', `pnpm@${PNPM_VERSION}`, ...args], options);
}

export function run(command, args, options = {}) {
  const label = [command, ...args].join(' ');
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** Installs the workspace exactly as the lockfile says. */
export function install() {
  pnpm(['install', '--frozen-lockfile', '--reporter=append-only']);
}
