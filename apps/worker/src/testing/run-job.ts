// A run's job as the queue holds it, in the JobQueue's words, on either dialect (the job table on SQLite, pg-boss's
// pgboss.job on PostgreSQL): for tests that check a paused job, or bring it due without waiting.
import { analysisRunJobKey, type Db, jobIdFor } from '@callmine/db';
import { eq, sql } from 'drizzle-orm';

export interface RunJob {
  status: 'queued' | 'running' | 'done' | 'dead';
  runAfter: Date;
}

const pgBossStates: Record<string, RunJob['status']> = {
  created: 'queued',
  retry: 'queued',
  active: 'running',
  completed: 'done',
  failed: 'dead',
};

export async function runJob(db: Db, runId: string): Promise<RunJob | undefined> {
  const key = analysisRunJobKey(runId);
  if (db.dialect === 'postgres') {
    const [row] = (await db.all(sql`select state, extract(epoch from start_after) * 1000 as ms
      from pgboss.job where id = ${jobIdFor(key)}::uuid`)) as { state: string; ms: number }[];
    if (!row) return undefined;
    return { status: pgBossStates[row.state] ?? 'dead', runAfter: new Date(Number(row.ms)) };
  }
  const { job } = db.tables;
  const [row] = await db
    .select({ status: job.status, runAfter: job.runAfter })
    .from(job)
    .where(eq(job.idempotencyKey, key))
    .limit(1);
  return row ? { status: row.status as RunJob['status'], runAfter: row.runAfter } : undefined;
}

/** Makes a waiting run job due now. */
export async function makeRunJobDue(db: Db, runId: string, at = new Date()): Promise<void> {
  const key = analysisRunJobKey(runId);
  if (db.dialect === 'postgres') {
    await db.all(
      sql`update pgboss.job set start_after = ${at} where id = ${jobIdFor(key)}::uuid returning id`,
    );
    return;
  }
  const { job } = db.tables;
  await db.update(job).set({ runAfter: at }).where(eq(job.idempotencyKey, key));
}
