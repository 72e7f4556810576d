import type { GongBudgetView } from '@callmine/contracts';

const n = (value: number) => value.toLocaleString('en-US');
const utcTime = (iso: string) => `${iso.slice(11, 16)} UTC`;

/**
 * Today's Gong requests (runs and health checks, counted by the worker) against the daily budget. Admins see the
 * numbers and the reset; members a short line on whether runs can fetch from Gong today.
 */
export function GongBudgetLine({ budget, detailed }: { budget: GongBudgetView; detailed: boolean }) {
  const spent = budget.used >= budget.limit;
  if (!detailed) {
    return (
      <p className="hint" data-testid="gong-budget">
        {spent
          ? `Today’s Gong requests are used up: runs wait and continue after ${utcTime(budget.resetsAt)}.`
          : 'Runs can fetch calls from Gong today.'}
      </p>
    );
  }
  return (
    <p className="hint" data-testid="gong-budget">
      Gong requests today: {n(budget.used)} of {n(budget.limit)}
      {spent ? ' — used up, runs wait' : ''}. The count starts again at {utcTime(budget.resetsAt)} (midnight
      UTC).
    </p>
  );
}
