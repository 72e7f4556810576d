// Which base URLs may receive a Gong credential. Pure and dependency-free so the server, the worker and a form
// can share the one rule (import it from '@callmine/gong/base-url' to avoid pulling in the HTTP client).

export const GONG_DEFAULT_BASE_URL = 'https://api.gong.io';

export interface BaseUrlRules {
  /** Used when the input is blank. Must itself pass these rules (checked by createGong). */
  readonly defaultBaseUrl: string;
  /**
   * Development and tests only: exact origins (e.g. `http://127.0.0.1:4010`) accepted as they are, skipping the
   * host rule (and, in the transport, the address check). Empty in production.
   */
  readonly allowedOrigins: readonly string[];
}

export type BaseUrlRejection =
  | 'not-a-url'
  | 'not-https'
  | 'has-user-info'
  | 'has-port'
  | 'host-not-allowed'
  | 'has-path'
  | 'has-query'
  | 'has-fragment';

export type BaseUrlVerdict =
  | { readonly ok: true; readonly origin: string; readonly allowedByDevList: boolean }
  | { readonly ok: false; readonly reason: BaseUrlRejection };

// One DNS label (letters, digits, hyphens; no leading/trailing hyphen; at most 63 characters) directly under
// api.gong.io, as in Gong's regional URLs such as https://us-44392.api.gong.io.
const GONG_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)?api\.gong\.io$/;

// scheme "://" authority rest. The authority stops at "\" too: WHATWG reads "\" as "/" in https URLs.
const RAW_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\\]*)(.*)$/i;

/** True when `hostname` (as WHATWG URL gives it: lower case, punycoded) is api.gong.io or one label under it. */
export function isGongApiHost(hostname: string): boolean {
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  return GONG_HOST.test(host);
}

/**
 * Parses a customer-supplied Gong base URL and returns its bare origin, or why it is refused.
 * Blank (undefined, empty, whitespace) means the default base URL.
 *
 * Accepted: `https:` on `api.gong.io` or `<label>.api.gong.io` (any case, trailing dot tolerated and dropped),
 * optionally followed by a single `/`. Refused: user info, any explicit port (even `:443`, which WHATWG URL would
 * silently elide — so the raw authority is checked), any path, query or fragment (even an empty `?` or `#`),
 * other hosts, IP literals and look-alikes (WHATWG punycodes IDN hosts, so they fail the host rule).
 */
export function normalizeGongBaseUrl(input: string | undefined, rules: BaseUrlRules): BaseUrlVerdict {
  const trimmed = (input ?? '').trim();
  const candidate = trimmed === '' ? rules.defaultBaseUrl.trim() : trimmed;
  if (candidate === '') return { ok: false, reason: 'not-a-url' };
  return normalizeNonBlank(candidate, rules.allowedOrigins);
}

function normalizeNonBlank(trimmed: string, allowedOrigins: readonly string[]): BaseUrlVerdict {
  // WHATWG silently strips tabs and newlines anywhere; refuse them (and any other control or space) instead so the
  // raw checks below see exactly what the URL parser sees.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (/[\u0000-\u0020\u007f]/.test(trimmed)) return { ok: false, reason: 'not-a-url' };

  const raw = RAW_SHAPE.exec(trimmed);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, reason: 'not-a-url' };
  }
  if (!raw) return { ok: false, reason: url.protocol === 'https:' ? 'not-a-url' : 'not-https' };
  const authority = raw[2] ?? '';
  const rest = raw[3] ?? '';

  const hasUserInfo = authority.includes('@') || url.username !== '' || url.password !== '';
  const hasOnlyRootPath = rest === '' || rest === '/';

  const allowedDevOrigin = allowedOrigins.find((origin) => sameOrigin(origin, url.origin));
  if (allowedDevOrigin !== undefined && !hasUserInfo && hasOnlyRootPath) {
    return { ok: true, origin: url.origin, allowedByDevList: true };
  }

  if (url.protocol !== 'https:') return { ok: false, reason: 'not-https' };
  if (hasUserInfo) return { ok: false, reason: 'has-user-info' };
  if (!isGongApiHost(url.hostname)) return { ok: false, reason: 'host-not-allowed' };
  // The host passed the rule, so it contains no ":" of its own: any ":" left in the authority starts a port.
  if (url.port !== '' || authority.includes(':')) return { ok: false, reason: 'has-port' };
  if (rest.includes('#')) return { ok: false, reason: 'has-fragment' };
  if (rest.includes('?')) return { ok: false, reason: 'has-query' };
  if (!hasOnlyRootPath) return { ok: false, reason: 'has-path' };

  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  return { ok: true, origin: `https://${host}`, allowedByDevList: false };
}

function sameOrigin(listed: string, origin: string): boolean {
  try {
    return new URL(listed).origin === origin;
  } catch {
    return false;
  }
}

/** The sentence a form shows for each rejection. */
export const baseUrlRejectionMessages: Record<BaseUrlRejection, string> = {
  'not-a-url': 'Enter the base URL as a full address, like https://api.gong.io.',
  'not-https': 'The base URL must start with https://.',
  'has-user-info': 'The base URL must not contain a user name or password.',
  'has-port': 'The base URL must not contain a port.',
  'host-not-allowed': 'The base URL must be https://api.gong.io or https://<your-region>.api.gong.io.',
  'has-path': 'The base URL must not contain a path: use only https://<host>.',
  'has-query': 'The base URL must not contain a query (?…).',
  'has-fragment': 'The base URL must not contain a fragment (#…).',
};
