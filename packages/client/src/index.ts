import { createTRPCClient, httpBatchLink, type TRPCClient, TRPCClientError } from '@trpc/client';
import type { AppRouter } from './types.ts';

export type { AppRouter, CallmineInputs, CallmineOutputs } from './types.ts';

/**
 * This client's version, sent with every call (x-callmine-client) so a server that no longer serves it answers
 * with one clear error instead of a shape failure. Equal to package.json's (a test checks); `npm run client:pack`
 * writes the packed version here.
 */
export const clientVersion: string = '1.0.0';

export interface CallmineClientOptions {
  /** Where Callmine runs, e.g. `https://callmine.example.com` (the `/trpc` path is added). */
  url: string;
  /** An API token (`cm_…`) from Settings → API tokens. Sent only in the Authorization header. */
  token: string;
  /** A fetch to use instead of the global one (proxies, tests). */
  fetch?: typeof fetch;
}

/** A wrong `url` or `token` given to createCallmineClient, found before any request is made. */
export class CallmineSetupError extends Error {
  constructor(
    /** Which option is wrong, so a script can name its own setting (e.g. CALLMINE_URL). */
    readonly option: 'url' | 'token',
    message: string,
  ) {
    super(message);
    this.name = 'CallmineSetupError';
  }
}

function checkUrl(base: string): void {
  let protocol = '';
  try {
    protocol = new URL(base).protocol;
  } catch {
    // Not a URL at all; reported below.
  }
  // "localhost:3000" parses with the scheme "localhost:", so the scheme is checked too.
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new CallmineSetupError(
      'url',
      'The url is not an http(s) address. Give Callmine’s address as you open it in a browser, e.g. https://callmine.example.com or http://127.0.0.1:3000.',
    );
  }
}

/**
 * A typed client for Callmine's procedures: `client.workspace.get.query()`, `client.workspace.rename.mutate({...})`.
 * Vanilla tRPC (no React); calls made together are batched into one HTTP request.
 */
export function createCallmineClient(options: CallmineClientOptions): CallmineClient {
  const base = options.url.trim().replace(/\/+$/, '');
  checkUrl(base);
  if (!options.token.startsWith('cm_')) {
    // Fail before any request: a session cookie or a Gong key pasted here would otherwise be sent to the server.
    // The message never repeats the token.
    throw new CallmineSetupError(
      'token',
      'The token is not a Callmine API token: those start with cm_. Use the token shown once when it was created in Settings → API tokens (not a Gong key or a password).',
    );
  }
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/trpc`,
        // The version lets the server answer an old client with one clear error instead of a shape failure.
        headers: { authorization: `Bearer ${options.token}`, 'x-callmine-client': clientVersion },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}

/** The typed client: every procedure as `.query()` or `.mutate()`. */
export type CallmineClient = TRPCClient<AppRouter>;

/** The system error code (ECONNREFUSED, ENOTFOUND, …) somewhere in fetch's cause chain. */
function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { code, errors, cause } = e as { code?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof code === 'string') return code;
    // A refused connection to a name with several addresses is an AggregateError of one error per address.
    e = Array.isArray(errors) && errors.length > 0 ? errors[0] : cause;
  }
  return undefined;
}

/** A sentence for a call that got no answer from Callmine: nothing listening, a wrong host, or not Callmine. */
function noAnswerMessage(error: TRPCClientError<AppRouter>): string {
  if (error.cause instanceof SyntaxError) {
    return 'Something answered, but not Callmine’s API. Check the url: Callmine’s address as you open it in a browser, without /trpc or another path.';
  }
  const code = systemCode(error.cause);
  return `Could not reach Callmine${code ? ` (${code})` : ''}. Check the url (Callmine’s address as you open it in a browser) and that Callmine is running.`;
}

/**
 * The stable error fields a script can branch on; undefined for errors that did not come from a call. A call that
 * got no answer from Callmine (network failure, wrong address) has no `code` and a message saying what to check.
 */
export function callmineError(error: unknown) {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data = error.data as
    | { code?: string; httpStatus?: number; fieldErrors?: Record<string, string[]>; reason?: string }
    | undefined;
  return {
    message: data?.code ? error.message : noAnswerMessage(error),
    code: data?.code,
    httpStatus: data?.httpStatus,
    fieldErrors: data?.fieldErrors,
    reason: data?.reason,
  };
}
