import { type GongMethod, gongReconnectStep } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import {
  CALL_ID_BATCH_SIZE,
  type Gong,
  type GongCallTranscript,
  type GongClient,
  GongError,
  gongErrorMessages,
} from '@callmine/gong';
import type { Logger } from '@callmine/logger';
import type { Opener } from '@callmine/vault/open';
import { z } from 'zod';
import {
  CredentialUnavailable,
  credentialMessage,
  credentialMessages,
  currentCredential,
  markNeedsAttention,
} from '../gong/credential.ts';
import { requestTimeCredential } from '../gong/request-credential.ts';
import type { TokenRefresher } from '../gong/token-refresher.ts';
import { type Analyze, analyseAndReport } from './analysing.ts';
import type { JobContext, JobHandler, JobOutcome } from './job-handler.ts';
import { chargeRunCalls } from './quota.ts';
import type { CommitOutcome } from './report-store.ts';
import {
  callsWithoutTranscript,
  checkpointListing,
  checkpointTranscripts,
  finish,
  loadRun,
  type RunRow,
  selectionOf,
  setStatus,
  startAnalysing,
} from './run-store.ts';
import { matchesSelection, selectionRange } from './select-calls.ts';
import { isSuspended, SUSPENDED_RECHECK_MS, SUSPENDED_RUN_MESSAGE } from './suspension.ts';

// An analysis run, phase by phase: list the selected calls (extensive endpoint, one checkpoint per page), fetch
// the transcripts not cached yet (batches of CALL_ID_BATCH_SIZE, one checkpoint per batch), then analyse from the
// cache and store the report with the run's completion (analysing.ts). Every phase starts from what the database says, so the job can be killed and rerun at any point.

export interface AnalysisRunDeps {
  db: Db;
  gong: Gong;
  opener: Opener;
  /** Renews OAuth access tokens (single-flight across runs and worker processes). */
  tokens: TokenRefresher;
  analyze: Analyze;
  logger: Logger;
  now: () => Date;
  /** CALLMINE_MONTHLY_CALL_QUOTA: the allowance of workspaces without an operator override. */
  monthlyCallQuota: number;
}

const payloadSchema = z.object({ runId: z.string() });

const rejectedMessage = (method: GongMethod) =>
  `Gong rejected the stored credential (401): ${gongReconnectStep(method)}.`;

export function analysisRunHandler(deps: AnalysisRunDeps): JobHandler {
  return {
    run: (payload, context) => runAnalysis(deps, payloadSchema.parse(payload).runId, context),
    async onDead(payload, error) {
      const parsed = payloadSchema.safeParse(payload);
      if (!parsed.success) return;
      // GongError messages are fixed sentences (no request data); anything else gets a generic one.
      const message =
        error instanceof GongError
          ? `Gong kept failing: ${error.message}`
          : 'The run failed repeatedly on an unexpected error; see the worker log.';
      await finish(deps.db, parsed.data.runId, 'failed', deps.now(), message);
    },
  };
}

async function runAnalysis(deps: AnalysisRunDeps, runId: string, context: JobContext): Promise<JobOutcome> {
  const { db, now, logger } = deps;
  const row = await loadRun(db, runId);
  if (!row || row.status === 'done' || row.status === 'failed' || row.status === 'canceled') {
    return { kind: 'finished' };
  }
  if (row.cancelRequested) {
    await finish(db, runId, 'canceled', now(), null);
    return { kind: 'finished' };
  }
  // A suspended workspace's queued run waits, untouched, until the operator resumes it (its data stays); one
  // already started stops (a worker restart while suspended lands here too).
  if (await isSuspended(db, row.workspaceId)) {
    if (row.status !== 'queued') {
      await finish(db, runId, 'canceled', now(), SUSPENDED_RUN_MESSAGE);
      return { kind: 'finished' };
    }
    return { kind: 'paused', until: new Date(now().getTime() + SUSPENDED_RECHECK_MS) };
  }
  if (row.status === 'queued') await setStatus(db, runId, 'fetching', now(), { startedAt: now() });

  const stored = await currentCredential(db, row.workspaceId);
  if (stored?.status !== 'active') {
    await finish(
      db,
      runId,
      'failed',
      now(),
      stored ? credentialMessage('needs-attention', stored.method) : credentialMessages.missing,
    );
    return { kind: 'finished' };
  }
  const credential = requestTimeCredential(db, deps.opener, row.workspaceId, now, deps.tokens);
  let client: GongClient;
  try {
    client = deps.gong.client({
      baseUrl: stored.baseUrl,
      // The server's validations of this credential take turns with this run in the same limiter slots and count in
      // the same daily budget.
      credentialId: await credential.limiterKey(),
      auth: credential.auth,
      renewAuth: credential.renewAuth,
    });
  } catch (error) {
    if (!(error instanceof GongError) && !(error instanceof CredentialUnavailable)) throw error;
    await finish(db, runId, 'failed', now(), error.message);
    return { kind: 'finished' };
  }

  try {
    const stop = await fetchAll(deps, client, row, credential.lastVersion, context);
    if (stop) return stop;
    if (await isSuspended(db, row.workspaceId)) {
      await finish(db, runId, 'canceled', now(), SUSPENDED_RUN_MESSAGE);
      return { kind: 'finished' };
    }
    await startAnalysing(db, runId, row.workspaceId, now());
    const analysing = (await loadRun(db, runId)) ?? row;
    let outcome: CommitOutcome;
    try {
      outcome = await analyseAndReport(db, analysing, deps.analyze, now, context.signal);
    } catch (error) {
      // Shutdown or a lost lease stopped the analysis: nothing was written; the next claim analyses again.
      if (context.signal.aborted) return { kind: 'interrupted' };
      throw error;
    }
    logger.info({ runId, outcome: outcome.kind, reportId: outcome.reportId }, 'run done');
    return { kind: 'finished' };
  } catch (error) {
    if (error instanceof CredentialUnavailable) {
      await finish(db, runId, 'failed', now(), error.message);
      return { kind: 'finished' };
    }
    if (!(error instanceof GongError)) throw error;
    // `detail` is a short code (timeout, ECONNRESET, …) that tells a slow answer from a dropped connection.
    logger.warn(
      { runId, kind: error.kind, detail: error.detail, requestId: error.requestId },
      'gong request failed',
    );
    return onGongError(deps, row, error, credential.lastVersion());
  }
}

