import { GongError } from './errors.ts';

// The Authorization header value, produced at request time so the caller can open a sealed credential only when
// needed and rotate it mid-run. The value is only ever handed to the transport; it is never logged or put in an error.
export type GongAuth = () => string | Promise<string>;

/**
 * Called once per request when Gong answers 401 to the header `rejected` (e.g. an OAuth access token revoked or
 * expired early): renew the credential if possible and resolve true to retry that request once with a fresh
 * header from `auth`, or false to fail it with 'invalid-credentials'. Errors it throws reach the caller unchanged.
 */
export type RenewAuth = (rejected: string) => Promise<boolean>;

// RFC 7617: the user-id cannot contain a colon; header values must be visible ASCII (no CR/LF smuggling).
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
// RFC 6750 b64token.
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** `Basic base64(accessKey:secretKey)` for a Gong access key and its secret. */
export function basicAuthorization(accessKey: string, secretKey: string): string {
  if (!VISIBLE_ASCII.test(accessKey) || accessKey.includes(':') || !VISIBLE_ASCII.test(secretKey)) {
    throw new GongError('invalid-credentials', { detail: 'malformed-basic-credential' });
  }
  return `Basic ${Buffer.from(`${accessKey}:${secretKey}`, 'utf8').toString('base64')}`;
}

/** `Bearer <token>` for an OAuth access token. */
export function bearerAuthorization(accessToken: string): string {
  if (!BEARER_TOKEN.test(accessToken)) {
    throw new GongError('invalid-credentials', { detail: 'malformed-bearer-token' });
  }
  return `Bearer ${accessToken}`;
}

export function basicAuth(accessKey: string, secretKey: string): GongAuth {
  return () => basicAuthorization(accessKey, secretKey);
}

export function bearerAuth(accessToken: string): GongAuth {
  return () => bearerAuthorization(accessToken);
}
