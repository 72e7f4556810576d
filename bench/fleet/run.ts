// Fleet benchmark (issue #19): N workspaces, each on its own Gong sandbox tenant limited to 3 requests/second, each
// starting a 300-call run at the same moment; measured side by side in one run on three configurations, each with
// the built server and worker(s) as OS processes (bench/fleet/fleet.ts):
//   sqlite       SQLite (the embedded file), 1 worker process
//   postgres-1   PostgreSQL (a throwaway durable cluster this script starts and removes), 1 worker process
//   postgres-3   the same, 3 worker processes (what 3 machines would do, less the 2 cores they share here)
// For each: the makespan (first run started → last run done) ÷ the physical floor (the largest per-tenant request
// count ÷ 3/s: no scheduler can beat it), the 429s received, the most requests any tenant saw in one second, the CPU
// the processes used over the makespan, and the load average. Set-up (workspaces, invitations, Gong keys) is not
// timed. Goal: ≤ 1.3× the floor with one worker process on either database, 0 429s, ≤ 3 requests/s per tenant.
//   npx -y pnpm@12.4.2 exec tsx bench/fleet/run.ts [--workspaces 200] [--calls 300]
//     [--only sqlite|postgres-1|postgres-3] [--concurrency <CALLMINE_WORKER_CONCURRENCY; worker default>]
//     [--profile <dir>]   (each worker's CPU profile, <dir>/<configuration>/*.cpuprofile, written as it exits)
//     [--postgres <url>]  (a PostgreSQL server to use instead of the throwaway cluster: each configuration creates
//                          and drops a database on it; its CPU is counted when its files are readable here)
// Run it WITHOUT nice (tests run under nice), and read the CPU figures: on 2 shared cores a ratio far above the goal
// with the processes near 2 cores of CPU measures starvation, not the scheduling.
//
// Last runs (2026-12-01, 2 cores shared with two other engineers' benchmarks and browser tests; load average 5–10
// throughout, so every figure is CPU-starved; PostgreSQL 15 durable, the built bundles):
//   30 workspaces, side by side (08:04 UTC, uptime load 5.1 before, 10.8 after):
//                            makespan  floor  ratio  CPU floor  ratio  429s peak/s  CPU (cores busy)  load
//     SQLite, 1 worker         8.56 s  2.00 s  4.28     6.69 s   1.28     0     3    13.4 s (1.56)  4.8→4.6
//     PostgreSQL, 1 worker    14.03 s  2.00 s  7.02    12.18 s   1.15     0     2    24.4 s (1.74)  4.5→5.1
//     PostgreSQL, 3 workers   45.29 s  2.33 s 19.41    20.97 s   2.16     0     2    41.9 s (0.93)  4.9→10.8
//   (3 workers alone at 08:08, load 7.9→13.0: 29.19 s, 1.30× its CPU floor; worker CPU 12.2 + 9.1 + 8.7 s.)
//   Again at 08:30 (load 4.8 before, 12.5 after; the fleet got only 0.7–0.8 of the 2 cores):
//     SQLite, 1 worker        20.99 s  2.33 s  8.99     8.34 s   2.52     0     2    16.7 s (0.80)  4.6→5.9
//     PostgreSQL, 1 worker    45.67 s  2.00 s 22.84    16.14 s   2.83     0     2    32.3 s (0.71)  5.3→9.2
//     PostgreSQL, 3 workers   61.85 s  2.00 s 30.93    23.79 s   2.60     0     1    47.6 s (0.77)  9.2→12.9
//   worker peak RSS 693 MB (SQLite), 588 MB (PostgreSQL), 484 + 510 + 570 MB (3 workers); the sandbox's event
//   loop delayed up to 1.8 / 0.7 / 2.5 s.
//   100 workspaces, SQLite only (08:19, load 8.6→7.1): makespan 64.9 s, floor 2.33 s (27.8×), CPU floor 21.7 s
//   (3.0×: the fleet got 0.67 of the 2 cores), 0 429s, at most 2 requests/s per tenant, the sandbox's event loop
//   delayed up to 2.9 s (p99 345 ms).
//   200 workspaces, SQLite, issue #19 fix (2026-12-01, load 11–13): before (11:37, main's client) a run failed
//   after 157 s (the bench stops at the first failure); the last 10 worker warnings: 4 requests UND_ERR_SOCKET (a
//   reused keep-alive socket closed by the sandbox), 1 timeout, each one a job retry. After (11:44, retries of
//   transient network errors in the client, deadline not counting a stalled loop): 200/200 done, no request failed
//   after the client's retries, no job retried; makespan 131.0 s, floor 2.33 s (56.2×), CPU floor 47.1 s (2.78×:
//   0.72 cores busy), 0 429s, sandbox event loop delayed up to 3.1 s, worker peak RSS 1284 MB, load 12.1→9.2.
//   200 workspaces (08:13, load 3.7 at the start, 9.3 at the end): the SQLite configuration FAILED: 51 of 200 runs
//   dead after 5 attempts, "Could not reach Gong" on transcripts requests (GongError 'unreachable': a timeout or a
//   dropped connection; the worker's log does not say which, most likely the 10 s deadline). Not rerun: one run
//   at 200 was the budget on this shared machine.
// What the figures say:
// - The Gong floor is not the bound on this machine: a 300-call run makes only 6 Gong requests (2 s at 3/s) but
//   costs about 0.45 CPU-seconds on SQLite and 0.8 on PostgreSQL (all processes, the sandbox included), so 30 runs
//   need 13–24 CPU-s against a 2 s floor. Against the CPU floor (the fleet's CPU ÷ 2 cores) every configuration
//   ran at 1.15–1.3× when it got the cores, and runs finished together (half of them done at ~90 % of the
//   makespan): many runs are in flight at once and none waits for another workspace's. The ≤ 1.3× Gong-floor goal would need roughly
//   N × 0.45–0.8 CPU-s ÷ 2.6 s cores (≈ 5–9 cores for 30 workspaces, 35–60 for 200), not a different schedule.
// - With 30 runs, 3 workers split the work evenly (CPU 12.2 / 9.1 / 8.7 s; 8.6 / 9.3 / 10.2 s); with 5 runs (a
//   5-workspace check) one worker got none: a worker claims back to back up to its concurrency, so the first to
//   poll takes what is waiting. The 3 workers use 1.7–2× one worker's CPU on 2 cores: each process warms its own
//   analysis threads (about 2 s each under load: the NLP model and module compile) and JIT. On separate machines
//   that is parallel; here it is contention.
// - Where the CPU goes (--profile, 30 workspaces): the worker's main thread is busy for nearly the whole makespan
//   (SQLite statements ~4 s, GC ~2 s, response bodies, drizzle's parameter mapping); the analysis threads do
//   ~2 s of analysis each. PostgreSQL's share (pg_stat_statements, 30 workspaces): inserting the transcript cache
//   2.6 s, the call cache 1.4 s, reading both back for the analysis 1.5 s, the report 0.7 s of ~8 s: storing and
//   reading large jsonb documents.
// - At 200 workspaces one worker holds 100 runs (CALLMINE_WORKER_CONCURRENCY's default) on 2 starved cores, and
//   the sandbox (this process, 20–50 ms of CPU per 0.4 MB transcripts page) answers them all: a response can then
//   take longer than the Gong deadline to be produced and read, and a run fails after its attempts. Gong itself
//   does not starve, but the worker's side (parse, validate, store on one main thread) does: fewer runs in flight
//   per core, or a deadline that does not count time the process waited for CPU, would keep this from failing.
// - SQLite commits with synchronous=FULL, and better-sqlite3 runs each COMMIT's fsync on the worker's main thread
//   (~120 small transactions per run). With the disk shared (fsync p50 3.9 ms, p90 30 ms, max 178 ms at 08:25),
//   5 workspaces × 100 calls on SQLite took 2.2–8.3 s (median 5.2 s, 6 runs) with the worker at 0.5–1.5 cores;
//   the same with synchronous=NORMAL (a local experiment, not committed) 3.5–7.0 s (median 3.7 s, 4 runs). Too
//   noisy on this machine to justify changing the durability setting; worth measuring on a quiet one.
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type PostgresCluster, startPostgresCluster } from '@callmine/db/testing/cluster';
import { type FleetResult, RATE, runFleet } from './fleet.ts';

