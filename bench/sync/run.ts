// Sync benchmark: one analysis run over 10,000 sandbox calls, through the API and a real worker, against a sandbox
// that enforces the same per-second limit the worker is configured with. Prints requests used ÷ the minimum for
// Gong's 100-record pages, achieved request rate ÷ the configured limit, and the 429s received.
// Goal: ≤ 1.05, ≥ 0.95, 0.
//   npx -y pnpm@12.4.2 exec tsx bench/sync/run.ts [--calls 10000] [--rate 3]
// Last run (10,000 calls, 3/s): requests used ÷ minimum 1.000 (200/200), achieved rate ÷ limit 0.983, 429s 0.
// At higher limits the worker's one-request-at-a-time processing, not the limiter, becomes the bound.
import { parseArgs } from 'node:util';
import { startRunEnv, startTestWorker } from '@callmine/worker/testing';

const { values } = parseArgs({ options: { calls: { type: 'string' }, rate: { type: 'string' } } });
const CALLS = Number(values.calls ?? 10_000);
// Gong's default limit, enforced by the sandbox too (about 70 s for 200 requests).
const RATE = Number(values.rate ?? 3);

const env = await startRunEnv({
  calls: CALLS,
  env: { CALLMINE_GONG_REQUESTS_PER_SECOND: String(RATE), CALLMINE_GONG_DAILY_BUDGET: '1000000' },
  sandbox: { rateLimit: { perSecond: RATE, perDay: 1_000_000 } },
});
const worker = await startTestWorker(env.server.dataDir, {
  ...env.workerEnv,
  CALLMINE_GONG_REQUESTS_PER_SECOND: String(RATE),
  CALLMINE_GONG_DAILY_BUDGET: '1000000',
  CALLMINE_LOG_LEVEL: 'warn',
});
try {
  // Connecting Gong validated the key from the server process a moment ago; that request shares Gong's per-second
  // window but not the worker's limiter. Let the window pass so the run is measured on its own.
  await new Promise((resolve) => setTimeout(resolve, 1100));
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
