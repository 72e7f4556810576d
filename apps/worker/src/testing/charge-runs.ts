// A process that charges runs against the quota, for the race test: node --import tsx charge-runs.ts
//   <db file> <start at (epoch ms)> <default allowance> <batch size> <run id>...
// It waits for the start instant so two processes begin together, then prints each run's outcome as JSON.
import { openDatabase } from '@callmine/db';
import { chargeRunCalls } from '../jobs/quota.ts';

const [dbPath, startAt, allowance, batchSize, ...runIds] = process.argv.slice(2);
if (!dbPath || !startAt || !allowance || !batchSize)
  throw new Error('usage: charge-runs <db> <startAt> <allowance> <batch> <run>...');
const opened = openDatabase(dbPath);
while (Date.now() < Number(startAt)) {
  // A short busy wait: both processes must start charging at the same moment.
}
const outcomes = runIds.map((runId) =>
  chargeRunCalls(opened.db, {
    runId,
    workspaceId: 'ws',
    defaultAllowance: Number(allowance),
    now: () => new Date(),
    batchSize: Number(batchSize),
  }),
);
opened.close();
process.stdout.write(JSON.stringify(outcomes));
