import { z } from 'zod';

// The one definition of a workspace's monthly call allowance: the default (CALLMINE_MONTHLY_CALL_QUOTA), an
// operator's per-workspace value (`npm run quota -- set`, the Operator page) accept the same range, and every
// message prints it.

export const MONTHLY_CALL_QUOTA_MIN = 0;
/** Ten million calls a month: far above any real workspace, low enough to stay a plain integer everywhere. */
export const MONTHLY_CALL_QUOTA_MAX = 10_000_000;

/** "0 to 10,000,000", as every message about the allowance prints it. */
export const monthlyCallQuotaRange = `${MONTHLY_CALL_QUOTA_MIN.toLocaleString('en-US')} to ${MONTHLY_CALL_QUOTA_MAX.toLocaleString('en-US')}`;

const messageFor = (subject: string) =>
  `${subject} must be a whole number of calls from ${monthlyCallQuotaRange}`;

/** The allowance as a number (API input); `subject` opens the message. */
export function monthlyCallCount(subject: string) {
  const message = messageFor(subject);
  return z
    .number({ error: message })
    .int(message)
    .min(MONTHLY_CALL_QUOTA_MIN, message)
    .max(MONTHLY_CALL_QUOTA_MAX, message);
}

/** The allowance as typed (environment, command line, a form field): digits only, then the same number rule. */
export function monthlyCallQuota(subject: string) {
  const message = messageFor(subject);
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(monthlyCallCount(subject));
}
