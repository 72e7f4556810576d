import { tokenFor } from '../data/ids.ts';
import type { AccessTokenGrant } from '../http/state.ts';

/** The scopes Gong offers to apps; an authorize without `scope` gets all. */
export const GONG_SCOPES = [
  'api:calls:read:basic',
  'api:calls:read:extensive',
  'api:calls:read:transcript',
  'api:calls:read:media-url',
  'api:users:read',
  'api:stats:interaction',
  'api:workspaces:read',
  'api:settings:trackers:read',
] as const;

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Exact redirect URIs the app registered. */
  redirectUris: string[];
  /** Sandbox convenience for the demo client: any http://localhost or 127.0.0.1 callback is accepted. */
  allowLoopbackRedirects?: boolean;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scopes: string[];
  tenantId: string;
}

interface CodeGrant {
  clientId: string;
  tenantId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
}

interface RefreshGrant {
  clientId: string;
  tenantId: string;
  scopes: string[];
  active: boolean;
}

export type GrantResult =
  | { ok: true; tokens: TokenSet }
  | { ok: false; error: 'invalid_grant'; description: string };

// Codes live ten minutes and work once (RFC 6749 §4.1.2); access tokens a day, like Gong's.
const CODE_TTL_MS = 10 * 60_000;

export class OAuthStore {
  readonly clients: OAuthClient[] = [];
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly accessTokens = new Map<string, AccessTokenGrant & { clientId: string }>();
  private counter = 0;
  /** Every grant_type=refresh_token request with valid client authentication, granted or refused. */
  readonly refreshes = { granted: 0, refused: 0 };

  constructor(
    private readonly seed: number,
    private readonly clock: () => number,
    public accessTokenTtlSeconds = 86_400,
  ) {}

  registerClient(client: OAuthClient): OAuthClient {
    const existing = this.clients.findIndex((candidate) => candidate.clientId === client.clientId);
    if (existing >= 0) this.clients.splice(existing, 1);
    this.clients.push(client);
    return client;
  }

  findClient(clientId: string): OAuthClient | undefined {
    return this.clients.find((client) => client.clientId === clientId);
  }

  acceptsRedirect(client: OAuthClient, redirectUri: string): boolean {
    if (client.redirectUris.includes(redirectUri)) return true;
    if (!client.allowLoopbackRedirects) return false;
    try {
      const url = new URL(redirectUri);
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        ['localhost', '127.0.0.1'].includes(url.hostname)
      );
    } catch {
      return false;
    }
  }

  /** What the approve button does; tests may call it directly to skip the HTML page. */
  issueCode(grant: { clientId: string; tenantId: string; redirectUri: string; scopes?: string[] }): string {
    const code = tokenFor(this.seed, 'code', ++this.counter);
    this.codes.set(code, {
      clientId: grant.clientId,
      tenantId: grant.tenantId,
      redirectUri: grant.redirectUri,
      scopes: grant.scopes ?? [...GONG_SCOPES],
      expiresAt: this.clock() + CODE_TTL_MS,
      used: false,
    });
    return code;
  }

  exchangeCode(clientId: string, code: string, redirectUri: string | undefined): GrantResult {
    const grant = this.codes.get(code);
    if (!grant || grant.clientId !== clientId) return invalid('Unknown authorization code');
    if (grant.used) return invalid('Authorization code was already used');
    if (grant.expiresAt <= this.clock()) return invalid('Authorization code expired');
    if (grant.redirectUri !== redirectUri)
      return invalid('redirect_uri does not match the authorization request');
    grant.used = true;
    return { ok: true, tokens: this.mint(clientId, grant.tenantId, grant.scopes) };
  }

  /** Refresh tokens rotate: the old one stops working, so a client must store the new one every time. */
  refresh(clientId: string, refreshToken: string): GrantResult {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.clientId !== clientId || !grant.active) {
      this.refreshes.refused += 1;
      return invalid('Invalid refresh token');
    }
    grant.active = false;
    this.refreshes.granted += 1;
    return { ok: true, tokens: this.mint(clientId, grant.tenantId, grant.scopes) };
  }

  findAccessToken(token: string): AccessTokenGrant | undefined {
    return this.accessTokens.get(token);
  }

  /** Makes every issued access token (or just one) expire now, to test refresh-on-401. */
  expireAccessTokens(token?: string): void {
    for (const [value, grant] of this.accessTokens) {
      if (token === undefined || value === token) grant.expiresAt = this.clock();
    }
  }

  revokeRefreshToken(token: string): void {
    const grant = this.refreshTokens.get(token);
    if (grant) grant.active = false;
  }

  /**
   * What a Gong admin uninstalling the app does: every refresh token issued for `tenantId` (or for every tenant)
   * stops working. Tests use it because Callmine's tokens are sealed where a test can't read them.
   */
  revokeRefreshTokens(tenantId?: string): number {
    let revoked = 0;
    for (const grant of this.refreshTokens.values()) {
      if (grant.active && (tenantId === undefined || grant.tenantId === tenantId)) {
        grant.active = false;
        revoked += 1;
      }
    }
    return revoked;
  }

  private mint(clientId: string, tenantId: string, scopes: string[]): TokenSet {
    const accessToken = tokenFor(this.seed, 'access', ++this.counter);
    const refreshToken = tokenFor(this.seed, 'refresh', ++this.counter);
    this.accessTokens.set(accessToken, {
      clientId,
      tenantId,
      scopes,
      expiresAt: this.clock() + this.accessTokenTtlSeconds * 1000,
    });
    this.refreshTokens.set(refreshToken, { clientId, tenantId, scopes, active: true });
    return { accessToken, refreshToken, expiresIn: this.accessTokenTtlSeconds, scopes, tenantId };
  }
}

function invalid(description: string): GrantResult {
  return { ok: false, error: 'invalid_grant', description };
}
