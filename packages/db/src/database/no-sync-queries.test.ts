// The data layer's rules, checked over the source: every query awaited (no SQLite-only `.get()/.all()/.run()/
// .values()` on a builder), every transaction callback async, and apps/api/worker take tables from the handle
// (`db.tables`), not from a static import, so the same code runs on PostgreSQL.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/\.d\.ts$/.test(name)) out.push(path);
  }
  return out;
}

const srcDirs = (parent: string) =>
  readdirSync(join(root, parent))
    .map((name) => join(root, parent, name, 'src'))
    .filter((dir) => {
      try {
        return statSync(dir).isDirectory();
      } catch {
        return false;
      }
    });

const files = [...srcDirs('apps'), ...srcDirs('packages')]
  .flatMap(sourceFiles)
  // Test helpers and fixtures are not the product (they may inspect SQLite directly).
  .filter((file) => !/[/\\](testing|test|test-support)[/\\]/.test(file));

// A zero-argument .get()/.all()/.run()/.values() that closes a call chain: `.limit(1).get()`, `)\n  .all()`.
// `map.get(key)`, `set.values()` on an identifier and `loop.run()` on an identifier are not matched.
const syncQuery = /\)\s*\.(get|all|run|values)\(\s*\)/g;
// `.transaction(` whose callback is not async: `.transaction((tx) =>`, `.transaction(tx =>`, `.transaction(function`.
const syncTransaction = /\.transaction\(\s*(\(\s*[\w\s,:]*\)\s*=>|\w+\s*=>|function\b)/g;
// `schema` (the static tables) imported from '@callmine/db'.
const staticSchema = /import\s*\{[^}]*\bschema\b[^}]*\}\s*from\s*'@callmine\/db'/g;
const tablesFromHandle = /[/\\](apps[/\\][^/\\]+|packages[/\\](api|worker))[/\\]src[/\\]/;

function findings(): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const where = (index: number) => `${relative(root, file)}:${text.slice(0, index).split('\n').length}`;
    for (const match of text.matchAll(syncQuery)) {
      // Raw better-sqlite3 statements (`sqlite.prepare(…).get()`) are SQLite-only on purpose (migration checks).
      const statement = text.slice(
        Math.max(text.lastIndexOf(';', match.index), text.lastIndexOf('{', match.index)),
        match.index,
      );
      if (statement.includes('.prepare(')) continue;
      problems.push(`${where(match.index)} .${match[1]}() on a query builder: await the builder instead`);
    }
    for (const match of text.matchAll(syncTransaction)) {
      problems.push(`${where(match.index)} transaction callback is not async`);
    }
    if (tablesFromHandle.test(file)) {
      for (const match of text.matchAll(staticSchema)) {
        problems.push(`${where(match.index)} static schema import: use db.tables`);
      }
    }
  }
  return problems;
}

describe('the data-layer rules over the source', () => {
  it('scans the apps and packages', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.endsWith(join('apps', 'worker', 'src', 'jobs', 'run-store.ts')))).toBe(true);
  });

  it('finds no synchronous query, no synchronous transaction and no static tables', () => {
    expect(findings()).toEqual([]);
  });

  it('would catch each kind of violation', () => {
    const sample = [
      'const row = db.select().from(t.user).where(eq(t.user.id, id)).get();',
      'db.insert(t.user)\n  .values(v)\n  .run();',
      'db.transaction((tx) => { tx.insert(t.user).values(v); });',
      "import { type Db, schema } from '@callmine/db';",
    ].join('\n');
    expect([...sample.matchAll(syncQuery)].map((m) => m[1])).toEqual(['get', 'run']);
    expect([...sample.matchAll(syncTransaction)]).toHaveLength(1);
    expect([...sample.matchAll(staticSchema)]).toHaveLength(1);
    const fine = [
      'const v = cache.get(key);',
      'for (const x of map.values()) {}',
      'void composed.loop.run();',
      'await db.transaction(async (tx) => {});',
      "import { type Db, openDatabase } from '@callmine/db';",
    ].join('\n');
    expect([...fine.matchAll(syncQuery)]).toEqual([]);
    expect([...fine.matchAll(syncTransaction)]).toEqual([]);
    expect([...fine.matchAll(staticSchema)]).toEqual([]);
  });
});
