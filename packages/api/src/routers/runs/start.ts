import { randomUUID } from 'node:crypto';
import type { RunSelection, RunView } from '@callmine/contracts';
import { ANALYSIS_RUN_JOB, createSqliteQueue, schema } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { ReasonedCause } from '../../errors.ts';
import type { SignedInContext } from '../../procedure-context.ts';
import { findRun } from './queries.ts';

/** Creates the run and its job in one transaction, so a run never exists without the job that moves it. */
export function startRun(ctx: SignedInContext, selection: RunSelection): RunView {
  const { db, now } = ctx.deps;
  const workspaceId = ctx.workspace.id;
  const credential = db
    .select({ status: schema.gongCredential.status })
    .from(schema.gongCredential)
    .where(eq(schema.gongCredential.workspaceId, workspaceId))
    .get();
  if (!credential) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'Connect Gong in Settings → Integrations before starting a run.',
      cause: new ReasonedCause('gong-not-connected'),
    });
  }
  if (credential.status !== 'active') {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message:
        'The Gong connection needs attention: an admin must replace the key in Settings → Integrations.',
      cause: new ReasonedCause('gong-needs-attention'),
    });
  }
  const id = randomUUID();
  const at = now();
  db.transaction((tx) => {
    tx.insert(schema.analysisRun)
      .values({ id, workspaceId, startedBy: ctx.user.id, selection, createdAt: at, updatedAt: at })
      .run();
    createSqliteQueue(tx, { now }).enqueue({
      kind: ANALYSIS_RUN_JOB,
      idempotencyKey: `${ANALYSIS_RUN_JOB}:${id}`,
      payload: { runId: id },
    });
  });
  ctx.deps.logger.info({ workspaceId, runId: id, by: ctx.user.id }, 'run queued');
  const view = findRun(db, workspaceId, id);
  if (!view) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR' });
  return view;
}
