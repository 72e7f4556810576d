import type { RequestIdVariables } from 'hono/request-id';

/** Typed `c.var` for what middleware and routes add. */
export type AppEnv = {
  Variables: RequestIdVariables & { userId?: string };
};
