// The webhook events the worker's state changes cause, built in one place so each payload matches its contracts
// schema (ids and headline figures only). Each is enqueued inside the transaction that makes the change; the event
// id names the cause, so the same cause can never enqueue a second event.
import type { WebhookEventData, WebhookEventType } from '@callmine/contracts';
import type { WebhookEventInput } from '@callmine/db';

function event<T extends WebhookEventType>(
  type: T,
  key: string,
  workspaceId: string,
  data: WebhookEventData<T>,
  at: Date,
): WebhookEventInput {
  return { type, eventId: `${type}:${key}`, workspaceId, data, at };
}

export const runFinishedEvent = (
  workspaceId: string,
  data: WebhookEventData<'run.finished'>,
  at: Date,
): WebhookEventInput => event('run.finished', data.runId, workspaceId, data, at);

export const reportReadyEvent = (
  workspaceId: string,
  data: WebhookEventData<'report.ready'>,
  at: Date,
): WebhookEventInput => event('report.ready', data.reportId, workspaceId, data, at);

/** Keyed by the credential version it blames: a later version failing again is a new event. */
export const gongNeedsAttentionEvent = (
  workspaceId: string,
  version: number,
  status: 'rejected' | 'unreadable',
  at: Date,
): WebhookEventInput =>
  event('gong.needs-attention', `${workspaceId}:${version}:${status}`, workspaceId, { status }, at);

/**
 * The quota thresholds a charge crossed (used went from below to at-or-above 80 % or 100 % of the allowance):
 * once per workspace, month and threshold, also by its event id.
 */
export function quotaEvents(
  workspaceId: string,
  input: { month: string; allowance: number; usedBefore: number; usedAfter: number; at: Date },
): WebhookEventInput[] {
  const events: WebhookEventInput[] = [];
  for (const [percent, type] of [
    [80, 'quota.reached-80'],
    [100, 'quota.reached-100'],
  ] as const) {
    const limit = Math.ceil((input.allowance * percent) / 100);
    if (limit > 0 && input.usedBefore < limit && input.usedAfter >= limit) {
      const data = { month: input.month, used: input.usedAfter, allowance: input.allowance };
      events.push(event(type, `${workspaceId}:${input.month}`, workspaceId, data, input.at));
    }
  }
  return events;
}

export const occurrenceFailedEvent = (
  workspaceId: string,
  data: WebhookEventData<'schedule.occurrence-failed'>,
  at: Date,
): WebhookEventInput => event('schedule.occurrence-failed', data.occurrenceId, workspaceId, data, at);
