// Fleet benchmark: N workspaces, each on its own Gong sandbox tenant limited to 3 requests/second, each starting a
// 300-call run at the same moment, served by one worker process (in this process, on the server's SQLite file).
// Prints the makespan (first run started → last run done) ÷ the physical floor (the largest per-tenant request count
// ÷ 3/s: no scheduler can beat it), the 429s received and the most requests any tenant saw in one second.
// Goal: ≤ 1.3, 0 429s, ≤ 3.
//   npx -y pnpm@12.4.2 exec tsx bench/fleet/run.ts [--workspaces 200] [--calls 300] [--concurrency <worker default>]
// Last run (2026-11-30, 10 workspaces, 2 cores at load average ~17 from other work): makespan 55.5 s, floor 2.33 s
// (7 requests), ratio 23.8, 0 429s, at most 1 request/s per tenant; the process got 0.13 of the cores, so the
// figure measures CPU starvation, not the scheduling. Rerun on a quiet machine before judging the 1.3 target.
// PostgreSQL (1 and 3 workers) is not measured yet: server and worker start-up on PostgreSQL is wired by another
// branch; this script runs the SQLite configuration only.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { TenantSpec } from '@callmine/gong-sandbox';
import { apiClient, browserLikeFetch, startSandboxedServer } from '@callmine/server/testing';
import { CALLS_UNTIL, startTestWorker, WHOLE_HISTORY } from '@callmine/worker/testing';

const { values } = parseArgs({
  options: {
    workspaces: { type: 'string' },
    calls: { type: 'string' },
    concurrency: { type: 'string' },
  },
});
const WORKSPACES = Number(values.workspaces ?? 200);
const CALLS = Number(values.calls ?? 300);
const RATE = 3;
const SETUP_PARALLELISM = 8;

const tenants: TenantSpec[] = Array.from({ length: WORKSPACES }, (_, i) => ({
  id: `fleet-${String(i).padStart(3, '0')}`,
  name: `Fleet ${i}`,
  cluster: 'standard',
  callCount: CALLS,
}));
const gongEnv = {
  CALLMINE_GONG_REQUESTS_PER_SECOND: String(RATE),
  CALLMINE_GONG_DAILY_BUDGET: '1000000',
  CALLMINE_MONTHLY_CALL_QUOTA: String(Math.max(1000, CALLS * 2)),
};
const env = await startSandboxedServer(gongEnv, {
  tenants,
  callsUntil: CALLS_UNTIL,
  rateLimit: { perSecond: RATE, perDay: 1_000_000 },
});

type Client = ReturnType<typeof apiClient>;
async function createWorkspace(i: number): Promise<Client> {
  const tenant = env.sandbox.tenant(tenants[i]!.id);
  const created = await env.admin.operator.createWorkspace.mutate({
    name: `Fleet ${i}`,
    adminEmail: `admin-${i}@fleet.example`,
  });
  const client = apiClient(env.server.url, browserLikeFetch(env.server.url));
  await client.invitations.accept.mutate({
    invitationId: created.invitation.id,
    name: `Admin ${i}`,
    password: `fleet admin password ${i}`,
  });
  const key = tenant.credentials[0]!;
  await client.integrations.gong.connectBasic.mutate({
    accessKey: key.accessKey,
    secretKey: key.secretKey,
    baseUrl: tenant.baseUrl,
  });
  return client;
}

