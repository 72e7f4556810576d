import { randomUUID } from 'node:crypto';
import type {
  AnalysisResult,
  ReportCall,
  ReportParameters,
  ReportPartial,
  RunTotals,
} from '@callmine/contracts';
import { type Db, schema, type Tx } from '@callmine/db';
import { eq } from 'drizzle-orm';
import type { RunRow } from './run-store.ts';

// The analysing phase's only write: the report row and the run's completion, in one synchronous transaction.
// A report exists exactly when its run is done. A job retried after a crash between analysing and this commit
// analyses again and commits once; a job retried after the commit (or a second worker that took over an
// expired lease) finds the run done or the report's unique run_id taken and writes nothing.

const run = schema.analysisRun;
const report = schema.report;

export interface ReportContent {
  name: string;
  parameters: ReportParameters;
  fromDay: string;
  toDay: string;
  calls: ReportCall[];
  reps: Record<string, string>;
  result: AnalysisResult;
  partial: ReportPartial | null;
  totals: RunTotals;
}

/** Who the report says made it: the person who started the run (their name now, kept as text), or a schedule. */
function authorOf(db: Db | Tx, row: Pick<RunRow, 'startedBy' | 'trigger'>) {
  if (row.trigger === 'schedule') return { createdBy: null, createdByName: 'Schedule' };
  if (!row.startedBy) return { createdBy: null, createdByName: null };
  const person = db
    .select({ name: schema.user.name })
    .from(schema.user)
    .where(eq(schema.user.id, row.startedBy))
    .get();
  return person
    ? { createdBy: row.startedBy, createdByName: person.name }
    : { createdBy: null, createdByName: null };
}

export type CommitOutcome =
  | { kind: 'written'; reportId: string }
  /** The run was already done (or ended otherwise) when we came to commit: nothing written. */
  | { kind: 'already-finished'; reportId: string | null };

export function commitReport(db: Db, runId: string, content: ReportContent, at: Date): CommitOutcome {
  // IMMEDIATE: take the write lock before reading the run, so two workers can't both see it unfinished.
  return db.transaction(
    (tx) => {
      const current = tx.select().from(run).where(eq(run.id, runId)).get();
      const existing = tx.select({ id: report.id }).from(report).where(eq(report.runId, runId)).get();
      if (!current || existing || ['done', 'failed', 'canceled'].includes(current.status)) {
        return { kind: 'already-finished', reportId: existing?.id ?? null } as const;
      }
      const reportId = randomUUID();
      tx.insert(report)
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
          ...authorOf(tx, current),
          credentialVersion: current.credentialVersion,
          runStartedAt: current.startedAt,
          createdAt: at,
        })
        .onConflictDoNothing({ target: report.runId })
        .run();
      tx.update(run)
        .set({
          status: 'done',
          totals: content.totals,
          callsAnalyzed: content.totals.callsAnalyzed,
          finishedAt: at,
          pausedUntil: null,
          updatedAt: at,
        })
        .where(eq(run.id, runId))
        .run();
      return { kind: 'written', reportId } as const;
    },
    { behavior: 'immediate' },
  );
}
