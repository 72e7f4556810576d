import { usersPageSchema } from './endpoints/users.ts';
import { GongError } from './errors.ts';
import type { Send } from './requester.ts';

// "Does this key work for this base URL?" with the cheapest read Gong has: one page of GET /v2/users.

export type ValidateResult =
  | { readonly ok: true; readonly origin: string; readonly usersSampled: number; readonly requestId?: string }
  | { readonly ok: false; readonly error: GongError };

export async function validateCredential(send: Send, origin: string): Promise<ValidateResult> {
  try {
    // No retries: a person is waiting for the answer, and a clear "Gong is unavailable / rate limited" beats a spinner.
    const body = await send({ method: 'GET', path: '/v2/users' }, usersPageSchema, {
      maxRetries: 0,
      failFastWhenPaused: true,
    });
    return { ok: true, origin, usersSampled: body.users.length, requestId: body.requestId };
  } catch (error) {
    if (error instanceof GongError) return { ok: false, error };
    throw error;
  }
}
