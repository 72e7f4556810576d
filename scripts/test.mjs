// `npm test` (everything) and QA's narrower loops: `npm run test:components`, `test:api`, `test:e2e`.
// Every suite installs first (a no-op when node_modules matches the lockfile), so each works on a fresh clone.
// The run ends with a table of each step's wall time, printed on failure too, so a slow or failing step is plain.
import { spawn, spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { buildWeb } from './build-web.mjs';
import { ensureChromium } from './ensure-chromium.mjs';
import { install } from './pnpm.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

// A tool from the workspace's own node_modules/.bin (installed by the first step), started directly: through
// `npx pnpm exec` each step paid about 2.5 s of npx and pnpm start-up first. Its children see node_modules/.bin
// on PATH, as under `pnpm exec`.
const bin = (name, args) => [join(root, 'node_modules', '.bin', name), args];
const playwright = bin('playwright', ['test']);
const toolEnv = {
  ...process.env,
  PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}`,
};

/**
 * A step is a name and a command ([bin, args]), several commands run side by side ({ parallel: [...] }: both
 * cores busy, output prefixed by each command's label), or a function.
 */
const steps = {
  install: ['install', install],
  chromium: ['chromium (Debian package)', ensureChromium],
  lint: ['lint + format (biome)', bin('biome', ['ci', '.'])],
  // Two programs instead of one per package: every package but the SPA shares the root compiler options, so one
  // program (tsconfig.typecheck.json) checks them all, and the benchmarks in bench/, reading each shared file once; the
  // SPA (DOM, JSX) is the other.
  types: [
    'types (tsc)',
    {
      parallel: [
        ['packages + server + worker + bench', bin('tsc', ['-p', 'tsconfig.typecheck.json'])],
        ['web', bin('tsc', ['-p', 'apps/web'])],
      ],
    },
  ],
  build: ['build the SPA (the end-to-end tests serve it)', buildWeb],
  // Both bundles every test run asks for (the tests' own and `npm start`'s), before the two suites start at once.
  bundles: ['build the server and worker bundles', () => build()],
  // Side by side: the browser tests mostly wait on Chromium and their servers (about 25 s of CPU in 70 s alone), so
  // Vitest keeps both cores nearly as busy as alone, and the whole command ends about a minute sooner.
  tests: [
    'Vitest and Playwright, side by side',
    {
      parallel: [
        ['vitest', bin('vitest', ['run'])],
        ['playwright', playwright],
      ],
    },
  ],
  components: [
    'component tests (vitest, @callmine/web)',
    bin('vitest', ['run', '--project', '@callmine/web']),
  ],
  api: [
    'API and worker tests (vitest, @callmine/server + @callmine/worker)',
    bin('vitest', ['run', '--project', '@callmine/server', '--project', '@callmine/worker']),
  ],
  e2e: ['browser end-to-end tests (playwright + Debian chromium)', playwright],
};

const suites = {
  all: ['install', 'chromium', 'lint', 'types', 'build', 'bundles', 'tests'],
  components: ['install', 'components'],
  api: ['install', 'api'],
  e2e: ['install', 'chromium', 'build', 'e2e'],
};

const suite = process.argv[2] ?? 'all';
if (!suites[suite]) {
  console.error(`✖ Unknown suite "${suite}". Use one of: ${Object.keys(suites).join(', ')}.`);
  process.exit(2);
}

const timings = [];
let failed;
for (const key of suites[suite]) {
  const [name, action] = steps[key];
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  let status = 0;
  // Side-by-side commands' own times, shown under their step.
  const parts = [];
  if (typeof action === 'function') await action();
  else if ('parallel' in action) status = await runParallel(action.parallel, parts);
  else {
    const result = spawnSync(action[0], action[1], { stdio: 'inherit', env: toolEnv });
    status = result.status ?? 1;
  }
  timings.push({ name, seconds: (performance.now() - started) / 1000, ok: status === 0 }, ...parts);
  if (status !== 0) {
    failed = name;
    break;
  }
}

const total = timings.reduce((sum, t) => sum + (t.part ? 0 : t.seconds), 0);
const width = Math.max(...timings.map((t) => t.name.length), 'total'.length);
console.log(`\n${'step'.padEnd(width)}  wall time`);
for (const t of timings)
  console.log(`${t.name.padEnd(width)}  ${format(t.seconds)}${t.ok ? '' : '  ✖ failed'}`);
console.log(`${'total'.padEnd(width)}  ${format(total)}`);
if (failed) {
  console.error(`\n✖ ${failed} failed.`);
  process.exit(1);
}

/**
 * Runs labelled commands at once; each line of output is prefixed with its label. Fails when any fails. Each
 * command's wall time goes into `parts`.
 */
async function runParallel(commands, parts) {
  const codes = await Promise.all(
    commands.map(
      ([label, [command, args]]) =>
        new Promise((resolve) => {
          const started = performance.now();
          const done = (code) => {
            parts.push({
              name: `  ${label}`,
              seconds: (performance.now() - started) / 1000,
              ok: code === 0,
              part: true,
            });
            resolve(code);
          };
          const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: toolEnv });
          const prefix = (stream, out) => {
            let rest = '';
            stream.on('data', (chunk) => {
              const lines = (rest + chunk).split('\n');
              rest = lines.pop();
              for (const line of lines) out.write(`[${label}] ${line}\n`);
            });
            stream.on('end', () => rest && out.write(`[${label}] ${rest}\n`));
          };
          prefix(child.stdout, process.stdout);
          prefix(child.stderr, process.stderr);
          child.on('close', (code) => done(code ?? 1));
          child.on('error', () => done(1));
        }),
    ),
  );
  return codes.find((code) => code !== 0) ?? 0;
}

function format(seconds) {
  const m = Math.floor(seconds / 60);
  const s = (seconds - m * 60).toFixed(1).padStart(4, '0');
  return `${m}:${s.padStart(4, '0')}`.padStart(7);
}
