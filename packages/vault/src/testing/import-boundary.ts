// The capability split, as a rule the build runs (import-boundary.test.ts): only the worker opens sealed
// credentials. Scans source files for import specifiers — static import / export-from, dynamic import(),
// require() — without a TypeScript parser, and reports every file outside the allowed places that reaches
// the vault's open entry point by package name or by a relative path.
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface Violation {
  /** Repository-relative path, with forward slashes. */
  file: string;
  specifier: string;
  reason: string;
}

const SCANNED_ROOTS = ['apps', 'packages', 'bench'];
const SOURCE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', '.git', '.vite', 'migrations']);

/** Who may import the open entry point: the worker, the open folder itself, the vault's tests, its benchmark. */
const ALLOWED = [
  /^apps\/worker\//,
  /^packages\/vault\/src\/open\//,
  /^packages\/vault\/.*\.test\.[cm]?[jt]sx?$/,
  /^bench\/vault\//,
];

const SPECIFIERS = [
  // import x from '…', import { a } from '…', import type …, export { a } from '…', export * from '…'
  /\b(?:import|export)\s+(?:type\s+)?[\w*{}\s,$]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
  // import '…' (side effects only)
  /\bimport\s*(['"])([^'"\n]+)\1/g,
  // import('…') and require('…'), including template literals without substitutions
  /\b(?:import|require)\s*\(\s*(['"`])([^'"`\n$]+)\1\s*\)/g,
];

export function importSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of SPECIFIERS) {
    for (const match of source.matchAll(pattern)) found.add(match[2]!);
  }
  return [...found];
}

const OPEN_PACKAGE = /^@callmine\/vault\/(?:open(?:\/.*)?|src\/.*)$/;

function reasonFor(repoRoot: string, file: string, specifier: string): string | undefined {
  if (OPEN_PACKAGE.test(specifier)) return 'imports the worker-only open entry point of @callmine/vault';
  if (!specifier.startsWith('.')) return undefined;
  const target = relative(repoRoot, resolve(dirname(join(repoRoot, file)), specifier))
    .split(sep)
    .join('/');
  if (target === 'packages/vault/src/open' || target.startsWith('packages/vault/src/open/')) {
    return 'reaches into packages/vault/src/open by a relative path';
  }
  if (target.startsWith('packages/vault/') && !file.startsWith('packages/vault/')) {
    return 'reaches into packages/vault by a relative path instead of its package exports';
  }
  return undefined;
}

function* sourceFiles(dir: string): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a root that doesn't exist (no bench/ yet)
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* sourceFiles(join(dir, entry.name));
    } else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      yield join(dir, entry.name);
    }
  }
}

export function findOpenImportViolations(repoRoot: string): Violation[] {
  const violations: Violation[] = [];
  for (const root of SCANNED_ROOTS) {
    for (const path of sourceFiles(join(repoRoot, root))) {
      const file = relative(repoRoot, path).split(sep).join('/');
      if (ALLOWED.some((allowed) => allowed.test(file))) continue;
      for (const specifier of importSpecifiers(readFileSync(path, 'utf8'))) {
        const reason = reasonFor(repoRoot, file, specifier);
        if (reason) violations.push({ file, specifier, reason });
      }
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file));
}
