import type { OpenedDatabase } from '@callmine/db';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** Liveness plus a real read from the database. */
export function healthRoutes(sqlite: OpenedDatabase['sqlite']) {
  return new Hono<AppEnv>().get('/', (c) => {
    try {
      sqlite.prepare('select 1').get();
      return c.json({ ok: true });
    } catch {
      return c.json({ ok: false, error: 'database unavailable' }, 503);
    }
  });
}