/** Undefined when both fetching phases are complete; otherwise why the job stopped. */
async function fetchAll(
  deps: AnalysisRunDeps,
  client: GongClient,
  initial: RunRow,
  version: () => number | null,
  context: JobContext,
): Promise<JobOutcome | undefined> {
  const { db, now } = deps;
  const { id: runId, workspaceId } = initial;
  const selection = selectionOf(initial);
  const range = selectionRange(selection);

  const stopped = async (): Promise<JobOutcome | undefined> => {
    const current = await loadRun(db, runId);
    if (!current || current.cancelRequested) {
      await finish(db, runId, 'canceled', now(), null);
      return { kind: 'finished' };
    }
    // Checked between batches: the operator's suspension stops the run; what it fetched and charged stays.
    if (await isSuspended(db, workspaceId)) {
      await finish(db, runId, 'canceled', now(), SUSPENDED_RUN_MESSAGE);
      return { kind: 'finished' };
    }
    return context.signal.aborted ? { kind: 'interrupted' } : undefined;
  };

  let row = initial;
  while (!row.listingDone) {
    const stop = await stopped();
    if (stop) return stop;
    const page = await client.calls.extensivePage(
      { fromDateTime: range.from, toDateTime: range.to },
      row.listCursor ?? undefined,
    );
    const calls = page?.items ?? [];
    // False when the run's cursor is no longer the one this page came from: the reload below picks up from there.
    await checkpointListing(db, {
      runId,
      workspaceId,
      fromCursor: row.listCursor,
      calls,
      selected: new Set(calls.filter((c) => matchesSelection(c, selection)).map((c) => c.metaData.id)),
      nextCursor: page?.records.cursor || undefined,
      requests: 1,
      credentialVersion: version(),
      at: now(),
    });
    row = (await loadRun(db, runId)) ?? row;
  }

  // Quota: charge the selection against this month's allowance before any transcript is fetched; the queries
  // below (and the analysing phase) see only the admitted calls. Idempotent, so a retried run charges nothing.
  await chargeRunCalls(db, { runId, workspaceId, defaultAllowance: deps.monthlyCallQuota, now });

  for (;;) {
    const stop = await stopped();
    if (stop) return stop;
    const asked = await callsWithoutTranscript(db, runId, workspaceId, CALL_ID_BATCH_SIZE);
    if (asked.length === 0) return undefined;
    const transcripts: GongCallTranscript[] = [];
    let requests = 0;
    for await (const page of client.transcripts.get(asked)) {
      requests += 1;
      transcripts.push(...page.items);
    }
    await checkpointTranscripts(db, {
      runId,
      workspaceId,
      asked,
      transcripts,
      // Gong's 404 (none of these calls has a transcript) yields no page but was one request.
      requests: Math.max(requests, 1),
      credentialVersion: version(),
      at: now(),
    });
  }
}

async function onGongError(
  deps: AnalysisRunDeps,
  row: RunRow,
  error: GongError,
  version: number | null,
): Promise<JobOutcome> {
  const { db, now } = deps;
  switch (error.kind) {
    case 'invalid-credentials': {
      const current = await currentCredential(db, row.workspaceId);
      // Replaced since the failing request was built: try again with the new key rather than blame it.
      if (current && current.status === 'active' && version !== null && current.version !== version) {
        return { kind: 'interrupted' };
      }
      if (current && version !== null) {
        await markNeedsAttention(db, {
          workspaceId: row.workspaceId,
          version,
          status: 'rejected',
          at: now(),
        });
      }
      await finish(db, row.id, 'failed', now(), rejectedMessage(current?.method ?? 'basic'));
      return { kind: 'finished' };
    }
    case 'budget-exhausted':
    case 'rate-limited': {
      // Gong's day is spent (or it asked for a long wait): the run waits, it does not fail.
      const until = new Date(now().getTime() + (error.retryAfterSeconds ?? 60) * 1000);
      await setStatus(db, row.id, 'fetching', now(), { pausedUntil: until });
      return { kind: 'paused', until };
    }
    case 'company-inactive': {
      // Not a stale key: nothing to retry until Gong reactivates the company. The card says so.
      if (version !== null) {
        await markNeedsAttention(db, {
          workspaceId: row.workspaceId,
          version,
          status: 'rejected',
          detail: 'company-inactive',
          statusReason: gongErrorMessages['company-inactive'],
          at: now(),
        });
      }
      await finish(db, row.id, 'failed', now(), gongErrorMessages['company-inactive']);
      return { kind: 'finished' };
    }
    case 'forbidden':
    case 'base-url-not-allowed':
      await finish(db, row.id, 'failed', now(), gongErrorMessages[error.kind]);
      return { kind: 'finished' };
    default:
      // unavailable, unreachable, bad-response, not-found: transient as far as we know; the queue retries.
      throw error;
  }
}
