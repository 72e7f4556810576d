import { createHash } from 'node:crypto';

// One name per Gong credential for the shared limiter and daily budget, the same in the server (validating what an
// admin pastes) and in the worker (opening the stored credential): so a validation and a run take turns in one
// 3-requests/second window. The name is a hash, so it never reveals the secret it is derived from.

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 24);

/** A pasted key: the access key is what Gong counts against, so two workspaces pasting it share one limit. */
export function basicLimiterKey(accessKey: string): string {
  return `key:${digest(accessKey)}`;
}

/**
 * An OAuth grant: the access token changes at every refresh (and the refresh token may rotate), so neither names it
 * stably. The grant belongs to one Callmine workspace (connecting again replaces it), and the server validates it
 * for that workspace before the row exists: the workspace id is the stable name both sides know.
 */
export function oauthLimiterKey(workspaceId: string): string {
  return `oauth:${digest(workspaceId)}`;
}
