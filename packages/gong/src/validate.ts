import { usersPageSchema } from './endpoints/users.ts';
import { type GongWorkspaceRef, workspacesSchema } from './endpoints/workspaces.ts';
import { GongError } from './errors.ts';
import type { Send } from './requester.ts';

// "Does this key work for this base URL, and which Gong company is it?" The cheapest read Gong has (one page of
// GET /v2/users) answers the first; GET /v2/workspaces names the company (its workspace ids and names). Both take
// their turn in the credential's rate limit and count in its daily budget like any request.

export type ValidateResult =
  | {
      readonly ok: true;
      readonly origin: string;
      readonly usersSampled: number;
      readonly workspaces: readonly GongWorkspaceRef[];
      readonly requestId?: string;
    }
  | { readonly ok: false; readonly error: GongError };

export type CheckResult =
  | { readonly ok: true; readonly requestId?: string }
  | { readonly ok: false; readonly error: GongError };

// No retries: a person is waiting for the answer, and a clear "Gong is unavailable / rate limited" beats a spinner.
const interactive = { maxRetries: 0, failFastWhenPaused: true } as const;

export async function validateCredential(send: Send, origin: string): Promise<ValidateResult> {
  try {
    const users = await send({ method: 'GET', path: '/v2/users' }, usersPageSchema, interactive);
    const company = await send({ method: 'GET', path: '/v2/workspaces' }, workspacesSchema, interactive);
    return {
      ok: true,
      origin,
      usersSampled: users.users.length,
      workspaces: company.workspaces.map((w) => ({ id: w.id, name: w.name ?? w.id })),
      requestId: users.requestId,
    };
  } catch (error) {
    if (error instanceof GongError) return { ok: false, error };
    throw error;
  }
}

/** The daily health check: exactly one request (a page of users), so it costs one unit of the daily budget. */
export async function checkCredential(send: Send): Promise<CheckResult> {
  try {
    const body = await send({ method: 'GET', path: '/v2/users' }, usersPageSchema, {
      maxRetries: 0,
      failFastWhenPaused: true,
    });
    return body.requestId ? { ok: true, requestId: body.requestId } : { ok: true };
  } catch (error) {
    if (error instanceof GongError) return { ok: false, error };
    throw error;
  }
}
