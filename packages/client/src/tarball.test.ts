// The packed client as a developer outside this repository gets it: a fresh project in a temp dir installs the
// tarball with npm (and the repo's TypeScript from the registry), type-checks a script calling reports.list, fails
// to type-check it with a wrong input field, and runs it against a live server with a real token. A client packed
// under an old version gets the server's one clear error.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { sharedResource } from '@callmine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, packageVersion } from '../scripts/pack.ts';
import { startSeededEnv } from './testing/seeded-env.ts';

const exec = promisify(execFile);
const clientDir = fileURLToPath(new URL('..', import.meta.url));
const installedVersion = (name: string) =>
  String(
    (
      JSON.parse(readFileSync(join(clientDir, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version,
  );
/** tsx's ESM loader from this repo, so the temp project needs no download for it. */
const tsxLoader = pathToFileURL(join(clientDir, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
/** The developer's shell: no npm or pnpm settings inherited from the test runner. */
const shellEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key)),
) as Record<string, string>;
const OLD_VERSION = '0.9.0';

/** The developer's script: lists reports and prints them, or prints the stable error fields. */
function script(from: string, input: string): string {
  return `import { callmineError, createCallmineClient } from '${from}';

const callmine = createCallmineClient({ url: process.env.CALLMINE_URL ?? '', token: process.env.CALLMINE_TOKEN ?? '' });
try {
  const reports = await callmine.reports.list.query(${input});
  console.log(JSON.stringify({ reports: reports.map((r) => ({ id: r.id, name: r.name, callsAnalyzed: r.callsAnalyzed })) }));
} catch (error) {
  console.log(JSON.stringify({ error: callmineError(error) }));
}
`;
}

// tsc and npm take tens of seconds on a busy machine.
describe('@callmine/client installed from its tarball outside the repository', { timeout: 180_000 }, () => {
  let project: string;
  let packDir: string;
  let current: string | undefined;
  let old: string | undefined;
  let token: string;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'callmine-script-'));
    packDir = mkdtempSync(join(tmpdir(), 'callmine-tarballs-'));
    // Packing compiles the router synchronously for a while; done before the server starts in this process, so its
    // idle keep-alive sockets are not closed under a request when the event loop comes back.
    const build = buildClient();
    current = await build.pack(packageVersion(), packDir);
    old = await build.pack(OLD_VERSION, packDir);
  }, 600_000);
  const seeded = sharedResource(() => startSeededEnv(), 600_000);
  beforeAll(async () => {
    expect(current).toBe(join(packDir, `callmine-client-${packageVersion()}.tgz`));
    token = (await seeded.env.admin.apiTokens.create.mutate({ name: 'outside script', role: 'read' })).token;
    writeFileSync(
      join(project, 'package.json'),
      '{ "name": "warehouse-sync", "private": true, "type": "module" }\n',
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: ['node'],
          // The tarball's own index.d.ts is checked too, not skipped.
          skipLibCheck: false,
        },
        files: ['list-reports.ts'],
      }),
    );
    // The old client under another name, so one install serves both; --prefer-offline uses npm's cache first.
    await exec(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        current ?? '',
        `callmine-client-old@file:${old}`,
        `typescript@${installedVersion('typescript')}`,
        `@types/node@${installedVersion('@types/node')}`,
      ],
      { cwd: project, env: shellEnv },
    );
  }, 600_000);

  afterAll(() => {
    for (const dir of [project, packDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function tsc() {
    return exec(join(project, 'node_modules', '.bin', 'tsc'), ['--noEmit', '-p', '.'], {
      cwd: project,
      env: shellEnv,
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
  }

  async function runScript(file: string) {
    const { stdout, stderr } = await exec(process.execPath, ['--import', tsxLoader, file], {
      cwd: project,
      env: { ...shellEnv, CALLMINE_URL: seeded.env.server.url, CALLMINE_TOKEN: token },
    });
    expect(stderr).toBe('');
    return JSON.parse(stdout) as Record<string, unknown>;
  }

  it('ships one bundle and one index.d.ts that import nothing private, with tRPC as its only peers', () => {
    const installed = join(project, 'node_modules', '@callmine', 'client');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest.dependencies).toBeUndefined();
    expect(Object.keys(manifest.peerDependencies as object).sort()).toEqual(['@trpc/client', '@trpc/server']);
    const js = readFileSync(join(installed, 'index.js'), 'utf8');
    expect([...js.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1])).toEqual(['@trpc/client']);
    const dts = readFileSync(join(installed, 'index.d.ts'), 'utf8');
    const imported = [...dts.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]).sort();
    expect(imported).toEqual(['@trpc/client', '@trpc/server']);
    expect(dts).toMatch(/export type AppRouter = /);
  });

  it('type-checks a script calling reports.list, runs it with a read token and prints the seeded report', async () => {
    writeFileSync(join(project, 'list-reports.ts'), script('@callmine/client', "{ search: '' }"));
    expect(await tsc()).toEqual({ code: 0, stdout: '' });
    const printed = await runScript('list-reports.ts');
    const [report] = await seeded.env.admin.reports.list.query({ search: '' });
    expect(report?.callsAnalyzed).toBeGreaterThan(0);
    expect(report?.name).toMatch(/^Competitor watch · /);
    expect(printed).toEqual({
      reports: [{ id: seeded.reportId, name: report?.name, callsAnalyzed: report?.callsAnalyzed }],
    });
  });

  it('fails tsc when the script passes a field reports.list does not take, naming the field', async () => {
    writeFileSync(join(project, 'list-reports.ts'), script('@callmine/client', "{ serach: 'pipeline' }"));
    const failed = await tsc();
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toMatch(/list-reports\.ts\(\d+,\d+\): error TS\d+: .*'serach' does not exist/);
  });

  it('gives an old client one clear error naming the versions that fit, before looking at its input', async () => {
    // The old client's input is wrong for today's server too: the version answer comes first, not a shape error.
    writeFileSync(join(project, 'old-client.ts'), script('callmine-client-old', "{ serach: 'pipeline' }"));
    const printed = await runScript('old-client.ts');
    expect(printed).toEqual({
      error: {
        code: 'PRECONDITION_FAILED',
        httpStatus: 412,
        reason: 'client-version-unsupported',
        message: expect.stringContaining(`@callmine/client ${OLD_VERSION} is not supported`),
      },
    });
    expect((printed.error as { message: string }).message).toContain(
      'serves @callmine/client 1.x from 1.0.0 on',
    );
  });
});

describe('the packed version', () => {
  it('is package.json’s, repeated in src/index.ts', () => {
    const pkg = JSON.parse(readFileSync(resolve(clientDir, 'package.json'), 'utf8')) as { version: string };
    expect(packageVersion()).toBe(pkg.version);
  });
});
