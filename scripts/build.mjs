// The production build of the server and the worker: each app's TypeScript (and the workspace packages it imports)
// bundled by esbuild into apps/<app>/dist, so production runs `node dist/main.js` with no tsx, npm or pnpm in the
// process tree. esbuild, not `tsc` emit: the workspace packages export their .ts sources, so tsc would have to emit
// (and keep in step) every package too; one bundle per entry also starts faster than hundreds of module files.
// Type checking stays with `tsc --noEmit` (the typecheck scripts).
//
// Only what is stale is rebuilt: each bundle's inputs (from esbuild's metafile) are stored beside it, and the
// bundle is redone when any input, or the lockfile, is newer than it.
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Native addons, packages that start threads from their own files, and drivers loaded on demand stay outside the
// bundle and load from node_modules at run time.
const EXTERNAL = [
  'better-sqlite3',
  'tinypool',
  'pino',
  'pg',
  'pg-native',
  'pg-boss',
  'wink-nlp',
  'wink-eng-lite-web-model',
];

/** Every production bundle: app, entry (source) and the file it becomes (in the app's dist/). */
export const TARGETS = [
  { app: 'server', entry: 'src/main.ts', out: 'main.js' },
  { app: 'server', entry: 'src/commands/keys.ts', out: 'keys.js' },
  { app: 'server', entry: 'src/commands/quota.ts', out: 'quota.js' },
  { app: 'worker', entry: 'src/main.ts', out: 'main.js' },
  // The analysis thread's entry: pool.ts loads `entry.mjs` beside the running module (this bundle, once built).
  { app: 'worker', entry: 'src/jobs/analysis-thread/task.ts', out: 'entry.mjs' },
  { app: 'worker', entry: 'src/testing/charge-runs.ts', out: 'charge-runs.js', testOnly: true },
];

/** Builds each stale bundle; returns the names it rebuilt. */
export async function build({ includeTests = true, log = console.log } = {}) {
  const esbuild = await import('esbuild');
  const rebuilt = [];
  for (const target of TARGETS) {
    if (target.testOnly && !includeTests) continue;
    const appDir = join(root, 'apps', target.app);
    const outfile = join(appDir, 'dist', target.out);
    if (!isStale(outfile)) continue;
    const result = await esbuild.build({
      entryPoints: [join(appDir, target.entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      metafile: true,
      // Written below, each file renamed into place whole: a process starting meanwhile (a test run in parallel)
      // never loads half a bundle.
      write: false,
      logLevel: 'warning',
      // Bundled CommonJS (e.g. better-auth's dependencies) may call require() for Node built-ins.
      banner: {
        js: "import { createRequire as __cmCreateRequire } from 'node:module'; const require = __cmCreateRequire(import.meta.url);",
      },
      plugins: [externals(outfile), sourceLocation(outfile)],
    });
    mkdirSync(dirname(outfile), { recursive: true });
    for (const file of result.outputFiles) writeWhole(file.path, file.contents);
    const inputs = Object.keys(result.metafile.inputs)
      .filter((input) => !input.includes(':'))
      .map((input) => relative(root, resolve(root, input)));
    writeWhole(`${outfile}.inputs.json`, JSON.stringify(inputs));
    rebuilt.push(`apps/${target.app}/dist/${target.out}`);
  }
  // esbuild's service process would otherwise stay alive beside the server and worker `npm start` runs.
  await esbuild.stop();
  if (rebuilt.length > 0) log(`built ${rebuilt.join(', ')}`);
  return rebuilt;
}

function writeWhole(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

function isStale(outfile) {
  const listFile = `${outfile}.inputs.json`;
  if (!existsSync(outfile) || !existsSync(listFile)) return true;
  const builtAt = statSync(outfile).mtimeMs;
  const inputs = [...JSON.parse(readFileSync(listFile, 'utf8')), 'pnpm-lock.yaml', 'scripts/build.mjs'];
  return inputs.some((input) => {
    const path = join(root, input);
    return !existsSync(path) || statSync(path).mtimeMs > builtAt;
  });
}

// An external import is written as a path relative to the bundle (resolved the way Node would from the importing
// package), since pnpm links a package's dependencies only into that package's node_modules.
function externals(outfile) {
  const pattern = new RegExp(
    `^(${EXTERNAL.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(/|$)`,
  );
  return {
    name: 'callmine-externals',
    setup(b) {
      b.onResolve({ filter: pattern }, async (args) => {
        if (args.pluginData?.external) return undefined;
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: { external: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        let path = relative(dirname(outfile), resolved.path).split('\\').join('/');
        if (!path.startsWith('.')) path = `./${path}`;
        return { path, external: true };
      });
    },
  };
}

// Workspace modules that find files beside their source (migrations, the repo root, a package's own dependencies)
// keep seeing their source location: `import.meta.url` becomes that file's URL, computed from the bundle's own.
// pool.ts is the exception: its thread entry is the bundled `entry.mjs` beside the bundle.
function sourceLocation(outfile) {
  return {
    name: 'callmine-source-location',
    setup(b) {
      b.onLoad({ filter: /\.(ts|mts|mjs|js)$/ }, (args) => {
        if (args.path.includes('node_modules') || !args.path.startsWith(root)) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url') || args.path.endsWith('analysis-thread/pool.ts'))
          return undefined;
        const rel = relative(dirname(outfile), args.path).split('\\').join('/');
        const contents = text.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(rel)}, import.meta.url).href`,
        );
        return { contents, loader: args.path.endsWith('.ts') || args.path.endsWith('.mts') ? 'ts' : 'js' };
      });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await build({ includeTests: !process.argv.includes('--production') });
}
