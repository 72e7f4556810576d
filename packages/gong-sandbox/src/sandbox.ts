import { buildClusterApp } from './api-app.ts';
import type { GroundTruth } from './data/ground-truth.ts';
import { secretKeyFor } from './data/ids.ts';
import { DAY } from './data/timeline.ts';
import { FaultState, faultControls, type SandboxFaults } from './http/faults.ts';
import { type RateLimit, SlidingWindowLimiter } from './http/rate-limiter.ts';
import type { RequestLogEntry } from './http/request-log.ts';
import { requestIdFactory, type SandboxState } from './http/state.ts';
import { type Listener, listen } from './listen.ts';
import { buildOAuthApp } from './oauth/app.ts';
import { type OAuthClient, OAuthStore } from './oauth/store.ts';
import {
  assertValidTenantSpecs,
  buildTenant,
  DEFAULT_TENANTS,
  groundTruthCache,
  type SandboxTenant,
  type TenantSpec,
} from './tenants.ts';

export interface GongSandboxOptions {
  /** Interface to listen on; every cluster and the OAuth host get their own port on it. */
  host?: string;
  seed?: number;
  /** Calls for tenants whose spec has no callCount (default 500). */
  callsPerTenant?: number;
  tenants?: TenantSpec[];
  /** Drives rate-limit windows, token and code expiry and `requests[].at`; latency stays real time. */
  clock?: () => number;
  rateLimit?: RateLimit;
  /** Fixed ports by cluster name, plus 'app' for the OAuth host; absent or 0 means a free port. */
  ports?: Record<string, number>;
  /** Calls are spread over `callHistoryDays` before this instant; default: midnight UTC of the clock's today. */
  callsUntil?: Date | string | number;
  callHistoryDays?: number;
  /** Lifetime of issued OAuth access tokens (`expires_in`), default a day; short values test refresh. */
  accessTokenTtlSeconds?: number;
}

export interface SandboxOAuth {
  /** Registered apps; the first is the demo client, which accepts any loopback redirect URI. */
  clients: OAuthClient[];
  demoClient: OAuthClient;
  registerClient(client: OAuthClient): OAuthClient;
  /** Skips the consent page: the code the approve button would have produced. */
  issueCode(grant: { clientId: string; tenantId: string; redirectUri: string; scopes?: string[] }): string;
  /** Expires all issued access tokens now, or only `token`. */
  expireAccessTokens(token?: string): void;
  revokeRefreshToken(token: string): void;
  /** Revokes every refresh token issued for the tenant (all tenants when omitted); returns how many. */
  revokeRefreshTokens(tenantId?: string): number;
  /** Counts grant_type=refresh_token requests from an authenticated client: granted and refused. */
  refreshes(): { granted: number; refused: number };
  /** Lifetime of access tokens issued from now on (seconds). */
  setAccessTokenTtl(seconds: number): void;
  authorizeUrl(params: { clientId: string; redirectUri: string; scope?: string; state?: string }): string;
}

export interface GongSandbox {
  clusters: Record<string, { origin: string }>;
  appOrigin: string;
  tenants: SandboxTenant[];
  tenant(id: string): SandboxTenant;
  faults: SandboxFaults;
  /** Every answered request, oldest first; clear with `requests.length = 0`. */
  requests: RequestLogEntry[];
  oauth: SandboxOAuth;
  groundTruth(tenantId: string): GroundTruth;
  close(): Promise<void>;
  /** `await using sandbox = await startGongSandbox()` closes it when the scope ends. */
  [Symbol.asyncDispose](): Promise<void>;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 3, perDay: 10_000 };

export async function startGongSandbox(options: GongSandboxOptions = {}): Promise<GongSandbox> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? 1;
  const clock = options.clock ?? Date.now;
  const callsUntil =
    options.callsUntil === undefined
      ? Math.floor(clock() / DAY) * DAY
      : new Date(options.callsUntil).getTime();
  const specs = options.tenants ?? DEFAULT_TENANTS;
  assertValidTenantSpecs(specs);
  const tenants = specs.map((spec) =>
    buildTenant(spec, {
      seed,
      callsPerTenant: options.callsPerTenant ?? 500,
      callsUntil,
      days: options.callHistoryDays ?? 180,
    }),
  );
  const oauthStore = new OAuthStore(seed, clock, options.accessTokenTtlSeconds);
  const demoClient = oauthStore.registerClient({
    clientId: 'callmine-demo',
    clientSecret: secretKeyFor(seed, 'oauth', 'callmine-demo').slice(-40),
    redirectUris: [],
    allowLoopbackRedirects: true,
  });
  const faultState = new FaultState();
  const limiter = new SlidingWindowLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT, clock);
  const state: SandboxState = {
    seed,
    clock,
    tenants,
    faults: faultState,
    limiter,
    requests: [],
    findAccessToken: (token) => oauthStore.findAccessToken(token),
    newRequestId: requestIdFactory(seed),
  };

  const clusterNames = [...new Set(['standard', ...tenants.map((tenant) => tenant.cluster)])];
  const listeners: Listener[] = [];
  const clusters: Record<string, { origin: string }> = {};
  const close = async () => {
    await Promise.all(listeners.map((listener) => listener.close()));
  };
  try {
    for (const name of clusterNames) {
      const listener = await listen(buildClusterApp(name, state), host, options.ports?.[name] ?? 0);
      listeners.push(listener);
      clusters[name] = { origin: listener.origin };
    }
    const appListener = await listen(buildOAuthApp(state, oauthStore), host, options.ports?.app ?? 0);
    listeners.push(appListener);
    for (const tenant of tenants) tenant.baseUrl = clusters[tenant.cluster]?.origin ?? '';
    const appOrigin = appListener.origin;
    const truthOf = groundTruthCache();
    const tenantById = (id: string): SandboxTenant => {
      const tenant = tenants.find((candidate) => candidate.id === id);
      if (!tenant) throw new Error(`No sandbox tenant '${id}'`);
      return tenant;
    };

    const faults = faultControls(faultState, limiter, tenants);

    return {
      clusters,
      appOrigin,
      tenants,
      tenant: tenantById,
      faults,
      requests: state.requests,
      oauth: {
        clients: oauthStore.clients,
        demoClient,
        registerClient: (client) => oauthStore.registerClient(client),
        issueCode: (grant) => oauthStore.issueCode(grant),
        expireAccessTokens: (token) => oauthStore.expireAccessTokens(token),
        revokeRefreshToken: (token) => oauthStore.revokeRefreshToken(token),
        revokeRefreshTokens: (tenantId) => oauthStore.revokeRefreshTokens(tenantId),
        refreshes: () => ({ ...oauthStore.refreshes }),
        setAccessTokenTtl: (seconds) => {
          oauthStore.accessTokenTtlSeconds = seconds;
        },
        authorizeUrl: ({ clientId, redirectUri, scope, state: stateParam }) => {
          const url = new URL('/oauth2/authorize', appOrigin);
          url.searchParams.set('response_type', 'code');
          url.searchParams.set('client_id', clientId);
          url.searchParams.set('redirect_uri', redirectUri);
          if (scope) url.searchParams.set('scope', scope);
          if (stateParam) url.searchParams.set('state', stateParam);
          return url.toString();
        },
      },
      groundTruth: (tenantId) => truthOf(tenantById(tenantId)),
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
