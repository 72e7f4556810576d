import type { Context } from 'hono';
import type { z } from 'zod';
import type { ApiEnv } from './state.ts';

export type BodyResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Parses a JSON body; unknown fields are ignored (zod strips them), wrong types are 400 with reasons. */
export async function readJsonBody<T>(c: Context<ApiEnv>, schema: z.ZodType<T>): Promise<BodyResult<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, errors: ['Request body is not valid JSON'] };
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
  };
}
