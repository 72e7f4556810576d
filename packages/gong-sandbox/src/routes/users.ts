import { Hono } from 'hono';
import { fingerprintOf } from '../http/cursor.ts';
import { gongError } from '../http/errors.ts';
import { pageOf, rangeSelection } from '../http/pagination.ts';
import { type ApiEnv, tenantOf } from '../http/state.ts';

export const usersRoutes = new Hono<ApiEnv>()
  .get('/v2/users', (c) => {
    const tenant = tenantOf(c);
    const includeAvatars = c.req.query('includeAvatars') ?? 'false';
    const fingerprint = fingerprintOf(tenant.id, 'users', { includeAvatars });
    const page = pageOf(rangeSelection(0, tenant.users.length), fingerprint, c.req.query('cursor'));
    if (!page.ok) return gongError(c, 400, page.error);
    const users = page.indexes.map((index) => tenant.users[index]);
    return c.json({ requestId: c.var.requestId, records: page.records, users });
  })
  .get('/v2/users/:id', (c) => {
    const user = tenantOf(c).users.find((candidate) => candidate.id === c.req.param('id'));
    if (!user) return gongError(c, 404, `User ${c.req.param('id')} not found`);
    return c.json({ requestId: c.var.requestId, user });
  });
