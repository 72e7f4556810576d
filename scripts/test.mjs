// `npm test`: install, then lint, types, unit/API/component tests and browser end-to-end tests — all must pass.
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';
import { install, pnpm } from './pnpm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

const step = (name) => console.log(`\n▶ ${name}`);

step('install');
install();
ensureChromium();
step('lint + format (biome)');
pnpm(['exec', 'biome', 'ci', '.']);
step('types (tsc)');
pnpm(['-r', '--no-bail', 'typecheck']);
step('build the SPA (the end-to-end tests serve it)');
pnpm(['--filter', '@callmine/web', 'build']);
step('unit, API and component tests (vitest)');
pnpm(['exec', 'vitest', 'run']);
step('browser end-to-end tests (playwright + Debian chromium)');
pnpm(['exec', 'playwright', 'test']);
