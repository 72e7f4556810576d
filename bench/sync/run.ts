// Sync benchmark: one analysis run over 10,000 sandbox calls, through the API and a real worker, against a sandbox
// that enforces the same per-second limit the worker is configured with. Prints requests used ÷ the minimum for
// Gong's 100-record pages, achieved request rate ÷ the configured limit, and the 429s received.
// Goal: ≤ 1.05, ≥ 0.95, 0.
//   npx -y pnpm@12.4.2 exec tsx bench/sync/run.ts [--calls 10000] [--rate 10]
import { parseArgs } from 'node:util';
import { startRunEnv, startTestWorker } from '@callmine/worker/testing';

const { values } = parseArgs({ options: { calls: { type: 'string' }, rate: { type: 'string' } } });
const CALLS = Number(values.calls ?? 10_000);
// Gong's default is 3/s; a higher limit on both sides keeps the benchmark short without changing the ratios.
const RATE = Number(values.rate ?? 10);

const env = await startRunEnv({
  calls: CALLS,
  env: { CALLMINE_GONG_REQUESTS_PER_SECOND: String(RATE), CALLMINE_GONG_DAILY_BUDGET: '1000000' },
  sandbox: { rateLimit: { perSecond: RATE, perDay: 1_000_000 } },
});
const worker = startTestWorker(env.server.dataDir, {
  ...env.workerEnv,
  CALLMINE_GONG_REQUESTS_PER_SECOND: String(RATE),
  CALLMINE_GONG_DAILY_BUDGET: '1000000',
  CALLMINE_LOG_LEVEL: 'warn',
});
try {
  const queued = await env.startRun();
  const run = await env.waitFor(
    queued.id,
    (r) => ['done', 'failed', 'canceled'].includes(r.status),
    30 * 60_000,
  );
  if (run.status !== 'done') throw new Error(`run ended ${run.status}: ${run.error}`);
  const requests = env.runRequests();
  const minimum = Math.ceil(CALLS / 100) + Math.ceil(run.progress.callsTotal / 100);
  const first = requests[0]!.at;
  const last = requests.at(-1)!.at;
  // n requests spaced over (last − first) seconds: (n − 1) intervals.
  const achieved = (requests.length - 1) / ((last - first) / 1000);
  const tooMany = requests.filter((r) => r.status === 429).length;
  console.log(`calls ${CALLS}, transcripts ${run.totals?.transcripts}, limit ${RATE}/s`);
  console.log(
    `requests used ÷ minimum   ${(requests.length / minimum).toFixed(3)}  (${requests.length} / ${minimum})`,
  );
  console.log(`achieved rate ÷ limit     ${(achieved / RATE).toFixed(3)}  (${achieved.toFixed(2)}/s)`);
  console.log(`429s received             ${tooMany}`);
} finally {
  await worker.close();
  await env.close();
}
