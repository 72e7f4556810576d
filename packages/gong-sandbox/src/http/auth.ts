import type { MiddlewareHandler } from 'hono';
import type { SandboxTenant } from '../tenants.ts';
import { gongError } from './errors.ts';
import type { ApiEnv, SandboxState } from './state.ts';

// One message for every 401: Gong does not say whether the key is unknown, revoked or meant for another
// cluster, and neither may we, or "wrong base URL" would be easier to diagnose here than in production.
export const UNAUTHORIZED_MESSAGE = 'Unauthorized: invalid credentials';
/** What Gong's 401 says for a company whose account is inactive; clients must stop, not retry. */
export const COMPANY_INACTIVE_MESSAGE = 'Unauthorized: the company is inactive';
export const FORBIDDEN_MESSAGE = 'Forbidden: the access key lacks API permission for this resource';

type Resolved =
  | { ok: true; tenant: SandboxTenant; kind: 'basic'; permission: 'full' | 'none' }
  | { ok: true; tenant: SandboxTenant; kind: 'bearer'; scopes: string[] }
  | { ok: false; kind: 'basic' | 'bearer' | 'none' };

function resolve(header: string | undefined, cluster: string, state: SandboxState): Resolved {
  const [scheme, value] = (header ?? '').trim().split(/\s+/, 2);
  const tenantsHere = state.tenants.filter((tenant) => tenant.cluster === cluster);
  if (scheme?.toLowerCase() === 'basic' && value) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { ok: false, kind: 'basic' };
    const accessKey = decoded.slice(0, colon);
    const secretKey = decoded.slice(colon + 1);
    for (const tenant of tenantsHere) {
      const credential = tenant.credentials.find((candidate) => candidate.accessKey === accessKey);
      if (credential && credential.secretKey === secretKey && !credential.revoked) {
        return { ok: true, tenant, kind: 'basic', permission: credential.permission };
      }
    }
    return { ok: false, kind: 'basic' };
  }
  if (scheme?.toLowerCase() === 'bearer' && value) {
    const grant = state.findAccessToken(value);
    const tenant = tenantsHere.find((candidate) => candidate.id === grant?.tenantId);
    if (!grant || !tenant || grant.expiresAt <= state.clock()) return { ok: false, kind: 'bearer' };
    return { ok: true, tenant, kind: 'bearer', scopes: grant.scopes };
  }
  return { ok: false, kind: 'none' };
}

/** Which OAuth scope each endpoint needs; Basic keys with API permission may call them all. */
export function requiredScope(path: string): string {
  if (path.startsWith('/v2/users')) return 'api:users:read';
  if (path.startsWith('/v2/workspaces')) return 'api:workspaces:read';
  if (path === '/v2/calls/extensive') return 'api:calls:read:extensive';
  if (path === '/v2/calls/transcript') return 'api:calls:read:transcript';
  if (path.startsWith('/v2/settings/trackers')) return 'api:settings:trackers:read';
  if (path.startsWith('/v2/stats/interaction')) return 'api:stats:interaction';
  // GET /v2/calls, /v2/calls/{id} and anything unknown: the basic calls scope.
  return 'api:calls:read:basic';
}

export function authenticate(cluster: string, state: SandboxState): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const resolved = resolve(c.req.header('authorization'), cluster, state);
    c.set('authKind', resolved.kind);
    if (!resolved.ok) return gongError(c, 401, UNAUTHORIZED_MESSAGE);
    if (resolved.tenant.inactive) return gongError(c, 401, COMPANY_INACTIVE_MESSAGE);
    c.set('tenant', resolved.tenant);
    c.set('scopes', resolved.kind === 'bearer' ? resolved.scopes : null);

    // The limit is per company and counts every authenticated request, permitted or not.
    const decision = state.limiter.check(resolved.tenant.id);
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return gongError(c, 429, 'Too many requests: API rate limit exceeded');
    }

    if (resolved.kind === 'basic' && resolved.permission === 'none')
      return gongError(c, 403, FORBIDDEN_MESSAGE);
    if (resolved.kind === 'bearer' && !resolved.scopes.includes(requiredScope(c.req.path))) {
      return gongError(c, 403, `Forbidden: the token lacks the scope ${requiredScope(c.req.path)}`);
    }
    await next();
  };
}
