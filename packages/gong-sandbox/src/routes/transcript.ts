import { Hono } from 'hono';
import { z } from 'zod';
import { toGongTranscript } from '../data/transcript.ts';
import { readJsonBody } from '../http/body.ts';
import { selectCalls } from '../http/call-filter.ts';
import { fingerprintOf } from '../http/cursor.ts';
import { gongError } from '../http/errors.ts';
import { pageOf } from '../http/pagination.ts';
import { type ApiEnv, tenantOf } from '../http/state.ts';
import { callsFilterSchema, NO_CALLS_MESSAGE, toCallFilter } from './filter-schema.ts';

const transcriptBody = z.object({ cursor: z.string().nullish(), filter: callsFilterSchema });

export const transcriptRoutes = new Hono<ApiEnv>().post('/v2/calls/transcript', async (c) => {
  const tenant = tenantOf(c);
  const body = await readJsonBody(c, transcriptBody);
  if (!body.ok) return gongError(c, 400, ...body.errors);
  const { cursor, ...inputs } = body.value;
  const parsed = toCallFilter(inputs.filter);
  if (!parsed.ok) return gongError(c, 400, parsed.error);
  // Calls without a transcript (failed media, recording stopped) are simply absent from the answer.
  const selection = selectCalls(tenant.calls, { ...parsed.filter, withTranscript: true });
  if (selection.total === 0) return gongError(c, 404, NO_CALLS_MESSAGE);
  const page = pageOf(selection, fingerprintOf(tenant.id, 'transcript', inputs), cursor ?? undefined);
  if (!page.ok) return gongError(c, 400, page.error);
  const callTranscripts = page.indexes.map((index) => {
    const call = tenant.calls.call(index);
    return { callId: call.metaData.id, transcript: toGongTranscript(tenant.calls.transcriptOf(call)) };
  });
  return c.json({ requestId: c.var.requestId, records: page.records, callTranscripts });
});
