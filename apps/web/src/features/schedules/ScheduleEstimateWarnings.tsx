import type { ScheduleEstimate } from '@callmine/contracts';
import { MonthProjectionWarning } from '../usage/MonthProjectionWarning.tsx';
import { UsageEstimateWarning } from '../usage/UsageEstimateWarning.tsx';

/** A schedule's two warnings: running it now, and (unless paused) the rest of this month's slots. */
export function ScheduleEstimateWarnings({ estimate }: { estimate: ScheduleEstimate | undefined }) {
  return (
    <>
      <UsageEstimateWarning estimate={estimate?.nextRun} subject="Running this schedule now" />
      <MonthProjectionWarning projection={estimate?.monthProjection ?? null} />
    </>
  );
}