const CONFIGURATIONS = [
  { name: 'sqlite', label: 'SQLite, 1 worker', postgres: false, workers: 1 },
  { name: 'postgres-1', label: 'PostgreSQL, 1 worker', postgres: true, workers: 1 },
  { name: 'postgres-3', label: 'PostgreSQL, 3 workers', postgres: true, workers: 3 },
] as const;

const { values } = parseArgs({
  options: {
    workspaces: { type: 'string' },
    calls: { type: 'string' },
    only: { type: 'string' },
    concurrency: { type: 'string' },
    profile: { type: 'string' },
    postgres: { type: 'string' },
  },
});
const WORKSPACES = Number(values.workspaces ?? 200);
const CALLS = Number(values.calls ?? 300);
if (!Number.isInteger(WORKSPACES) || WORKSPACES < 1)
  throw new Error('--workspaces must be a whole number ≥ 1');
if (!Number.isInteger(CALLS) || CALLS < 1) throw new Error('--calls must be a whole number ≥ 1');
const chosen = CONFIGURATIONS.filter((c) => values.only === undefined || c.name === values.only);
if (chosen.length === 0) {
  throw new Error(`--only must be one of ${CONFIGURATIONS.map((c) => c.name).join(', ')}`);
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim();
const root = fileURLToPath(new URL('../..', import.meta.url));
// The server and worker run as production runs them: the built bundles (only what is stale is rebuilt).
const built = spawnSync(process.execPath, ['scripts/build.mjs', '--production'], {
  cwd: root,
  stdio: 'inherit',
});
if (built.status !== 0) throw new Error('The build failed.');

console.log(`uptime before: ${uptime()}`);
console.log(
  `${WORKSPACES} workspaces, ${CALLS} calls per run, ${RATE} requests/s per tenant, ` +
    `worker concurrency ${values.concurrency ?? 'default'}, ${availableParallelism()} cores`,
);
let cluster: PostgresCluster | undefined;
const results: Array<{ label: string; result: FleetResult }> = [];
try {
  // Durable (fsync on), as a production database is and as the SQLite file is (synchronous=FULL).
  if (chosen.some((c) => c.postgres) && !values.postgres) {
    cluster = await startPostgresCluster({ durable: true });
  }
  const postgresUrl = values.postgres ?? cluster?.url;
  for (const configuration of chosen) {
    console.log(`\n${configuration.label}…`);
    const result = await runFleet({
      workspaces: WORKSPACES,
      calls: CALLS,
      workers: configuration.workers,
      ...(configuration.postgres && postgresUrl ? { postgresUrl } : {}),
      ...(values.concurrency ? { concurrency: values.concurrency } : {}),
      ...(values.profile ? { profileDir: join(resolve(values.profile), configuration.name) } : {}),
    });
    results.push({ label: configuration.label, result });
    print(configuration.label, result);
  }
} finally {
  await cluster?.stop();
}
console.log(`\nuptime after: ${uptime()}`);
if (results.length > 1) {
  console.log(
    '\nconfiguration             makespan    floor   ratio  CPU floor  ratio  429s  peak/s    CPU (cores)   load',
  );
  for (const { label, result: r } of results) {
    console.log(
      `${label.padEnd(24)} ${seconds(r.makespanMs).padStart(8)} ${seconds(r.floorMs).padStart(8)} ` +
        `${(r.makespanMs / r.floorMs).toFixed(2).padStart(7)} ${seconds(cpuFloorMs(r)).padStart(10)} ` +
        `${(r.makespanMs / Math.max(r.floorMs, cpuFloorMs(r))).toFixed(2).padStart(6)} ${String(r.tooMany).padStart(5)} ` +
        `${String(r.peakPerSecond).padStart(7)} ${totalCpu(r).toFixed(1).padStart(7)} s (${cores(r, totalCpu(r))})` +
        `  ${r.loadBefore.toFixed(1)}→${r.loadAfter.toFixed(1)}`,
    );
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function totalCpu(r: FleetResult): number {
  return (r.cpuMs.server + sum(r.cpuMs.workers) + (r.cpuMs.postgres ?? 0) + r.cpuMs.bench) / 1000;
}

/** No schedule on this machine's cores beats the CPU the fleet used spread over all of them (if nothing else ran). */
function cpuFloorMs(r: FleetResult): number {
  return (totalCpu(r) * 1000) / availableParallelism();
}

/** CPU seconds as cores busy on average over the makespan. */
function cores(r: FleetResult, cpuSeconds: number): string {
  return ((cpuSeconds * 1000) / r.makespanMs).toFixed(2);
}

function print(label: string, r: FleetResult) {
  const part = (name: string, ms: number) => `${name} ${(ms / 1000).toFixed(1)} s`;
  console.log(`  set-up (not timed)              ${r.setupSeconds.toFixed(1)} s`);
  console.log(`  runs started in                 ${r.startSeconds.toFixed(2)} s`);
  console.log(`  half the runs done at           ${seconds(r.medianDoneMs)}`);
  console.log(`  makespan                        ${seconds(r.makespanMs)}`);
  console.log(
    `  floor (largest tenant ÷ ${RATE}/s)    ${seconds(r.floorMs)}  (${r.largestRequests} requests)`,
  );
  console.log(`  makespan ÷ floor                ${(r.makespanMs / r.floorMs).toFixed(3)}   (${label})`);
  console.log(
    `  CPU floor (CPU ÷ ${availableParallelism()} cores)      ${seconds(cpuFloorMs(r))}; makespan ÷ the larger floor ` +
      `${(r.makespanMs / Math.max(r.floorMs, cpuFloorMs(r))).toFixed(3)}`,
  );
  console.log(`  429s received                   ${r.tooMany}`);
  console.log(
    `  sandbox event-loop delay        p99 ${r.sandboxDelayMs.p99.toFixed(0)} ms, max ${r.sandboxDelayMs.max.toFixed(0)} ms`,
  );
  console.log(`  most requests in 1 s, 1 tenant  ${r.peakPerSecond}`);
  console.log(
    `  CPU over the makespan           ${totalCpu(r).toFixed(1)} s = ${cores(r, totalCpu(r))} cores busy: ` +
      [
        part('server', r.cpuMs.server),
        `worker${r.cpuMs.workers.length > 1 ? 's' : ''} ${r.cpuMs.workers.map((ms) => (ms / 1000).toFixed(1)).join(' + ')} s`,
        ...(r.cpuMs.postgres !== undefined ? [part('PostgreSQL', r.cpuMs.postgres)] : []),
        part('sandbox + bench', r.cpuMs.bench),
      ].join(', '),
  );
  console.log(`  worker peak RSS                 ${r.workerPeakRssMb.map((mb) => `${mb} MB`).join(' + ')}`);
  console.log(
    `  load average (1 min)            ${r.loadBefore.toFixed(1)} before, ${r.loadAfter.toFixed(1)} after`,
  );
}
