// Callmine on several machines, on one PostgreSQL database: 2 servers and 3 workers as separate OS processes (the
// built bundles), 30 workspaces (made through the operator path), each connected to its own Gong sandbox tenant, each
// starting a run and having a schedule slot come due, all at once; one worker is killed with SIGKILL while it holds
// runs. Every run ends once with the sandbox's ground truth, every slot runs once, no workspace passes its quota,
// and no Gong credential sees more than 3 requests in a second or any 429. Waits poll state; no fixed sleeps.
// PostgreSQL only (the `.postgres-test.ts` name keeps it out of the SQLite project; the root config lists it).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgresDatabase, type PostgresDatabase } from '@callmine/db';
import { startGongSandbox, type TenantSpec } from '@callmine/gong-sandbox';
import {
  apiClient,
  dropTestDatabase,
  freePort,
  testAdmin,
  testDatabaseEnv,
  testDialect,
} from '@callmine/server/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { busiestSecond } from './testing/measure.ts';
import { type CallmineProcess, spawnCallmine, stopAll, waitForHealth } from './testing/processes.ts';
import { CALLS_UNTIL, WHOLE_HISTORY } from './testing/run-env.ts';
import { exited } from './testing/spawn-worker.ts';

const WORKSPACES = 30;
/** Calls per tenant: one listing page and one transcript batch per run, so the test stays short. */
const CALLS = 60;
const RATE = 3;
/** Every third workspace has an operator allowance below its calls: its two runs race for the last units. */
const LIMITED = 45;
const limited = (i: number) => i % 3 === 0;
const SETUP_PARALLELISM = 10;

/** Every process this file started; stopped again after the test, even if it timed out mid-way. */
const processes: CallmineProcess[] = [];
afterAll(() => stopAll(processes));

