import { TRPCError } from '@trpc/server';
import { ReasonedCause } from './errors.ts';

/** The header `@callmine/client` sends with every call: its own version. Browsers and curl send none. */
export const clientVersionHeader = 'x-callmine-client';

/**
 * The `@callmine/client` versions this server serves: its major (a new major means a procedure's input or output
 * changed in a way an older client's types would get wrong), from the oldest minor whose procedures still exist.
 * Raise `minimum` when a procedure a client of that minor calls goes away; bump `major` with the client's.
 */
export const supportedClientVersions = { major: 1, minimum: '1.0.0' } as const;

/** `1.2.3` (a pre-release or build suffix is ignored) → [1, 2, 3]; anything else → undefined. */
function parseVersion(text: string): [number, number, number] | undefined {
  const match = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})(?:[-+][0-9A-Za-z.+-]*)?$/.exec(text.trim());
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function atLeast(version: [number, number, number], minimum: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) {
    const a = version[i] ?? 0;
    const b = minimum[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** Whether this server serves a client of that version. */
export function isSupportedClientVersion(version: string): boolean {
  const parsed = parseVersion(version);
  const minimum = parseVersion(supportedClientVersions.minimum);
  if (!parsed || !minimum) return false;
  return parsed[0] === supportedClientVersions.major && atLeast(parsed, minimum);
}

/** In words, for the error and the README: "1.x from 1.0.0 on". */
export function supportedClientVersionsText(): string {
  return `${supportedClientVersions.major}.x from ${supportedClientVersions.minimum} on`;
}

/**
 * The one check of the client's version, run by createContext before any procedure, middleware or input parsing,
 * so an old script gets this sentence rather than a confusing shape error. No header (the SPA, curl) passes.
 */
export function checkClientVersion(headers: Headers): void {
  const sent = headers.get(clientVersionHeader);
  if (sent === null || isSupportedClientVersion(sent)) return;
  // Echo the version only when it looks like one, so the message never repeats arbitrary header text.
  const named = parseVersion(sent) ? `@callmine/client ${sent.trim()}` : 'This version of @callmine/client';
  throw new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: `${named} is not supported by this Callmine server, which serves @callmine/client ${supportedClientVersionsText()}. Install a client of a supported version (npm run client:pack in this Callmine's repository builds it).`,
    cause: new ReasonedCause('client-version-unsupported'),
  });
}
