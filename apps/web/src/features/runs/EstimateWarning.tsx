import { type RunSelectionInput, runSelectionInput } from '@callmine/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert } from '../../components/Alert.tsx';
import { useTRPC } from '../../lib/trpc.ts';

const n = (value: number) => value.toLocaleString('en-US');

/**
 * Under the start-run form: warns (never blocks) when this month's allowance won't cover the calls the run would
 * count. Asks only once the selection is valid.
 */
export function EstimateWarning({ selection }: { selection: RunSelectionInput }) {
  const trpc = useTRPC();
  const valid = runSelectionInput.safeParse(selection).success;
  const estimate = useQuery(
    trpc.usage.estimate.queryOptions(selection, { enabled: valid, placeholderData: keepPreviousData }),
  );
  const e = estimate.data;
  if (!valid || !e || e.covered) return null;
  const calls = e.basis === 'exact' ? n(e.newCalls) : `at least ${n(e.newCalls)}`;
  return (
    <Alert tone="info">
      This run would count {calls} new calls, but only {n(e.remaining)} of this month’s {n(e.allowance)} are
      left. It would analyse only the calls that fit and end partial. You can still start it.
    </Alert>
  );
}
