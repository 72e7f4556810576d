import { randomUUID } from 'node:crypto';
import type { RunTotals, StoredReportBody } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { eq } from 'drizzle-orm';
import { enqueueReportEvents } from '../webhooks/enqueue-events.ts';
import type { RunRow } from './run-store.ts';

// The analysing phase's only write: the report row and the run's completion, in one transaction.
// A report exists exactly when its run is done. A job retried after a crash between analysing and this commit
// analyses again and commits once; a job retried after the commit (or a second worker that took over an
// expired lease) finds the run done or the report's unique run_id taken and writes nothing.

/** What the analysing phase commits: the report's stored body and the run's totals. */
export interface ReportContent extends StoredReportBody {
  totals: RunTotals;
}

/** Who the report says made it: the person who started the run (their name now, kept as text), or a schedule. */
async function authorOf(db: Db, row: Pick<RunRow, 'startedBy' | 'trigger'>) {
  const t = db.tables;
  if (row.trigger === 'schedule') return { createdBy: null, createdByName: 'Schedule' };
  if (!row.startedBy) return { createdBy: null, createdByName: null };
  const [person] = await db
    .select({ name: t.user.name })
    .from(t.user)
    .where(eq(t.user.id, row.startedBy))
    .limit(1);
  return person
    ? { createdBy: row.startedBy, createdByName: person.name }
    : { createdBy: null, createdByName: null };
}

export type CommitOutcome =
  | { kind: 'written'; reportId: string }
  /** The run was already done (or ended otherwise) when we came to commit: nothing written. */
  | { kind: 'already-finished'; reportId: string | null };

export async function commitReport(
  db: Db,
  runId: string,
  content: ReportContent,
  at: Date,
): Promise<CommitOutcome> {
  // Serialised per run (SQLite: every transaction is IMMEDIATE; PostgreSQL: the lock key), so two workers can't both
  // see the run unfinished.
  const { analysisRun: run, report } = db.tables;
  return db.transaction(
    async (tx) => {
      const [current] = await tx.select().from(run).where(eq(run.id, runId)).limit(1);
      const [existing] = await tx
        .select({ id: report.id })
        .from(report)
        .where(eq(report.runId, runId))
        .limit(1);
      if (!current || existing || ['done', 'failed', 'canceled'].includes(current.status)) {
        return { kind: 'already-finished', reportId: existing?.id ?? null } as const;
      }
      const reportId = randomUUID();
      await tx
        .insert(report)
        .values({
          id: reportId,
          workspaceId: current.workspaceId,
          runId,
          // Read inside the transaction: deleting the analysis clears the run's analysis_id in its own one.
          analysisId: current.analysisId,
          name: content.name,
          parameters: content.parameters,
          fromDay: content.fromDay,
          toDay: content.toDay,
          callsAnalyzed: content.result.calls.total,
          calls: content.calls,
          reps: content.reps,
          result: content.result,
          partial: content.partial,
          ...(await authorOf(tx, current)),
          credentialVersion: current.credentialVersion,
          runStartedAt: current.startedAt,
          createdAt: at,
        })
        .onConflictDoNothing({ target: report.runId });
      await tx
        .update(run)
        .set({
          status: 'done',
          totals: content.totals,
          callsAnalyzed: content.totals.callsAnalyzed,
          finishedAt: at,
          pausedUntil: null,
          updatedAt: at,
        })
        .where(eq(run.id, runId));
      // Same transaction: the run.finished and report.ready webhooks exist exactly when the report does.
      await enqueueReportEvents(tx, {
        workspaceId: current.workspaceId,
        runId,
        reportId,
        name: content.name,
        fromDay: content.fromDay,
        toDay: content.toDay,
        callsAnalyzed: content.result.calls.total,
        partial: content.partial !== null,
        at,
      });
      return { kind: 'written', reportId } as const;
    },
    { lock: `run:${runId}` },
  );
}
