import { STARTER_TRACKERS } from '@callmine/analysis';
import {
  analysisSettings,
  type RunSelection,
  type RunStart,
  type RunView,
  runName,
} from '@callmine/contracts';
import { createAnalysisRun } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import type { SignedInContext } from '../../procedure-context.ts';
import { fieldError } from '../operator/field-error.ts';
import { assertGongReady } from './gong-ready.ts';
import { findRun } from './queries.ts';

/** What an ad-hoc run (no saved analysis) analyses with: every analyser and the starter trackers. */
export const AD_HOC_SETTINGS = analysisSettings.parse({ trackers: STARTER_TRACKERS });

export interface RunPlan {
  selection: RunSelection;
  settings: unknown;
  analysisId: string | null;
  /** The saved analysis's name; null for an ad-hoc run. The run stores its one name (contracts' runName). */
  analysisName: string | null;
}

/** Creates the run and its job in one transaction, so a run never exists without the job that moves it. */
export async function startRun(ctx: SignedInContext, plan: RunPlan): Promise<RunView> {
  await assertGongReady(ctx);
  const { db, now, queues } = ctx.deps;
  const workspaceId = ctx.workspace.id;
  const at = now();
  const id = await db.transaction(async (tx) =>
    createAnalysisRun(tx, queues, {
      workspaceId,
      startedBy: ctx.user.id,
      analysisId: plan.analysisId,
      name: runName(plan.analysisName, plan.selection.from, plan.selection.to),
      selection: plan.selection,
      settings: plan.settings,
      trigger: 'manual',
      at,
    }),
  );
  ctx.deps.logger.info({ workspaceId, runId: id, by: ctx.user.id }, 'run queued');
  const view = await findRun(db, workspaceId, id);
  if (!view) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR' });
  return view;
}

/**
 * An ad-hoc run: "Ad-hoc run · 2026-11-01 to 2026-11-28", counting the trackers it was given (the starter trackers
 * when an older caller gives none). Every analyser runs.
 */
export function adHocPlan(input: RunStart): RunPlan {
  const { trackers, ...selection } = input;
  const settings = trackers ? analysisSettings.parse({ trackers }) : AD_HOC_SETTINGS;
  return { selection: selection satisfies RunSelection, settings, analysisId: null, analysisName: null };
}

/**
 * A range that starts after today (UTC) has no calls yet: refused at the field, instead of a run that lists
 * nothing and leaves an empty report. A range that ends in the future is fine (today's calls so far).
 */
export function assertNotInFuture(selection: Pick<RunSelection, 'from'>, now: Date): void {
  const today = now.toISOString().slice(0, 10);
  if (selection.from > today) {
    throw fieldError('from', `That day is in the future: no calls yet. Choose a first day up to ${today}.`);
  }
}
