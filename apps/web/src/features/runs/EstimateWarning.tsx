import { type RunSelectionInput, runSelectionInput } from '@callmine/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';
import { UsageEstimateWarning } from '../usage/UsageEstimateWarning.tsx';

/** Under the start-run form: asks for the estimate only once the selection is valid. */
export function EstimateWarning({ selection }: { selection: RunSelectionInput }) {
  const trpc = useTRPC();
  const valid = runSelectionInput.safeParse(selection).success;
  const estimate = useQuery(
    trpc.usage.estimate.queryOptions(selection, { enabled: valid, placeholderData: keepPreviousData }),
  );
  return <UsageEstimateWarning estimate={valid ? estimate.data : undefined} subject="This run" />;
}
