// What the api needs from the outside world, as interfaces the composition root fills in.
// Sealing comes from @callmine/vault's sealing entry; the api never opens a sealed credential.

export type BaseUrlVerdict =
  | { ok: true; origin: string; isDefault: boolean }
  // `reason`: which rule refused it (for logs; the admin gets one message for all).
  | { ok: false; reason: string };

/** Which Gong company a key reads: its Gong workspaces (GET /v2/workspaces), ids and names. */
export interface GongCompany {
  workspaces: { id: string; name: string }[];
}

export interface GongGateway {
  /** Requests per credential per UTC day (CALLMINE_GONG_DAILY_BUDGET), for the card's budget line. */
  readonly dailyBudget: number;
  /** Allow-list and normalise a pasted base URL; blank means Gong's standard endpoints. */
  normalizeBaseUrl(input: string | undefined): BaseUrlVerdict;
  /** A cheap read and the company's workspaces with these keys at this base URL; throws GongError on failure. */
  validateBasic(credential: { accessKey: string; secretKey: string; baseUrl: string }): Promise<GongCompany>;
  /**
   * The same with an OAuth access token (Bearer); throws GongError when it fails. `workspaceId` names the grant in
   * the shared Gong limiter, as the worker names it (an access token changes at every refresh).
   */
  validateBearer(credential: {
    accessToken: string;
    baseUrl: string;
    workspaceId: string;
  }): Promise<GongCompany>;
}

/** Gong's token response, as far as Callmine uses it. Plaintext tokens: seal them, never log or return them. */
export interface GongTokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  scopes: string[];
  apiBaseUrlForCustomer: string;
}

export type TokenExchangeResult =
  | { ok: true; grant: GongTokenGrant }
  /** invalid-grant: Gong refused the code (expired, used, or not ours); unreachable: no usable answer. */
  | { ok: false; reason: 'invalid-grant' | 'unreachable' };

/**
 * Callmine's OAuth app registered with Gong, filled in by the server only when the operator configured a client id
 * and secret. The client secret stays inside the implementation: the api never sees it.
 */
export interface GongOAuthApp {
  clientId: string;
  authorizeUrl: string;
  /** Callmine's callback, from the public URL. */
  redirectUri: string;
  exchangeCode(params: {
    code: string;
    redirectUri: string;
    codeVerifier: string;
  }): Promise<TokenExchangeResult>;
}
