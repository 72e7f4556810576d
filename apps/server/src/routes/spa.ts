import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

const COMPRESSIBLE = /^(text\/|application\/(javascript|json)|image\/svg)/;

/** The built SPA: hashed assets cached for a year, every other GET path answered with index.html. */
export function spaRoutes(distDir: string) {
  const app = new Hono<AppEnv>();
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) {
    return app.get('*', (c) => c.text('The web app is not built. Run `npm start`, which builds it.', 503));
  }
  const indexHtml = readFileSync(indexPath, 'utf8');
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  // The build writes .br and .gz beside each compressible file; the client's Accept-Encoding picks one. Vary is
  // set on every compressible answer (serveStatic sets it only when it picked a compressed copy), so a shared cache
  // never hands the compressed bytes to a client that did not ask for them, nor the reverse.
  app.use('*', async (c, next) => {
    await next();
    if (c.res.headers.has('content-encoding') || !COMPRESSIBLE.test(c.res.headers.get('content-type') ?? ''))
      return;
    c.res.headers.append('vary', 'Accept-Encoding');
  });
  app.use('*', serveStatic({ root: distDir, precompressed: true }));
  app.get('*', (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(indexHtml);
  });
  return app;
}
