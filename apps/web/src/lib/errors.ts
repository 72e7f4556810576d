import type { AppRouter } from '@callmine/api';
import type { GongOAuthResult } from '@callmine/contracts';
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

/** The server's machine-readable reason (`data.reason`, e.g. 'gong-different-company'), if any. */
export function errorReason(error: unknown): string | undefined {
  return isApiError(error) ? (error.data?.reason ?? undefined) : undefined;
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

/** Where Gong's OAuth round trip ended (the `?gong=` code the server's callback sets), as a sentence with a next step. */
const gongOAuthSentences: Record<GongOAuthResult, { tone: 'success' | 'error'; text: string }> = {
  connected: { tone: 'success', text: 'Gong is connected with OAuth.' },
  denied: {
    tone: 'error',
    text: 'Gong was not connected: access was denied on Gong’s page. Choose Connect with OAuth again and approve, or use basic-auth.',
  },
  'state-invalid': {
    tone: 'error',
    text: 'That Gong sign-in link was expired, already used, or started in another browser session. Choose Connect with OAuth again.',
  },
  'code-expired': {
    tone: 'error',
    text: 'Gong’s approval expired before Callmine could use it. Choose Connect with OAuth again.',
  },
  'scopes-missing': {
    tone: 'error',
    text: 'Gong did not grant access to calls, transcripts, users and workspaces. Approve all the permissions Callmine asks for, or ask a Gong technical administrator to allow them.',
  },
  'company-inactive': {
    tone: 'error',
    text: 'Gong was not connected: Gong says this company’s account is inactive, so none of its access works. Ask your Gong administrator or Gong support to reactivate it.',
  },
  'different-company': {
    tone: 'error',
    text: 'Nothing changed: the Gong company you approved is not the one connected now.',
  },
  'base-url-not-gong': {
    tone: 'error',
    text: 'Gong named an API address for your company that is not a Gong address, so Callmine did not connect. Contact Gong support, or connect with basic-auth.',
  },
  rejected: {
    tone: 'error',
    text: 'Gong did not accept the access it had just granted. Choose Connect with OAuth again.',
  },
  'rate-limited': {
    tone: 'error',
    text: 'Gong is rate-limiting us, or too many connection attempts were made. Wait a minute and choose Connect with OAuth again.',
  },
  unreachable: {
    tone: 'error',
    text: 'Couldn’t reach Gong, or it didn’t answer in time. Try Connect with OAuth again in a moment.',
  },
  conflict: {
    tone: 'error',
    text: 'Another admin changed the Gong connection at the same time. Check the card, then try again if needed.',
  },
  'not-configured': {
    tone: 'error',
    text: 'OAuth with Gong is not set up on this Callmine. Ask your operator, or connect with basic-auth.',
  },
};

export function gongOAuthResultMessage(
  code: string | null,
): { tone: 'success' | 'error'; text: string } | null {
  // The sentences name every result the contract has (their type says so): a lookup, no schema needed here (the
  // app's first code stays free of zod).
  return code !== null && Object.hasOwn(gongOAuthSentences, code)
    ? gongOAuthSentences[code as GongOAuthResult]
    : null;
}
