import type { AppRouter } from '@callmine/api';
import { TRPCClientError } from '@trpc/client';

type ApiError = TRPCClientError<AppRouter>;

const fallbackByCode: Record<string, string> = {
  UNAUTHORIZED: 'Your session has ended. Sign in again.',
  FORBIDDEN: 'You don’t have permission to do that. Ask a workspace admin.',
  NOT_FOUND: 'That no longer exists.',
  CONFLICT: 'Someone else changed this at the same time. Reload and try again.',
  TOO_MANY_REQUESTS: 'Too many attempts. Wait a moment and try again.',
  PAYLOAD_TOO_LARGE: 'That is too much data to send at once.',
  BAD_REQUEST: 'Some fields need attention.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Try again in a moment.',
};

export function isApiError(error: unknown): error is ApiError {
  return error instanceof TRPCClientError;
}

/**
 * The one place an error becomes a sentence for people. The server's messages are written for users;
 * a missing one falls back by code, and a failure with no server answer reads as a connection problem.
 */
export function errorMessage(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong. Try again.';
  const code = error.data?.code;
  if (!code) return 'Can’t reach Callmine. Check your connection and try again.';
  return error.message || fallbackByCode[code] || fallbackByCode.INTERNAL_SERVER_ERROR!;
}

/** Field errors from the server's validation, shaped like the form's own. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const fields = error.data?.fieldErrors ?? {};
  const out: Record<string, string> = {};
  for (const [name, messages] of Object.entries(fields)) {
    if (messages?.[0]) out[name] = messages[0];
  }
  return out;
}
