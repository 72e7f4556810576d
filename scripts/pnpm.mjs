// Runs the pinned pnpm through npx: corepack is unreliable on these machines, and a global pnpm may differ.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PNPM_VERSION = '12.4.2';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs `pnpm <args>` in the repo root, inheriting stdio; exits the process on failure. */
export function pnpm(args, options = {}) {
  run('npx', ['-y', `pnpm@${PNPM_VERSION}`, ...args], { cwd: root, ...options });
}

export function run(command, args, options = {}) {
  const label = [command, ...args].join(' ');
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n✖ ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/**
 * Installs the workspace exactly as the lockfile says. Skipped when the last install already did: pnpm keeps a copy
 * of the lockfile it installed (node_modules/.pnpm/lock.yaml), and no manifest changed since. npx and pnpm take 1.5 to
 * 5 s just to say "Already up to date", and `npm start` and every QA command install first.
 */
export function install() {
  if (installedFromLockfile()) {
    console.log('Dependencies up to date (node_modules was installed from this pnpm-lock.yaml).');
    return;
  }
  pnpm(['install', '--frozen-lockfile', '--reporter=append-only']);
}

function installedFromLockfile() {
  const at = (...parts) => join(root, ...parts);
  try {
    if (!readFileSync(at('pnpm-lock.yaml')).equals(readFileSync(at('node_modules/.pnpm/lock.yaml'))))
      return false;
    const installedAt = statSync(at('node_modules/.modules.yaml')).mtimeMs;
    const projects = ['apps', 'packages'].flatMap((dir) =>
      readdirSync(at(dir))
        .map((name) => join(dir, name))
        .filter((project) => existsSync(at(project, 'package.json'))),
    );
    const manifests = [
      'package.json',
      'pnpm-workspace.yaml',
      ...projects.map((p) => join(p, 'package.json')),
    ];
    return (
      manifests.every((file) => statSync(at(file)).mtimeMs <= installedAt) &&
      projects.every((project) => existsSync(at(project, 'node_modules')))
    );
  } catch {
    return false;
  }
}
