import type { RunSelection } from '@callmine/contracts';
import type { GongExtensiveCall } from './endpoints/calls.ts';

// The run's filters that Gong's extensive endpoint cannot apply itself (it filters by date range only), applied to
// each listed call. Pure: a call in, a verdict out. Here (not in the worker) because the api's usage estimate applies
// the same filters to the cached calls.

const DAY_MS = 86_400_000;

/** Gong's filter window for a selection: from the first day's UTC midnight to the day after the last (exclusive). */
export function selectionRange(
  selection: Pick<RunSelection, 'from' | 'to' | 'fromDateTime' | 'toDateTime'>,
): { from: Date; to: Date } {
  // A schedule's occurrence gives exact instants: the window since the previous occurrence.
  if (selection.fromDateTime && selection.toDateTime) {
    return { from: new Date(selection.fromDateTime), to: new Date(selection.toDateTime) };
  }
  const from = new Date(`${selection.from}T00:00:00Z`);
  const to = new Date(new Date(`${selection.to}T00:00:00Z`).getTime() + DAY_MS);
  return { from, to };
}

export function matchesSelection(call: GongExtensiveCall, selection: RunSelection): boolean {
  const parties = call.parties ?? [];
  if (selection.externalOnly && !parties.some((p) => p.affiliation === 'External')) return false;
  if ((call.metaData.duration ?? 0) < selection.minDurationMinutes * 60) return false;
  if (selection.titleContains) {
    const title = (call.metaData.title ?? '').toLowerCase();
    if (!title.includes(selection.titleContains.toLowerCase())) return false;
  }
  if (selection.repEmails.length > 0) {
    // The rep is the call's primary user; the parties carry their email address.
    const rep = parties.find((p) => p.userId && p.userId === call.metaData.primaryUserId);
    const email = rep?.emailAddress?.toLowerCase();
    if (!email || !selection.repEmails.includes(email)) return false;
  }
  return true;
}
