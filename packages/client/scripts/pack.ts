// Builds the publishable @callmine/client: one ESM bundle, one self-contained index.d.ts, packed with npm into
// <repo>/dist/callmine-client-<version>.tgz. Run as `npm run client:pack` from the repository root.
//   --version <x.y.z>  pack under another version (tests make an "old" client this way)
//   --out <dir>        where the tarball goes (default: the repository's dist/; a relative path is from packages/client)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'esbuild';
import ts from 'typescript5';
import { printRouterTypes, type RouterTypes } from './router-types.ts';

const clientDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(clientDir, '..', '..');
const versionLine = /export const clientVersion: string = '[^']*';/;

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** The version a build packs by default: package.json's, which src/index.ts must repeat. */
export function packageVersion(): string {
  const version = String(readJson(join(clientDir, 'package.json')).version);
  const source = readFileSync(join(clientDir, 'src', 'index.ts'), 'utf8');
  if (!source.includes(`export const clientVersion: string = '${version}';`)) {
    throw new Error(`src/index.ts's clientVersion differs from package.json's version ${version}.`);
  }
  return version;
}

/** index.d.ts: the router's printed types plus index.ts's declarations, with no import of ./types.ts left. */
function declarations(types: RouterTypes): string {
  const emitted = ts.createSourceFile('index.d.ts', types.indexDeclarations, ts.ScriptTarget.Latest, true);
  const kept = emitted.statements.filter((statement) => {
    const specifier =
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return true;
    // ./types.ts is what this file replaces; any other relative module would be missing from the tarball.
    if (specifier.text !== './types.ts') throw new Error(`index.ts imports ${specifier.text}: bundle it.`);
    return false;
  });
  const text = `// @callmine/client: the types of Callmine's API, generated from the server's router by npm run client:pack.
import type { inferRouterInputs, inferRouterOutputs, TRPCBuiltRouter, TRPCMutationProcedure, TRPCQueryProcedure } from '@trpc/server';
${kept.map((s) => s.getFullText(emitted)).join('')}
/** What the server declares about each procedure (access, token roles, summary, documented errors). */
export type ProcedureMeta = ${types.meta};
/** The error object of a failed call (TRPCClientError's shape). */
export type CallmineErrorShape = ${types.errorShape};
/** Every procedure of Callmine's API with its input and output: the server's AppRouter without its internals. */
export type AppRouter = TRPCBuiltRouter<{ ctx: object; meta: ProcedureMeta; errorShape: CallmineErrorShape; transformer: ${types.transformer} }, ${types.record}>;
/** Inputs of every procedure, e.g. \`CallmineInputs['reports']['list']\`. */
export type CallmineInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. \`CallmineOutputs['workspace']['get']\`. */
export type CallmineOutputs = inferRouterOutputs<AppRouter>;
`;
  // Reprinted through the compiler: one member per line, so a reader (and a diff) can follow it.
  const printed = ts
    .createPrinter()
    .printFile(ts.createSourceFile('index.d.ts', text, ts.ScriptTarget.Latest, true));
  if (/from ['"](@callmine\/|\.)/.test(printed))
    throw new Error('index.d.ts still imports a private module.');
  return printed;
}

/** Swaps the version literal in src/index.ts for the packed one. */
function versionPlugin(version: string): Plugin {
  return {
    name: 'callmine-client-version',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]index\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!versionLine.test(source)) throw new Error('src/index.ts has no clientVersion line to set.');
        return {
          contents: source.replace(versionLine, `export const clientVersion: string = '${version}';`),
          loader: 'ts',
        };
      });
    },
  };
}

/** The published package.json: ESM only, peers only (see README "Version policy" for why peers). */
function manifest(version: string): Record<string, unknown> {
  const source = readJson(join(clientDir, 'package.json'));
  const trpcVersion = String(
    readJson(join(clientDir, 'node_modules', '@trpc', 'client', 'package.json')).version,
  );
  return {
    name: source.name,
    version,
    description: "A typed client for Callmine's API.",
    type: 'module',
    exports: { '.': { types: './index.d.ts', default: './index.js' } },
    types: './index.d.ts',
    files: ['index.js', 'index.d.ts', 'README.md'],
    sideEffects: false,
    engines: { node: '>=20' },
    // @trpc/client is the one runtime import; @trpc/server is @trpc/client's own peer and names the router types.
    peerDependencies: { '@trpc/client': `^${trpcVersion}`, '@trpc/server': `^${trpcVersion}` },
  };
}

export interface ClientBuild {
  /** Packs the built client under a version into a directory; returns the tarball's path. */
  pack(version: string, destination: string): Promise<string>;
}

/** Compiles the types once (the slow part, ~30 s); each pack then bundles and packs in a second or two. */
export function buildClient(): ClientBuild {
  const types = declarations(printRouterTypes(clientDir));
  return {
    async pack(version, destination) {
      if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`${version} is not a version like 1.2.3.`);
      const staging = mkdtempSync(join(tmpdir(), 'callmine-client-pack-'));
      try {
        const result = await build({
          entryPoints: [join(clientDir, 'src', 'index.ts')],
          outfile: join(staging, 'index.js'),
          bundle: true,
          format: 'esm',
          platform: 'neutral',
          target: 'es2022',
          external: ['@trpc/client'],
          plugins: [versionPlugin(version)],
          metafile: true,
          logLevel: 'warning',
        });
        const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.map((i) => i.path));
        if (imports.some((path) => path !== '@trpc/client')) {
          throw new Error(`The bundle imports more than @trpc/client: ${imports.join(', ')}.`);
        }
        writeFileSync(join(staging, 'index.d.ts'), types);
        writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest(version), null, 2)}\n`);
        copyFileSync(join(clientDir, 'README.md'), join(staging, 'README.md'));
        mkdirSync(destination, { recursive: true });
        const out = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
          cwd: staging,
          encoding: 'utf8',
        });
        const [packed] = JSON.parse(out) as { filename: string }[];
        if (!packed) throw new Error('npm pack made no tarball.');
        return join(destination, packed.filename);
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { version: { type: 'string' }, out: { type: 'string' } } });
  const tarball = await buildClient().pack(
    values.version ?? packageVersion(),
    resolve(values.out ?? join(repoDir, 'dist')),
  );
  console.log(tarball);
}
