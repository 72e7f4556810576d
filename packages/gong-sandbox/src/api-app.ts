import { Hono } from 'hono';
import { authenticate } from './http/auth.ts';
import { gongError } from './http/errors.ts';
import { applyFaults, instrument } from './http/instrument.ts';
import type { ApiEnv, SandboxState } from './http/state.ts';
import { callsRoutes } from './routes/calls.ts';
import { extensiveRoutes } from './routes/extensive.ts';
import { settingsRoutes } from './routes/settings.ts';
import { transcriptRoutes } from './routes/transcript.ts';
import { usersRoutes } from './routes/users.ts';

/** One cluster's API host (api.gong.io or a regional one): only its own tenants' credentials are known. */
export function buildClusterApp(cluster: string, state: SandboxState): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', instrument(cluster, state));
  app.use('*', applyFaults(state));
  app.use('/v2/*', authenticate(cluster, state));
  app.route('/', usersRoutes);
  app.route('/', settingsRoutes(state));
  app.route('/', extensiveRoutes(state));
  app.route('/', transcriptRoutes);
  app.route('/', callsRoutes);
  app.notFound((c) => gongError(c, 404, `No route for ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => gongError(c, 500, `Internal error: ${error.message}`));
  return app;
}
