// No two source files of an app or package import each other, directly or around a loop (issue 17: credential.ts
// and token-refresher.ts did). The check runs over the whole monorepo from here because it is cheap (no build).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations.
import { importCycles, importGraph, workspaceSourceDirs } from '../../../scripts/import-cycles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('import cycles', () => {
  it('finds none in apps/*/src and packages/*/src', () => {
    const dirs: string[] = workspaceSourceDirs(root);
    expect(dirs).toContain(join(root, 'apps', 'worker', 'src'));
    expect(dirs.flatMap((dir) => importCycles(importGraph(dir), root))).toEqual([]);
  });

  it('reports a loop of type-only and multi-line imports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callmine-cycles-'));
    try {
      mkdirSync(join(dir, 'gong'));
      writeFileSync(join(dir, 'gong', 'a.ts'), "import type { B } from './b.ts';\nexport type A = B;\n");
      writeFileSync(
        join(dir, 'gong', 'b.ts'),
        "import {\n  type C,\n} from '../c.ts';\nexport type B = C;\n",
      );
      writeFileSync(join(dir, 'c.ts'), "export type { A as C } from './gong/a.ts';\n");
      writeFileSync(join(dir, 'd.ts'), "import './c.ts';\n");
      expect(importCycles(importGraph(dir), dir)).toEqual([['c.ts', 'gong/a.ts', 'gong/b.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
