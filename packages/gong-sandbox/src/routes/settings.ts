import { Hono } from 'hono';
import { keywordTrackerSettings, trackersOf } from '../data/trackers.ts';
import { gongError } from '../http/errors.ts';
import { type ApiEnv, type SandboxState, tenantOf } from '../http/state.ts';

export function settingsRoutes(state: SandboxState) {
  return new Hono<ApiEnv>()
    .get('/v2/workspaces', (c) => {
      const workspaces = tenantOf(c).workspaces.map(({ id, name, description }) => ({
        id,
        name,
        description,
      }));
      return c.json({ requestId: c.var.requestId, workspaces });
    })
    .get('/v2/settings/trackers', (c) => {
      const tenant = tenantOf(c);
      const workspaceId = c.req.query('workspaceId');
      const workspaces = workspaceId
        ? tenant.workspaces.filter((workspace) => workspace.id === workspaceId)
        : tenant.workspaces;
      if (workspaceId && workspaces.length === 0) return gongError(c, 400, `workspaceId: unknown workspace`);
      const trackers = trackersOf(state.seed, tenant.id);
      const ownerId = tenant.users[0]?.id ?? '';
      const keywordTrackers = workspaces.flatMap((workspace) =>
        keywordTrackerSettings(trackers, workspace, ownerId),
      );
      return c.json({ requestId: c.var.requestId, keywordTrackers });
    });
}
