import { Hono } from 'hono';
import { selectCalls } from '../http/call-filter.ts';
import { fingerprintOf } from '../http/cursor.ts';
import { gongError } from '../http/errors.ts';
import { pageOf } from '../http/pagination.ts';
import { type ApiEnv, tenantOf } from '../http/state.ts';
import { NO_CALLS_MESSAGE, toCallFilter } from './filter-schema.ts';

export const callsRoutes = new Hono<ApiEnv>()
  .get('/v2/calls', (c) => {
    const tenant = tenantOf(c);
    const inputs = {
      fromDateTime: c.req.query('fromDateTime') ?? null,
      toDateTime: c.req.query('toDateTime') ?? null,
      workspaceId: c.req.query('workspaceId') ?? null,
    };
    const parsed = toCallFilter(inputs);
    if (!parsed.ok) return gongError(c, 400, parsed.error);
    const selection = selectCalls(tenant.calls, parsed.filter);
    // Gong answers 404, not an empty list, when the filter matches no call.
    if (selection.total === 0) return gongError(c, 404, NO_CALLS_MESSAGE);
    const page = pageOf(selection, fingerprintOf(tenant.id, 'calls', inputs), c.req.query('cursor'));
    if (!page.ok) return gongError(c, 400, page.error);
    const calls = page.indexes.map((index) => tenant.calls.call(index).metaData);
    return c.json({ requestId: c.var.requestId, records: page.records, calls });
  })
  .get('/v2/calls/:id', (c) => {
    const tenant = tenantOf(c);
    const index = tenant.calls.indexOfCallId(c.req.param('id'));
    if (index === undefined) return gongError(c, 404, `Call ${c.req.param('id')} not found`);
    return c.json({ requestId: c.var.requestId, call: tenant.calls.call(index).metaData });
  });
