import type { TenantSpec } from '../tenants.ts';

/** A tenant spec with sensible defaults; override only what the test is about. */
export function aTenant(overrides: Partial<TenantSpec> = {}): TenantSpec {
  return {
    id: 'initech',
    name: 'Initech',
    cluster: 'standard',
    callCount: 30,
    credentials: [{ label: 'primary', permission: 'full' }],
    ...overrides,
  };
}

/** A clock tests move by hand, for rate-limit windows and token expiry. */
export function aManualClock(start = Date.UTC(2026, 10, 1, 12)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}
