import type { Database } from '@callmine/db';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

/** Liveness plus a real round trip to the database. */
export function healthRoutes(database: Pick<Database, 'ping'>) {
  return new Hono<AppEnv>().get('/', async (c) => {
    try {
      await database.ping();
      return c.json({ ok: true });
    } catch {
      return c.json({ ok: false, error: 'database unavailable' }, 503);
    }
  });
}
