// One fleet configuration of bench/fleet/run.ts: a Gong sandbox (in this process) with one tenant per workspace, the
// built server and `workers` built worker processes on one database, N workspaces made through the operator path
// and connected to their tenants (not timed), then every workspace starting a run at once (timed until the last
// run is done). The processes are real OS processes, as production runs them, so on PostgreSQL "3 workers" means
// what three machines would do, less the cores they share here.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Database, openPostgresDatabase, openSqliteDatabase, type PostgresDatabase } from '@callmine/db';
import { startGongSandbox, type TenantSpec } from '@callmine/gong-sandbox';
import { apiClient, browserLikeFetch, freePort } from '@callmine/server/testing';
import {
  busiestSecond,
  CALLS_UNTIL,
  type CallmineProcess,
  spawnCallmine,
  stopAll,
  WHOLE_HISTORY,
  waitForHealth,
} from '@callmine/worker/testing';
import { clusterCpuMs, peakRssMb, postmasterPid, processCpuMs } from './cpu.ts';

export const RATE = 3;
const SETUP_PARALLELISM = 8;
const FINISHED = ['done', 'failed', 'canceled'];

export interface FleetOptions {
  workspaces: number;
  calls: number;
  workers: number;
  /** A PostgreSQL server's maintenance URL (a database is created on it for this configuration); SQLite without. */
  postgresUrl?: string;
  /** CALLMINE_WORKER_CONCURRENCY for every worker; the worker's default without. */
  concurrency?: string;
  /** Each worker writes its CPU profile (.cpuprofile) into this directory when it exits. */
  profileDir?: string;
}

export interface FleetResult {
  setupSeconds: number;
  startSeconds: number;
  makespanMs: number;
  /** When half of the runs were done (from the first start). */
  medianDoneMs: number;
  floorMs: number;
  largestRequests: number;
  tooMany: number;
  peakPerSecond: number;
  /** CPU ms over the timed part, per part of the fleet. */
  cpuMs: { server: number; workers: number[]; postgres: number | undefined; bench: number };
  /** Each worker process's peak resident memory (main thread and analysis threads), in MB. */
  workerPeakRssMb: number[];
  /** This process's event-loop delay over the timed part (the sandbox answers Gong's requests on it), in ms. */
  sandboxDelayMs: { p99: number; max: number };
  loadBefore: number;
  loadAfter: number;
}

