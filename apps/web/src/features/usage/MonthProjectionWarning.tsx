import type { ScheduleEstimate } from '@callmine/contracts';
import { Alert } from '../../components/Alert.tsx';

const n = (value: number) => value.toLocaleString('en-US');
const count = (value: number, one: string, many: string) => `${n(value)} ${value === 1 ? one : many}`;
const monthName = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'long', timeZone: 'UTC' });

/**
 * A schedule's runs still due this month, at the pace of its last period, against what is left of the allowance.
 * A projection (calls that don't exist yet), said as one; shown only when it exceeds what is left.
 */
export function MonthProjectionWarning({ projection }: { projection: ScheduleEstimate['monthProjection'] }) {
  if (!projection || projection.covered) return null;
  const about = projection.basis === 'exact' ? 'about' : 'at least';
  return (
    <Alert tone="info">
      Projection: at the last period’s pace ({count(projection.callsPerPeriod, 'call', 'calls')} a run), its{' '}
      {count(projection.slotsLeft, 'run', 'runs')} left in {monthName(projection.month)} would count {about}{' '}
      {n(projection.projectedCalls)} calls, more than the {n(projection.remaining)} left this month. Runs that
      reach the allowance end partial.
    </Alert>
  );
}
