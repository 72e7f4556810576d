import { hashOf } from '../data/random.ts';
import type { SandboxTenant } from '../tenants.ts';
import type { FaultState } from './faults.ts';
import type { SlidingWindowLimiter } from './rate-limiter.ts';
import type { RequestLogEntry } from './request-log.ts';

export interface AccessTokenGrant {
  tenantId: string;
  scopes: string[];
  expiresAt: number;
}

/** Everything the listeners share; one per sandbox, built by startGongSandbox. */
export interface SandboxState {
  seed: number;
  clock: () => number;
  tenants: SandboxTenant[];
  faults: FaultState;
  limiter: SlidingWindowLimiter;
  requests: RequestLogEntry[];
  findAccessToken(token: string): AccessTokenGrant | undefined;
  newRequestId(): string;
}

/** Gong request ids look like '4al018gzaztcr8nbukw': lowercase base36, about 19 characters. */
export function requestIdFactory(seed: number): () => string {
  let counter = 0;
  return () => {
    counter++;
    const high = hashOf(seed, 'request', counter).toString(36);
    const low = hashOf(seed, 'request-low', counter).toString(36);
    return `${high}${low}`.padEnd(19, '0').slice(0, 19);
  };
}

export interface ApiEnv {
  Variables: {
    requestId: string;
    tenant: SandboxTenant | null;
    scopes: string[] | null;
    authKind: 'basic' | 'bearer' | 'none';
  };
}

/** The authenticated tenant; routes run only after `authenticate`, which sets it or answers 401. */
export function tenantOf(c: { var: ApiEnv['Variables'] }): SandboxTenant {
  const tenant = c.var.tenant;
  if (!tenant) throw new Error('route reached without an authenticated tenant');
  return tenant;
}
