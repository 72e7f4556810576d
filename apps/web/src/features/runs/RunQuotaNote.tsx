import type { RunQuotaView } from '@callmine/contracts';

const n = (value: number) => value.toLocaleString('en-US');

/** A run the monthly allowance cut short says so, with the numbers. */
export function RunQuotaNote({ quota }: { quota: RunQuotaView | null }) {
  if (!quota?.partial) return null;
  return (
    <p className="run-quota">
      <strong>Partial: quota reached</strong> — {n(quota.callsAnalysed)} of {n(quota.callsSelected)} calls
      analysed ({n(quota.callsSkipped)} skipped); allowance {n(quota.allowance)}/month, {n(quota.used)} used.
    </p>
  );
}
