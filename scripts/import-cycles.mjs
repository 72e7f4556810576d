// Finds import cycles between source files of one app or package (relative imports, type-only ones included: a
// cycle of types still means two files that can't be understood apart). No dependency: a regex over the
// import/export-from lines is enough for this codebase's style (explicit `.ts`/`.tsx` extensions).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

/** Relative imports of each file under `srcDir`, as absolute paths (only those that exist in the tree). */
export function importGraph(srcDir) {
  const files = sourceFiles(srcDir);
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const targets = new Set();
    for (const match of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), match[1] ?? match[2]);
      for (const candidate of [target, `${target}.ts`, `${target}.tsx`, join(target, 'index.ts')]) {
        if (known.has(candidate)) {
          targets.add(candidate);
          break;
        }
      }
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the list of files (relative to `root`) that form it. */
export function importCycles(graph, root) {
  const cycles = [];
  const state = new Map(); // 1: on the current path, 2: done
  const path = [];
  const visit = (file) => {
    state.set(file, 1);
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 1)
        cycles.push(fromSmallest(path.slice(path.indexOf(next)).map((f) => relative(root, f))));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 2);
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return cycles;
}

/** The same loop, starting at its alphabetically first file (so a report reads the same from any walk). */
function fromSmallest(cycle) {
  const first = cycle.indexOf([...cycle].sort()[0]);
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

/** The `src` directory of every app and package in the monorepo rooted at `root`. */
export function workspaceSourceDirs(root) {
  const dirs = [];
  for (const group of ['apps', 'packages']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const src = join(root, group, entry.name, 'src');
      try {
        readdirSync(src);
        dirs.push(src);
      } catch {
        // A package without src/ has nothing to check.
      }
    }
  }
  return dirs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(process.argv[2] ?? '.');
  const cycles = workspaceSourceDirs(root).flatMap((dir) => importCycles(importGraph(dir), root));
  for (const cycle of cycles) console.log(cycle.join(' → '));
  process.exitCode = cycles.length ? 1 : 0;
}
