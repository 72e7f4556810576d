import { TRPCError } from '@trpc/server';
import { APIError } from 'better-auth/api';

const statusToCode: Record<number, TRPCError['code']> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'BAD_REQUEST',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * The one place better-auth failures become TRPCErrors. Its messages are fixed sentences from its error-code
 * table (no input echoed), so they are safe to show; anything unknown becomes a generic server error.
 */
export function toTRPCError(
  error: unknown,
  fallbackMessage = 'Something went wrong on our side.',
): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof APIError) {
    const code = statusToCode[error.statusCode] ?? 'INTERNAL_SERVER_ERROR';
    const message =
      code === 'INTERNAL_SERVER_ERROR' ? fallbackMessage : error.body?.message || fallbackMessage;
    return new TRPCError({ code, message });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: fallbackMessage, cause: error });
}

/** Runs a better-auth call, mapping its failures. */
export async function authCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toTRPCError(error);
  }
}

/**
 * A machine-readable reason behind a TRPCError (e.g. `gong-invalid-credentials`), sent to clients as
 * `data.reason` so a UI or script can branch without matching message text.
 */
export class ReasonedCause extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ReasonedCause';
  }
}

/**
 * A rule only the database can check (a workspace name already taken) reported per field, like a schema failure:
 * the formatter sends `data.fieldErrors`, so a form puts the message under the field.
 */
export class FieldErrorsCause extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super('field errors');
    this.name = 'FieldErrorsCause';
  }
}
