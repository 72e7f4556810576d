// Moving up (issue #19): an install populated through the product on SQLite (Gong connected with basic-auth to the
// sandbox, a saved analysis run to its report, a schedule), copied with the operator's `db copy --to <url>` (the
// command `npm run db` runs, in its own process), then a server and a worker on that PostgreSQL database: the same
// owner signs in, the report, schedule, quota and Gong card are there, and a new run succeeds with the copied,
// still sealed credential. Needs both databases whatever CALLMINE_TEST_DIALECT says, so it runs in the plain worker
// project only (the PostgreSQL target comes from the shared test cluster).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openSqliteDatabase } from '@callmine/db';
import { createTestPostgresDatabase } from '@callmine/db/testing/postgres';
import {
  apiClient,
  browserLikeFetch,
  startTestServer,
  tableSnapshot,
  testAdmin,
} from '@callmine/server/testing';
import { describe, expect, it } from 'vitest';
import { isFinished, startRunEnv, WHOLE_HISTORY } from './testing/run-env.ts';
import { startTestWorker } from './testing/test-worker.ts';

const serverDir = fileURLToPath(new URL('../../server', import.meta.url));

/** `npm run db -- copy --to <url>` as the operator runs it (tsx, the server's environment). */
function dbCopy(dataDir: string, env: Record<string, string>, url: string) {
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/commands/db.ts', 'copy', '--to', url], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', ...env, CALLMINE_DATA_DIR: dataDir },
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out }));
  });
}

describe('db copy from a populated SQLite install', () => {
  it('keeps everything, and a run on PostgreSQL succeeds with the copied credential', {
    timeout: 180_000,
  }, async () => {
    // One key ring and auth secret for both installs, as the README asks of an operator.
    const shared = {
      CALLMINE_KEYRING: JSON.stringify({ k1: randomBytes(32).toString('base64') }),
      CALLMINE_AUTH_SECRET: randomBytes(24).toString('hex'),
    };
    await using env = await startRunEnv({ calls: 300, env: shared });
    expect(env.server.database.dialect).toBe('sqlite');
    const truth = env.sandbox.groundTruth('acme');
    const analysis = await env.admin.analyses.create.mutate({
      name: 'Whole history',
      window: { kind: 'absolute', ...WHOLE_HISTORY },
      filters: {},
      settings: { analysers: ['talk'] },
    });
    const schedule = await env.admin.schedules.create.mutate({
      analysisId: analysis.id,
      kind: 'weekly',
      weekday: 'monday',
      time: '09:00',
      timeZone: 'UTC',
    });
    const first = await env.admin.analyses.run.mutate({ id: analysis.id });
    const sqliteWorker = await env.startWorker({ ...shared }, { scheduler: false });
    const firstRun = await env.waitFor(first.id, isFinished);
    expect(firstRun.status).toBe('done');
    expect(firstRun.quota).toMatchObject({ callsCharged: truth.callCount });
    await sqliteWorker.close();
    const before = {
      reports: await env.admin.reports.list.query({}),
      schedules: await env.admin.schedules.list.query(),
      usage: await env.admin.usage.summary.query(),
      gong: await env.admin.integrations.gong.get.query(),
      credential: await tableSnapshot(env.server.database.db, 'gongCredential'),
    };
    expect(before.reports).toHaveLength(1);

    await using target = await createTestPostgresDatabase({ migrated: false });
    const copy = await dbCopy(env.server.dataDir, shared, target.url);
    expect(copy.out).toMatch(/Copied \d+ tables, [\d,]+ rows; every count verified\./);
    expect(copy.code).toBe(0);
    expect(copy.out).not.toContain(decodeURIComponent(new URL(target.url).password));
    // The SQLite file is left as it was.
    const file = openSqliteDatabase(`${env.server.dataDir}/callmine.db`);
    expect(await tableSnapshot(file.db, 'gongCredential')).toBe(before.credential);
    await file.close();

    // The PostgreSQL install: a new machine (data dir), the same key ring, the same sandbox.
    const gongEnv = Object.fromEntries(
      Object.entries(env.workerEnv).filter(([name]) => name.startsWith('CALLMINE_GONG_')),
    );
    const pgEnv = { ...gongEnv, ...shared, CALLMINE_DATABASE_URL: target.url };
    await using server = await startTestServer(pgEnv);
    expect(server.database.dialect).toBe('postgres');
    // Sealed credentials byte for byte (and every other column as the same value).
    expect(await tableSnapshot(server.database.db, 'gongCredential')).toBe(before.credential);
    const admin = apiClient(server.url, browserLikeFetch(server.url));
    await admin.auth.signIn.mutate({ email: testAdmin.email, password: testAdmin.password });
    expect(await admin.reports.list.query({})).toEqual(before.reports);
    expect(await admin.schedules.list.query()).toEqual(before.schedules);
    expect(await admin.usage.summary.query()).toEqual(before.usage);
    expect(await admin.integrations.gong.get.query()).toEqual(before.gong);

    // A run on PostgreSQL: the worker opens the copied envelope and lists the calls at Gong with it.
    const requestsBefore = env.runRequests().length;
    await using worker = await startTestWorker(
      server.dataDir,
      { ...env.workerEnv, ...pgEnv },
      {
        scheduler: false,
      },
    );
    expect(worker.database.dialect).toBe('postgres');
    const again = await admin.analyses.run.mutate({ id: analysis.id });
    let run = again;
    for (const deadline = Date.now() + 60_000; !isFinished(run); ) {
      if (Date.now() > deadline) throw new Error(`run stuck: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = await admin.runs.get.query({ id: again.id });
    }
    expect(run.status).toBe('done');
    expect(run.credentialVersion).toBe(firstRun.credentialVersion);
    expect(run.progress).toEqual(firstRun.progress);
    const made = env.runRequests().slice(requestsBefore);
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((r) => r.status === 200 && r.tenant === 'acme' && r.auth === 'basic')).toBe(true);
    // Already charged this month on SQLite: the ledger came along, so nothing is charged again.
    expect(run.quota).toMatchObject({ callsCharged: 0, callsAnalysed: truth.callCount });
    expect((await admin.usage.summary.query()).used).toBe(before.usage.used);
    expect(await admin.reports.list.query({})).toHaveLength(2);
    expect((await admin.schedules.get.query({ id: schedule.id })).nextRunAt).toBe(schedule.nextRunAt);
  });
});
