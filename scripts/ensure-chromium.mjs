// Browser tests use Debian's Chromium; no test tool may download a browser of its own.
import { existsSync } from 'node:fs';
import { run } from './pnpm.mjs';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    console.error(
      `✖ Browser tests need Debian's "chromium" package at ${CHROMIUM_PATH}.\n` +
        '  Install it as root: apt-get update && apt-get install -y chromium',
    );
    process.exit(1);
  }
  console.log('Installing Debian chromium for the browser tests…');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
