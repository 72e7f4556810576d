import type {
  AnalysisView,
  ScheduleEstimate,
  ScheduleInput,
  ScheduleWindowMode,
  UsageEstimate,
} from '@callmine/contracts';
import { analysisWindowAt, occurrenceSelection } from '@callmine/db';
import { type Cadence, runNowWindow, slotsBetween } from '@callmine/schedule';
import type { SignedInContext } from '../../procedure-context.ts';
import { requireAnalysis } from '../analyses/write.ts';
import { estimateUsage } from '../usage/estimate.ts';
import { checkInput, mine } from './save.ts';

/**
 * A saved schedule's estimate: what "run now" would charge, and (unless paused) the month's projection. Run now
 * is the only run whose window ends by now, so it is the only one the call cache can count; a scheduled slot's
 * calls mostly don't exist yet — the projection assumes the last period's pace.
 */
export async function estimateSavedSchedule(ctx: SignedInContext, id: string): Promise<ScheduleEstimate> {
  const row = await mine(ctx, id);
  const spec = { cadence: row.cadence as ScheduleInput['cadence'], timeZone: row.timeZone };
  const analysis = await requireAnalysis(ctx, row.analysisId);
  return estimateSchedule(ctx, spec, analysis, row.windowMode, row.paused);
}

/** The editor's fields as typed (checked like create/update); the schedule being edited decides "paused". */
export async function estimateDraftSchedule(
  ctx: SignedInContext,
  input: { id?: string | undefined; schedule: ScheduleInput },
): Promise<ScheduleEstimate> {
  await checkInput(ctx, input.schedule);
  const paused = input.id ? (await mine(ctx, input.id)).paused : false;
  const analysis = await requireAnalysis(ctx, input.schedule.analysisId);
  return estimateSchedule(ctx, input.schedule, analysis, input.schedule.windowMode, paused);
}

async function estimateSchedule(
  ctx: SignedInContext,
  spec: Cadence,
  analysis: Pick<AnalysisView, 'window' | 'filters'>,
  windowMode: ScheduleWindowMode,
  paused: boolean,
): Promise<ScheduleEstimate> {
  const now = ctx.deps.now();
  const { filters } = analysis;
  // The same window and selection runScheduleNow hands the worker.
  const window =
    (windowMode === 'analysis' ? analysisWindowAt(analysis.window, now) : null) ?? runNowWindow(spec, now);
  const nextRun = await estimateUsage(
    ctx.deps.db,
    ctx.workspace.id,
    occurrenceSelection(window, filters),
    ctx.deps.monthlyCallQuota,
    now,
  );
  return {
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    nextRun,
    monthProjection: paused ? null : projectMonth(spec, now, nextRun),
  };
}

/** Every slot still due this UTC month (quota months are UTC), each assumed to bring one period's calls. */
function projectMonth(spec: Cadence, now: Date, period: UsageEstimate): ScheduleEstimate['monthProjection'] {
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - 1);
  // The densest cadence allowed (every 15 minutes) has under 3,000 slots a month; slotsBetween keeps `limit`.
  const slotsLeft = slotsBetween(spec, now, monthEnd, 5000).length;
  const projectedCalls = slotsLeft * period.callsMatching;
  return {
    month: period.month,
    slotsLeft,
    callsPerPeriod: period.callsMatching,
    projectedCalls,
    remaining: period.remaining,
    basis: period.basis,
    covered: projectedCalls <= period.remaining,
  };
}
