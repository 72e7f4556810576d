// The worker's hooks into its own transactions: each function is called inside the transaction that makes the
// state change, and enqueues the change's webhook event there (nothing is sent here; the dispatcher sends).
import { type Db, enqueueWebhookEvent } from '@callmine/db';
import { eq } from 'drizzle-orm';
import {
  gongNeedsAttentionEvent,
  occurrenceFailedEvent,
  quotaEvents,
  reportReadyEvent,
  runFinishedEvent,
} from './events.ts';

/** A report was written and its run is done (partial when the quota left selected calls out). */
export async function enqueueReportEvents(
  tx: Db,
  input: {
    workspaceId: string;
    runId: string;
    reportId: string;
    name: string;
    fromDay: string;
    toDay: string;
    callsAnalyzed: number;
    partial: boolean;
    at: Date;
  },
): Promise<void> {
  const { workspaceId, runId, reportId, name, at } = input;
  await enqueueWebhookEvent(
    tx,
    runFinishedEvent(
      workspaceId,
      {
        runId,
        name,
        outcome: input.partial ? 'partial' : 'done',
        callsAnalyzed: input.callsAnalyzed,
        reportId,
        error: null,
      },
      at,
    ),
  );
  await enqueueWebhookEvent(
    tx,
    reportReadyEvent(
      workspaceId,
      {
        reportId,
        runId,
        name,
        fromDay: input.fromDay,
        toDay: input.toDay,
        callsAnalyzed: input.callsAnalyzed,
      },
      at,
    ),
  );
}

/** The run failed (the same plain reason the Runs page shows). */
export async function enqueueRunFailed(tx: Db, runId: string, error: string | null, at: Date): Promise<void> {
  const run = tx.tables.analysisRun;
  const [row] = await tx
    .select({ workspaceId: run.workspaceId, name: run.name, callsAnalyzed: run.callsAnalyzed })
    .from(run)
    .where(eq(run.id, runId))
    .limit(1);
  if (!row) return;
  await enqueueWebhookEvent(
    tx,
    runFinishedEvent(
      row.workspaceId,
      { runId, name: row.name, outcome: 'failed', callsAnalyzed: row.callsAnalyzed, reportId: null, error },
      at,
    ),
  );
}

export async function enqueueNeedsAttention(
  tx: Db,
  input: { workspaceId: string; version: number; status: 'rejected' | 'unreadable'; at: Date },
): Promise<void> {
  await enqueueWebhookEvent(
    tx,
    gongNeedsAttentionEvent(input.workspaceId, input.version, input.status, input.at),
  );
}

export async function enqueueQuotaEvents(
  tx: Db,
  workspaceId: string,
  input: { month: string; allowance: number; usedBefore: number; usedAfter: number; at: Date },
): Promise<void> {
  for (const event of quotaEvents(workspaceId, input)) await enqueueWebhookEvent(tx, event);
}

export async function enqueueOccurrenceFailed(
  tx: Db,
  input: {
    workspaceId: string;
    scheduleId: string;
    occurrenceId: string;
    slot: Date;
    reason: string;
    at: Date;
  },
): Promise<void> {
  await enqueueWebhookEvent(
    tx,
    occurrenceFailedEvent(
      input.workspaceId,
      {
        scheduleId: input.scheduleId,
        occurrenceId: input.occurrenceId,
        slot: input.slot.toISOString(),
        reason: input.reason,
      },
      input.at,
    ),
  );
}
