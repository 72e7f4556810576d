// A process that charges runs against the quota, for the race test: node --import tsx charge-runs.ts
//   <db file> <go file> <default allowance> <batch size> <run id>...
// It prints "ready", waits until the go file exists (so two processes start together), then charges each run,
// pausing between runs as a worker does (it lists and fetches between them; that pause is when the other process
// gets the write lock), and prints the outcomes as JSON.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase, type RunQuotaOutcome } from '@callmine/db';
import { chargeRunCalls } from '../jobs/quota.ts';

const [dbPath, goFile, allowance, batchSize, ...runIds] = process.argv.slice(2);
if (!dbPath || !goFile || !allowance || !batchSize) {
  throw new Error('usage: charge-runs <db> <go file> <allowance> <batch> <run>...');
}
const opened = openDatabase(dbPath);
process.stdout.write('ready\n');
while (!existsSync(goFile)) await sleep(1);
const outcomes: RunQuotaOutcome[] = [];
for (const runId of runIds) {
  outcomes.push(
    await chargeRunCalls(opened.db, {
      runId,
      workspaceId: 'ws',
      defaultAllowance: Number(allowance),
      now: () => new Date(),
      batchSize: Number(batchSize),
    }),
  );
  await sleep(25);
}
opened.close();
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