export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const tenants: TenantSpec[] = Array.from({ length: options.workspaces }, (_, i) => ({
    id: `fleet-${String(i).padStart(3, '0')}`,
    name: `Fleet ${i}`,
    cluster: 'standard',
    callCount: options.calls,
  }));
  await using sandbox = await startGongSandbox({
    tenants,
    callsUntil: CALLS_UNTIL,
    rateLimit: { perSecond: RATE, perDay: 1_000_000 },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'callmine-bench-fleet-'));
  const processes: CallmineProcess[] = [];
  let maintenance: PostgresDatabase | undefined;
  let database: Database | undefined;
  let databaseName: string | undefined;
  try {
    let databaseUrl: string | undefined;
    if (options.postgresUrl) {
      maintenance = await openPostgresDatabase(options.postgresUrl);
      databaseName = `fleet_${randomBytes(6).toString('hex')}`;
      await maintenance.pool.query(`create database "${databaseName}"`);
      const url = new URL(options.postgresUrl);
      url.pathname = `/${databaseName}`;
      databaseUrl = url.toString();
    }
    const shared: Record<string, string> = {
      CALLMINE_DATA_DIR: dataDir,
      ...(databaseUrl ? { CALLMINE_DATABASE_URL: databaseUrl } : {}),
      CALLMINE_AUTH_SECRET: 'fleet benchmark secret, 32+ characters long',
      CALLMINE_MASTER_KEY: randomBytes(32).toString('base64'),
      CALLMINE_GONG_DEFAULT_BASE_URL: sandbox.clusters.standard?.origin ?? '',
      CALLMINE_GONG_ALLOWED_ORIGINS: Object.values(sandbox.clusters)
        .map((c) => c.origin)
        .join(','),
      CALLMINE_GONG_REQUESTS_PER_SECOND: String(RATE),
      CALLMINE_GONG_DAILY_BUDGET: '1000000',
      CALLMINE_GONG_TIMEOUT_MS: '10000',
      CALLMINE_MONTHLY_CALL_QUOTA: String(Math.max(1000, options.calls * 2)),
      CALLMINE_LOG_LEVEL: 'warn',
    };
    const port = await freePort();
    const serverUrl = `http://127.0.0.1:${port}`;
    const server = spawnCallmine('server', {
      ...shared,
      CALLMINE_ROLE: 'server',
      PORT: String(port),
      CALLMINE_PUBLIC_URL: serverUrl,
      CALLMINE_GONG_CONNECT_ATTEMPTS_PER_MINUTE: '1000',
    });
    processes.push(server);
    await waitForHealth(`${serverUrl}/healthz`, server);
    // The workers start before the workspaces exist, so their start-up health sweep has nothing to check and the
    // timed runs are the only Gong traffic.
    const workers = await Promise.all(
      Array.from({ length: options.workers }, async () => {
        const healthPort = await freePort();
        const worker = spawnCallmine(
          'worker',
          {
            ...shared,
            CALLMINE_ROLE: 'worker',
            CALLMINE_WORKER_HEALTH_PORT: String(healthPort),
            ...(options.concurrency ? { CALLMINE_WORKER_CONCURRENCY: options.concurrency } : {}),
          },
          options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
        );
        processes.push(worker);
        await waitForHealth(`http://127.0.0.1:${healthPort}/healthz`, worker);
        return worker;
      }),
    );

    const admin = apiClient(serverUrl, browserLikeFetch(serverUrl));
    await admin.setup.createOwner.mutate({
      name: 'Fleet Owner',
      email: 'owner@fleet.example',
      password: 'fleet owner password',
      workspaceName: 'Operator',
    });
    const setupStart = Date.now();
    const clients = await inBatches(options.workspaces, SETUP_PARALLELISM, async (i) => {
      const created = await admin.operator.createWorkspace.mutate({
        name: `Fleet ${i}`,
        adminEmail: `admin-${i}@fleet.example`,
      });
      const client = apiClient(serverUrl, browserLikeFetch(serverUrl));
      await client.invitations.accept.mutate({
        invitationId: created.invitation.id,
        name: `Admin ${i}`,
        password: `fleet admin password ${i}`,
      });
      const tenant = sandbox.tenant(tenants[i]!.id);
      const key = tenant.credentials[0]!;
      await client.integrations.gong.connectBasic.mutate({
        accessKey: key.accessKey,
        secretKey: key.secretKey,
        baseUrl: tenant.baseUrl,
      });
      return client;
    });
    const setupSeconds = (Date.now() - setupStart) / 1000;
    // The connect validations used each tenant's current second: let it pass, then count the runs' requests alone.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    sandbox.requests.length = 0;

    database = databaseUrl
      ? await openPostgresDatabase(databaseUrl, { poolSize: 2 })
      : openSqliteDatabase(join(dataDir, 'callmine.db'));
    const pgPid = maintenance ? await postmasterPid(maintenance) : undefined;
    const cpu = () => ({
      server: processCpuMs(server.child.pid ?? 0),
      workers: workers.map((w) => processCpuMs(w.child.pid ?? 0)),
      postgres: pgPid !== undefined ? clusterCpuMs(pgPid) : undefined,
      bench: cpuUsageMs(),
    });
    const delay = monitorEventLoopDelay({ resolution: 20 });
    delay.enable();
    const loadBefore = loadavg()[0] ?? 0;
    const cpuBefore = cpu();
    const started = Date.now();
    const runIds = (await Promise.all(clients.map((c) => c.runs.start.mutate(WHOLE_HISTORY)))).map(
      (r) => r.id,
    );
    const startSeconds = (Date.now() - started) / 1000;
    const { analysisRun } = database.db.tables;
    let rows: Array<{ status: string; updatedAt: Date; error: string | null }> = [];
    for (;;) {
      // Only this configuration's runs exist in its fresh database.
      rows = await database.db
        .select({ status: analysisRun.status, updatedAt: analysisRun.updatedAt, error: analysisRun.error })
        .from(analysisRun);
      if (rows.length !== runIds.length)
        throw new Error(`expected ${runIds.length} runs, found ${rows.length}`);
      if (rows.every((r) => FINISHED.includes(r.status))) break;
      // A run that failed is a wrong result, not a slow one: say so now instead of after the others.
      const failed = rows.find((r) => r.status === 'failed');
      if (failed) throw new Error(`a run failed after ${(Date.now() - started) / 1000} s: ${failed.error}`);
      if (Date.now() - started > 60 * 60_000) throw new Error('the runs did not finish within an hour');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const cpuAfter = cpu();
    const workerPeakRss = workers.map((w) => peakRssMb(w.child.pid ?? 0));
    delay.disable();
    const loadAfter = loadavg()[0] ?? 0;
    const notDone = rows.filter((r) => r.status !== 'done');
    if (notDone.length > 0) throw new Error(`${notDone.length} runs did not end done: ${notDone[0]?.error}`);
    const ends = rows.map((r) => r.updatedAt.getTime() - started).sort((a, b) => a - b);

    const perTenant = new Map<string, number[]>();
    for (const r of sandbox.requests) {
      if (!r.tenant) continue;
      const times = perTenant.get(r.tenant) ?? [];
      times.push(r.at);
      perTenant.set(r.tenant, times);
    }
    const largestRequests = Math.max(...[...perTenant.values()].map((t) => t.length));
    return {
      setupSeconds,
      startSeconds,
      makespanMs: ends[ends.length - 1] ?? 0,
      medianDoneMs: ends[Math.floor((ends.length - 1) / 2)] ?? 0,
      floorMs: (largestRequests / RATE) * 1000,
      largestRequests,
      tooMany: sandbox.requests.filter((r) => r.status === 429).length,
      peakPerSecond: Math.max(...[...perTenant.values()].map((t) => busiestSecond(t.sort((a, b) => a - b)))),
      cpuMs: {
        server: cpuAfter.server - cpuBefore.server,
        workers: cpuAfter.workers.map((ms, i) => ms - (cpuBefore.workers[i] ?? 0)),
        postgres:
          cpuAfter.postgres !== undefined && cpuBefore.postgres !== undefined
            ? cpuAfter.postgres - cpuBefore.postgres
            : undefined,
        bench: cpuAfter.bench - cpuBefore.bench,
      },
      workerPeakRssMb: workerPeakRss,
      sandboxDelayMs: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
      loadBefore,
      loadAfter,
    };
  } catch (error) {
    // What the processes logged at warn and above, so a failed configuration says which process failed and why.
    for (const [n, p] of processes.entries()) {
      const worse = p.logs().filter((line) => Number(line.level) >= 40);
      if (worse.length > 0) console.log(`process ${n}:`, JSON.stringify(worse.slice(-10), null, 1));
    }
    throw error;
  } finally {
    // Requests that failed after the client's retries, by cause (timeout, UND_ERR_SOCKET, …), and job retries.
    for (const [n, p] of processes.entries()) {
      const lines = p.logs();
      const causes = new Map<string, number>();
      for (const line of lines.filter((l) => l.msg === 'gong request failed')) {
        const key = `${String(line.kind)}/${String(line.detail)}`;
        causes.set(key, (causes.get(key) ?? 0) + 1);
      }
      const retried = lines.filter((l) => l.msg === 'job failed').length;
      if (causes.size > 0 || retried > 0) {
        console.log(
          `process ${n}: gong request failed ${JSON.stringify(Object.fromEntries(causes))}, job failed ${retried}`,
        );
      }
    }
    await stopAll(processes);
    await database?.close();
    if (maintenance && databaseName) {
      await maintenance.pool.query(`drop database if exists "${databaseName}" with (force)`);
    }
    await maintenance?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** This process's CPU (the sandbox, and the polling), in ms. */
function cpuUsageMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** `work(i)` for i in 0…count-1, `parallelism` at a time; the results in order. */
async function inBatches<T>(
  count: number,
  parallelism: number,
  work: (i: number) => Promise<T>,
): Promise<T[]> {
  const results: T[] = new Array(count);
  for (let next = 0; next < count; next += parallelism) {
    const batch = Array.from({ length: Math.min(parallelism, count - next) }, (_, k) => next + k);
    await Promise.all(batch.map(async (i) => (results[i] = await work(i))));
  }
  return results;
}
