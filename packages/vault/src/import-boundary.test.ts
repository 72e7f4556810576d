import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as sealingEntry from './index.ts';
import { findOpenImportViolations, importSpecifiers } from './testing/import-boundary.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('import boundary: only apps/worker opens sealed credentials', () => {
  it('holds for this repository', () => {
    const violations = findOpenImportViolations(repoRoot);
    // Listing them makes the failure say which files to fix.
    expect(violations.map((v) => `${v.file}: "${v.specifier}" ${v.reason}`)).toEqual([]);
  });
});

describe('the sealing entry point', () => {
  it('exports nothing that opens a secret', () => {
    expect(Object.keys(sealingEntry).filter((name) => /open/i.test(name))).toEqual([]);
  });
});

describe('the rule itself', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const aTree = (files: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), 'callmine-boundary-'));
    dirs.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };

  it('reports every way of reaching the open entry point from outside the worker', () => {
    const root = aTree({
      'apps/server/src/static.ts': "import { createOpener } from '@callmine/vault/open';\n",
      'apps/server/src/type-only.ts': "import type { Opener } from '@callmine/vault/open';\n",
      'apps/server/src/multi-line.ts':
        'import {\n  createOpener,\n  type Opener,\n} from "@callmine/vault/open";\n',
      'apps/web/src/re-export.tsx': "export { createOpener } from '@callmine/vault/open';\n",
      'packages/api/src/dynamic.ts': "export const load = () => import('@callmine/vault/open');\n",
      'packages/api/src/template.ts': 'export const load = () => import(`@callmine/vault/open`);\n',
      'packages/api/src/required.cjs': "const { createOpener } = require('@callmine/vault/open');\n",
      'packages/api/src/deep.ts': "import '@callmine/vault/src/open/opener.ts';\n",
      'packages/api/src/relative.ts': "import { createOpener } from '../../vault/src/open/index.ts';\n",
      'packages/api/src/relative-dir.ts': "import * as open from '../../vault/src/open';\n",
      'packages/api/src/relative-internal.ts': "import { gcmOpen } from '../../vault/src/aes-gcm.ts';\n",
      'packages/vault/src/index.ts': "export { createOpener } from './open/index.ts';\n",
      'bench/other/run.ts': "import { createOpener } from '@callmine/vault/open';\n",
    });
    expect(findOpenImportViolations(root).map((v) => v.file)).toEqual([
      'apps/server/src/multi-line.ts',
      'apps/server/src/static.ts',
      'apps/server/src/type-only.ts',
      'apps/web/src/re-export.tsx',
      'bench/other/run.ts',
      'packages/api/src/deep.ts',
      'packages/api/src/dynamic.ts',
      'packages/api/src/relative-dir.ts',
      'packages/api/src/relative-internal.ts',
      'packages/api/src/relative.ts',
      'packages/api/src/required.cjs',
      'packages/api/src/template.ts',
      'packages/vault/src/index.ts',
    ]);
  });

  it('lets the worker, the open folder, vault tests and the vault benchmark import it, and ignores look-alikes', () => {
    const root = aTree({
      'apps/worker/src/jobs/analyse.ts': "import { createOpener } from '@callmine/vault/open';\n",
      'packages/vault/src/open/index.ts': "export { createOpener } from './opener.ts';\n",
      'packages/vault/src/open/opener.ts': "import { parseEnvelope } from '../envelope.ts';\n",
      'packages/vault/src/seal.test.ts': "import { createOpener } from './open/index.ts';\n",
      'bench/vault/run.ts': "import { createOpener } from '@callmine/vault/open';\n",
      'apps/server/src/seal.ts': "import { createSealer } from '@callmine/vault';\n",
      'apps/server/src/openapi.ts':
        "import { x } from '@callmine/vault/openapi';\nimport y from './open/index.ts';\n",
      'apps/server/node_modules/dep/index.js': "require('@callmine/vault/open');\n",
      'apps/server/src/notes.md': "import { createOpener } from '@callmine/vault/open';\n",
    });
    expect(findOpenImportViolations(root)).toEqual([]);
  });

  it('reads specifiers from every import form', () => {
    const source = [
      "import a from 'a';",
      "import * as b from 'b';",
      "import { c1, c2 as c } from 'c';",
      "import 'd';",
      "export * from 'e';",
      "export { f } from 'f';",
      "const g = await import('g');",
      "const h = require('h');",
      "import i = require('i');",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  });

  it("biome.json's noRestrictedImports flags the same imports (editor feedback), and not the worker's", () => {
    const root = aTree({
      'apps/server/src/static.ts':
        "import { createOpener } from '@callmine/vault/open';\nexport const x = createOpener;\n",
      'apps/server/src/relative.ts':
        "import { createOpener } from '../../../packages/vault/src/open/index.ts';\nexport const x = createOpener;\n",
      'apps/worker/src/job.ts':
        "import { createOpener } from '@callmine/vault/open';\nexport const x = createOpener;\n",
      'packages/vault/src/index.ts': "export { createOpener } from './open/index.ts';\n",
      'packages/vault/src/open/index.ts': 'export const createOpener = 1;\n',
    });
    copyFileSync(join(repoRoot, 'biome.json'), join(root, 'biome.json'));
    const biome = spawnSync(
      join(repoRoot, 'node_modules/.bin/biome'),
      ['lint', '--vcs-enabled=false', '--reporter=json', '.'],
      { cwd: root, encoding: 'utf8' },
    );
    const report = JSON.parse(biome.stdout) as {
      diagnostics: Array<{ category: string; location: { path: string } }>;
    };
    const flagged = report.diagnostics
      .filter((d) => d.category === 'lint/style/noRestrictedImports')
      .map((d) => d.location.path)
      .sort();
    expect(flagged).toEqual([
      'apps/server/src/relative.ts',
      'apps/server/src/static.ts',
      'packages/vault/src/index.ts',
    ]);
  }, 30_000);
});
