// A separate scheduler process for the exactly-once test: opens the database (the SQLite file, or PostgreSQL when
// CALLMINE_DATABASE_URL is set), ticks once at each instant it is
// given (argv[3], JSON array of ISO strings) and prints what each tick claimed. Several of these race on one file.
import { openDatabaseFromConfig, openQueue } from '@callmine/db';
import { createLogger } from '@callmine/logger';
import { createScheduler } from '../scheduler/scheduler.ts';

const [path, instants] = process.argv.slice(2);
if (!path || !instants) throw new Error('usage: scheduler-child <db path> <json instants>');
const database = await openDatabaseFromConfig({
  databaseUrl: process.env.CALLMINE_DATABASE_URL,
  databasePath: path,
});
let current = new Date(0);
const queues = await openQueue(database, { now: () => current, supervise: false });
const scheduler = createScheduler({
  db: database.db,
  queues,
  logger: createLogger({ service: 'scheduler-child', level: 'silent' }),
  now: () => current,
  tickMs: 60_000,
});
let started = 0;
let taken = 0;
for (const iso of JSON.parse(instants) as string[]) {
  current = new Date(iso);
  for (const result of await scheduler.tick()) {
    if (result.kind === 'started') started += 1;
    if (result.kind === 'taken') taken += 1;
  }
}
await queues.stop();
await database.close();
process.stdout.write(JSON.stringify({ started, taken }));
