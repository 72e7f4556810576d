import { z } from 'zod';

// The one definition of a workspace's monthly call allowance: the default (CALLMINE_MONTHLY_CALL_QUOTA) and an
// operator's per-workspace value (`npm run quota -- set`) accept the same range, and both messages print it.

export const MONTHLY_CALL_QUOTA_MIN = 0;
/** Ten million calls a month: far above any real workspace, low enough to stay a plain integer everywhere. */
export const MONTHLY_CALL_QUOTA_MAX = 10_000_000;

/** "0 to 10,000,000", as every message about the allowance prints it. */
export const monthlyCallQuotaRange = `${MONTHLY_CALL_QUOTA_MIN.toLocaleString('en-US')} to ${MONTHLY_CALL_QUOTA_MAX.toLocaleString('en-US')}`;

/** A whole number of calls within the range; `subject` opens the message ("CALLMINE_MONTHLY_CALL_QUOTA", "The allowance"). */
export function monthlyCallQuota(subject: string) {
  const message = `${subject} must be a whole number of calls from ${monthlyCallQuotaRange}`;
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().int(message).min(MONTHLY_CALL_QUOTA_MIN, message).max(MONTHLY_CALL_QUOTA_MAX, message));
}