const worker = await startTestWorker(
  env.server.dataDir,
  {
    CALLMINE_GONG_DEFAULT_BASE_URL: env.sandbox.clusters.standard?.origin ?? '',
    CALLMINE_GONG_ALLOWED_ORIGINS: Object.values(env.sandbox.clusters)
      .map((c) => c.origin)
      .join(','),
    CALLMINE_GONG_TIMEOUT_MS: '10000',
    CALLMINE_LOG_LEVEL: 'warn',
    ...gongEnv,
    ...(values.concurrency ? { CALLMINE_WORKER_CONCURRENCY: values.concurrency } : {}),
  },
  { scheduler: false },
);
try {
  const setupStart = Date.now();
  const clients: Client[] = new Array(WORKSPACES);
  for (let next = 0; next < WORKSPACES; ) {
    const batch = Array.from({ length: Math.min(SETUP_PARALLELISM, WORKSPACES - next) }, (_, k) => next + k);
    await Promise.all(batch.map(async (i) => (clients[i] = await createWorkspace(i))));
    next += batch.length;
  }
  console.log(`set up ${WORKSPACES} workspaces in ${((Date.now() - setupStart) / 1000).toFixed(1)} s`);
  // The connect validations shared each tenant's window: let it pass, then measure the runs alone.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  env.sandbox.requests.length = 0;

  const cpuBefore = process.cpuUsage();
  const started = Date.now();
  const runIds = (await Promise.all(clients.map((c) => c.runs.start.mutate(WHOLE_HISTORY)))).map((r) => r.id);
  const lastStart = Date.now();
  const { db } = worker.database;
  const { analysisRun } = db.tables;
  let rows: Array<{ id: string; status: string; updatedAt: Date; error: string | null }> = [];
  for (;;) {
    // Only this benchmark's runs exist in its fresh database.
    rows = await db
      .select({
        id: analysisRun.id,
        status: analysisRun.status,
        updatedAt: analysisRun.updatedAt,
        error: analysisRun.error,
      })
      .from(analysisRun);
    if (rows.length !== runIds.length)
      throw new Error(`expected ${runIds.length} runs, found ${rows.length}`);
    if (rows.every((r) => ['done', 'failed', 'canceled'].includes(r.status))) break;
    if (Date.now() - started > 60 * 60_000) throw new Error('runs did not finish within an hour');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const notDone = rows.filter((r) => r.status !== 'done');
  if (notDone.length > 0) throw new Error(`${notDone.length} runs did not end done: ${notDone[0]?.error}`);
  const makespanMs = Math.max(...rows.map((r) => r.updatedAt.getTime())) - started;
  // Server, worker (all its threads) and sandbox share this process: the CPU they burned bounds the makespan too.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;

  const perTenant = new Map<string, number[]>();
  for (const r of env.sandbox.requests) {
    if (!r.tenant) continue;
    const times = perTenant.get(r.tenant) ?? [];
    times.push(r.at);
    perTenant.set(r.tenant, times);
  }
  const largest = Math.max(...[...perTenant.values()].map((t) => t.length));
  const floorMs = (largest / RATE) * 1000;
  const tooMany = env.sandbox.requests.filter((r) => r.status === 429).length;
  // Most accepted requests any one tenant saw within any 1-second window.
  let peak = 0;
  for (const times of perTenant.values()) {
    times.sort((a, b) => a - b);
    for (let i = 0, j = 0; j < times.length; j += 1) {
      while (times[j]! - times[i]! >= 1000) i += 1;
      peak = Math.max(peak, j - i + 1);
    }
  }
  console.log(
    `workspaces ${WORKSPACES}, calls per run ${CALLS}, limit ${RATE}/s per tenant, SQLite, 1 worker`,
  );
  console.log(`runs started in                 ${((lastStart - started) / 1000).toFixed(2)} s`);
  console.log(`makespan                        ${(makespanMs / 1000).toFixed(2)} s`);
  console.log(`floor (largest tenant ÷ 3/s)    ${(floorMs / 1000).toFixed(2)} s  (${largest} requests)`);
  console.log(`makespan ÷ floor                ${(makespanMs / floorMs).toFixed(3)}`);
  console.log(
    `CPU used (this process, ${availableParallelism()} cores) ${cpuSeconds.toFixed(1)} s  (${(((cpuSeconds / availableParallelism()) * 1000) / makespanMs).toFixed(2)} of the cores over the makespan)`,
  );
  console.log(`429s received                   ${tooMany}`);
  console.log(`most requests in 1 s, 1 tenant  ${peak}`);
  console.log(`load average at the end           ${loadavg()[0]?.toFixed(1)}`);
  console.log(
    `worker RSS                      ${Math.round(process.memoryUsage().rss / 1e6)} MB (server, sandbox and worker)`,
  );
} finally {
  await worker.close();
  await env.close();
}