const poll = async <T>(what: string, read: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

it('2 servers and 3 workers share the runs, the schedules, the quota and the Gong limit; a SIGKILL loses nothing', {
  timeout: 420_000,
}, async () => {
  expect(testDialect()).toBe('postgres');
  // Where the time goes, printed with the test's output (its phases on a busy machine vary widely).
  const began = Date.now();
  const mark = (phase: string) =>
    console.log(`many-processes: ${phase} at ${((Date.now() - began) / 1000).toFixed(1)} s`);
  const tenants: TenantSpec[] = Array.from({ length: WORKSPACES }, (_, i) => ({
    id: `mp-${String(i).padStart(2, '0')}`,
    name: `Many ${i}`,
    cluster: 'standard',
    callCount: CALLS,
  }));
  await using sandbox = await startGongSandbox({
    tenants,
    callsUntil: CALLS_UNTIL,
    rateLimit: { perSecond: RATE, perDay: 1_000_000 },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'callmine-many-'));
  const { CALLMINE_DATABASE_URL: url = '' } = await testDatabaseEnv(dataDir);
  let database: PostgresDatabase | undefined;
  try {
    database = await openPostgresDatabase(url);
    const shared = {
      CALLMINE_DATA_DIR: dataDir,
      CALLMINE_DATABASE_URL: url,
      CALLMINE_AUTH_SECRET: 'many-processes test secret, 32+ characters long',
      CALLMINE_MASTER_KEY: randomBytes(32).toString('base64'),
      CALLMINE_GONG_DEFAULT_BASE_URL: sandbox.clusters.standard?.origin ?? '',
      CALLMINE_GONG_ALLOWED_ORIGINS: Object.values(sandbox.clusters)
        .map((c) => c.origin)
        .join(','),
      CALLMINE_GONG_REQUESTS_PER_SECOND: String(RATE),
      CALLMINE_GONG_DAILY_BUDGET: '1000000',
      CALLMINE_GONG_TIMEOUT_MS: '10000',
      CALLMINE_MONTHLY_CALL_QUOTA: '1000',
    };
    const startServer = async () => {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const server = spawnCallmine('server', {
        ...shared,
        CALLMINE_ROLE: 'server',
        PORT: String(port),
        CALLMINE_PUBLIC_URL: url,
        CALLMINE_LOG_LEVEL: 'warn',
        CALLMINE_GONG_CONNECT_ATTEMPTS_PER_MINUTE: '1000',
      });
      processes.push(server);
      await waitForHealth(`${url}/healthz`, server);
      return url;
    };
    // One key ring for every process, as on several machines: both servers start together.
    const serverUrls = await Promise.all([startServer(), startServer()]);
    const admin = apiClient(serverUrls[0]!);
    await admin.setup.createOwner.mutate(testAdmin);
    mark('2 servers up');

    // Each workspace: created by the operator, its first admin signs in on "its" server, connects its own tenant,
    // saves an analysis over the whole history and schedules it daily.
    const workspaces: Array<{
      id: string;
      client: ReturnType<typeof apiClient>;
      analysisId: string;
      scheduleId: string;
    }> = [];
    const setUp = async (i: number) => {
      const created = await admin.operator.createWorkspace.mutate({
        name: `Many ${i}`,
        adminEmail: `admin-${i}@many.example`,
      });
      if (limited(i)) {
        await admin.operator.setAllowance.mutate({ id: created.workspace.id, monthlyCalls: LIMITED });
      }
      const client = apiClient(serverUrls[i % 2]!);
      await client.invitations.accept.mutate({
        invitationId: created.invitation.id,
        name: `Admin ${i}`,
        password: `many processes password ${i}`,
      });
      const tenant = sandbox.tenant(tenants[i]!.id);
      const key = tenant.credentials[0]!;
      await client.integrations.gong.connectBasic.mutate({
        accessKey: key.accessKey,
        secretKey: key.secretKey,
        baseUrl: tenant.baseUrl,
      });
      const analysis = await client.analyses.create.mutate({
        name: 'Whole history',
        window: { kind: 'absolute', ...WHOLE_HISTORY },
        filters: {},
        settings: { analysers: ['talk'] },
      });
      const schedule = await client.schedules.create.mutate({
        analysisId: analysis.id,
        kind: 'daily',
        time: '09:00',
        timeZone: 'UTC',
      });
      workspaces[i] = { id: created.workspace.id, client, analysisId: analysis.id, scheduleId: schedule.id };
    };
    // Ten at a time (five per server): thirty at once made a server open more new database connections at once
    // than a starved PostgreSQL accepted within the pool's 10 s connection timeout.
    for (let next = 0; next < WORKSPACES; next += SETUP_PARALLELISM) {
      const batch = Array.from(
        { length: Math.min(SETUP_PARALLELISM, WORKSPACES - next) },
        (_, k) => next + k,
      );
      await Promise.all(batch.map(setUp));
    }
    mark(`${WORKSPACES} workspaces set up`);

    // At once: every workspace starts a run of its analysis (through both servers) and every schedule's slot comes
    // due; then the three workers start together and their schedulers race for the slots. (The saved analysis runs
    // one analyser: the test is about the queue, and analysis CPU on 2 busy cores would dominate it.)
    const { db } = database;
    const t = db.tables;
    const manual = await Promise.all(
      workspaces.map((w) => w.client.analyses.run.mutate({ id: w.analysisId })),
    );
    await db.update(t.schedule).set({ nextSlotAt: new Date(Date.now() - 2 * 86_400_000) });
    mark('runs started, slots due');
    // Eight jobs each (fewer than the 60 runs, so the queue's order and fairness decide), short leases (a killed
    // worker's runs are taken over within seconds), the scheduler ticking often.
    const workers = [0, 1, 2].map(() => {
      const worker = spawnCallmine('worker', {
        ...shared,
        CALLMINE_ROLE: 'worker',
        CALLMINE_LOG_LEVEL: 'info',
        CALLMINE_WORKER_POLL_MS: '50',
        CALLMINE_WORKER_LEASE_MS: '3000',
        CALLMINE_WORKER_CONCURRENCY: '8',
        CALLMINE_SCHEDULER_TICK_MS: '250',
      });
      processes.push(worker);
      return worker;
    });
    const workerIds = await Promise.all(
      workers.map((worker) =>
        poll(
          'a worker to start',
          async () => {
            if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
            return worker.logs().find((line) => line.msg === 'callmine worker started')?.workerId as
              | string
              | undefined;
          },
          60_000,
        ),
      ),
    );

    // SIGKILL the first worker seen holding a live lease on a run that has not finished.
    const victim = await poll(
      'a worker holding a run',
      async () => {
        const rows = (await db.all(
          sql`select j.output->>'leaseOwner' as owner, j.data->>'runId' as run from pgboss.job j
              join ${t.analysisRun} r on r.id = j.data->>'runId'
              where j.state = 'active' and j.started_on + j.expire_in > now() and r.status in ('queued', 'fetching', 'analyzing')`,
        )) as { owner: string; run: string }[];
        const held = rows.find((row) => workerIds.includes(row.owner));
        return held
          ? { index: workerIds.indexOf(held.owner), runs: rows.filter((r) => r.owner === held.owner) }
          : undefined;
      },
      60_000,
    );
    const killed = workers[victim.index]!;
    killed.child.kill('SIGKILL');
    await exited(killed.child);
    mark(`3 workers up; killed one holding ${victim.runs.length} run(s)`);

    // Every run ends: 30 manual and 30 scheduled (the survivors take over the killed worker's leases).
    let lastReport = Date.now();
    const runs = await poll(
      'every run to finish',
      async () => {
        const rows = await db
          .select({
            id: t.analysisRun.id,
            status: t.analysisRun.status,
            workspaceId: t.analysisRun.workspaceId,
          })
          .from(t.analysisRun);
        const finished = rows.filter((r) => ['done', 'failed', 'canceled'].includes(r.status));
        if (Date.now() - lastReport > 15_000) {
          lastReport = Date.now();
          const byStatus: Record<string, number> = {};
          for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
          mark(`runs ${JSON.stringify(byStatus)}`);
        }
        return rows.length === 2 * WORKSPACES && finished.length === rows.length ? rows : undefined;
      },
      240_000,
    );
    mark('every run finished');
    expect(runs.filter((r) => r.status !== 'done')).toEqual([]);
    // The killed worker's runs among them: taken over and finished by the survivors.
    for (const held of victim.runs) expect(runs.find((r) => r.id === held.run)?.status).toBe('done');

    // The ground truth per run, the quota per workspace, one slot run per schedule, one report per run.
    for (const [i, w] of workspaces.entries()) {
      const truth = sandbox.groundTruth(tenants[i]!.id);
      const mine = await w.client.runs.list.query();
      const analysed = limited(i) ? LIMITED : truth.callCount;
      expect(mine.map((r) => r.trigger).sort()).toEqual(['manual', 'schedule']);
      expect(mine.every((r) => r.analysis?.id === w.analysisId)).toBe(true);
      for (const run of mine) {
        const full = await w.client.runs.get.query({ id: run.id });
        expect(full.status).toBe('done');
        expect(full.progress).toEqual({
          callsTotal: truth.callCount,
          listingDone: true,
          callsFetched: analysed,
          callsAnalyzed: analysed,
        });
        if (!limited(i)) expect(full.totals?.transcripts).toBe(truth.transcriptCount);
        expect(full.reportId).not.toBeNull();
      }
      expect((await w.client.usage.summary.query()).used).toBe(analysed);
      const occurrences = await db
        .select({ status: t.scheduleOccurrence.status, runId: t.scheduleOccurrence.runId })
        .from(t.scheduleOccurrence)
        .where(eq(t.scheduleOccurrence.scheduleId, w.scheduleId));
      const ran = occurrences.filter((o) => o.status !== 'skipped');
      expect(ran).toHaveLength(1);
      expect(ran[0]?.runId).toBe(mine.find((r) => r.trigger === 'schedule')?.id);
    }
    expect(manual.map((r) => r.id).every((id) => runs.some((r) => r.id === id))).toBe(true);
    const reports = await db.select({ runId: t.report.runId }).from(t.report);
    expect(reports).toHaveLength(2 * WORKSPACES);
    expect(new Set(reports.map((r) => r.runId)).size).toBe(2 * WORKSPACES);
    // Each job completed once, in pg-boss; the killed worker's were taken over (a second attempt).
    const jobs = (await db.all(sql`select state, count(*) as n from pgboss.job group by state`)) as {
      state: string;
      n: number;
    }[];
    expect(jobs).toEqual([{ state: 'completed', n: 2 * WORKSPACES }]);

    // At the sandbox: no 429, and no tenant (one credential each) above 3 requests in any second.
    expect(sandbox.requests.filter((r) => r.status === 429)).toEqual([]);
    for (const tenant of tenants) {
      const times = sandbox.requests.filter((r) => r.tenant === tenant.id).map((r) => r.at);
      expect(busiestSecond(times.sort((a, b) => a - b))).toBeLessThanOrEqual(RATE);
    }
  } catch (error) {
    // What the processes logged at warn and above, so a failure here says which process failed and why.
    for (const [n, p] of processes.entries()) {
      const worse = p.logs().filter((line) => Number(line.level) >= 40);
      if (worse.length > 0) console.log(`process ${n}:`, JSON.stringify(worse.slice(-20), null, 1));
    }
    throw error;
  } finally {
    await stopAll(processes);
    await database?.close();
    await dropTestDatabase(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
