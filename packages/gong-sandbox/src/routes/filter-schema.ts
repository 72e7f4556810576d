import { z } from 'zod';
import type { CallFilter } from '../http/call-filter.ts';
import { parseGongDateTime } from '../http/dates.ts';

// Gong's request bodies for the POST call endpoints. Clients send nulls for absent optionals, so nullish.
export const callsFilterSchema = z.object({
  fromDateTime: z.string().nullish(),
  toDateTime: z.string().nullish(),
  workspaceId: z.string().nullish(),
  callIds: z.array(z.string()).nullish(),
  primaryUserIds: z.array(z.string()).nullish(),
});

export type CallsFilterInput = z.infer<typeof callsFilterSchema>;

export type FilterResult = { ok: true; filter: CallFilter } | { ok: false; error: string };

export function toCallFilter(input: {
  fromDateTime?: string | null;
  toDateTime?: string | null;
  workspaceId?: string | null;
  callIds?: string[] | null;
  primaryUserIds?: string[] | null;
}): FilterResult {
  const from = parseGongDateTime('fromDateTime', input.fromDateTime);
  if (!from.ok) return { ok: false, error: from.error };
  const to = parseGongDateTime('toDateTime', input.toDateTime);
  if (!to.ok) return { ok: false, error: to.error };
  const filter: CallFilter = {};
  if (from.value !== undefined) filter.from = from.value;
  if (to.value !== undefined) filter.to = to.value;
  if (input.workspaceId) filter.workspaceId = input.workspaceId;
  if (input.callIds) filter.callIds = input.callIds;
  if (input.primaryUserIds) filter.primaryUserIds = input.primaryUserIds;
  return { ok: true, filter };
}

/** The message Gong sends with its 404 for a call list that matched nothing. */
export const NO_CALLS_MESSAGE = 'No calls found corresponding to the provided filters';
