import type { UsageEstimate } from '@callmine/contracts';
import { Alert } from '../../components/Alert.tsx';

const n = (value: number) => value.toLocaleString('en-US');

/**
 * The one wording of "the allowance won't cover this run", for every place a run starts (the start-run form, a
 * schedule's editor and Run now, a saved analysis's Run now). Warns, never blocks; says nothing while covered.
 * `subject` names the run: "This run", "Running this schedule now", …
 */
export function UsageEstimateWarning({
  estimate,
  subject,
}: {
  estimate: UsageEstimate | undefined;
  subject: string;
}) {
  if (!estimate) return null;
  if (estimate.covered) {
    // A lower bound of no new calls proves nothing when none are left: any call the cache does not hold yet would
    // go unanalysed. Said before the run, not only by the partial report after it.
    if (estimate.basis !== 'lower-bound' || estimate.remaining > 0) return null;
    return (
      <Alert tone="info">
        None of this month’s {n(estimate.allowance)} calls are left. {subject} would analyse only calls
        already counted this month and end partial if it finds new ones. You can still start it.
      </Alert>
    );
  }
  const calls = estimate.basis === 'exact' ? n(estimate.newCalls) : `at least ${n(estimate.newCalls)}`;
  return (
    <Alert tone="info">
      {subject} would count {calls} new calls, but only {n(estimate.remaining)} of this month’s{' '}
      {n(estimate.allowance)} are left. It would analyse only the calls that fit and end partial. You can
      still start it.
    </Alert>
  );
}
