import { computeGroundTruth, type GroundTruth } from './data/ground-truth.ts';
import { accessKeyFor, secretKeyFor } from './data/ids.ts';
import { TenantData } from './data/tenant-data.ts';
import type { GongUser, GongWorkspace } from './data/types.ts';

export type Permission = 'full' | 'none';

export interface CredentialSpec {
  /** Names the key in printed demo output and seeds its value, e.g. 'primary'. */
  label: string;
  /** 'none' models a key whose creator lacks API permission: Gong answers 403 on data endpoints. */
  permission?: Permission;
  revoked?: boolean;
}

export interface TenantSpec {
  id: string;
  name: string;
  /** 'standard' or a regional cluster name such as 'us-44392'. */
  cluster: string;
  callCount?: number;
  userCount?: number;
  workspaceCount?: number;
  credentials?: CredentialSpec[];
  /** An inactive company (e.g. its Gong contract ended): its keys are known but every API request answers 401
   * with a body saying the company is inactive. */
  inactive?: boolean;
}

export interface SandboxCredential {
  label: string;
  accessKey: string;
  secretKey: string;
  permission: Permission;
  revoked: boolean;
}

export interface SandboxTenant {
  id: string;
  name: string;
  cluster: string;
  /** Origin of the tenant's cluster: what Gong calls the company's base URL for API calls. */
  baseUrl: string;
  credentials: SandboxCredential[];
  inactive: boolean;
  users: GongUser[];
  workspaces: GongWorkspace[];
  /** The tenant's calls, generated on demand (index 0 is the oldest). */
  calls: TenantData;
  callCount: number;
}

export const DEFAULT_TENANTS: TenantSpec[] = [
  {
    id: 'acme',
    name: 'Acme Robotics',
    cluster: 'standard',
    credentials: [
      { label: 'primary', permission: 'full' },
      { label: 'no-permission', permission: 'none' },
      { label: 'revoked', permission: 'full', revoked: true },
    ],
  },
  {
    id: 'globex',
    name: 'Globex Logistics',
    cluster: 'us-44392',
    credentials: [
      { label: 'primary', permission: 'full' },
      { label: 'no-permission', permission: 'none' },
    ],
  },
  {
    id: 'hooli',
    name: 'Hooli Media',
    cluster: 'standard',
    callCount: 20,
    inactive: true,
    credentials: [{ label: 'primary', permission: 'full' }],
  },
];

/** Catches spec mistakes at start rather than as a confusing 401 later. */
export function assertValidTenantSpecs(specs: TenantSpec[]): void {
  if (specs.length === 0) throw new Error('The sandbox needs at least one tenant');
  const ids = new Set<string>();
  for (const spec of specs) {
    if (ids.has(spec.id)) throw new Error(`Duplicate sandbox tenant id '${spec.id}'`);
    ids.add(spec.id);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(spec.cluster)) throw new Error(`Invalid cluster name '${spec.cluster}'`);
    const labels = (spec.credentials ?? []).map((credential) => credential.label);
    if (new Set(labels).size !== labels.length) throw new Error(`Duplicate credential label in '${spec.id}'`);
    if ((spec.callCount ?? 0) < 0 || (spec.callCount ?? 0) > 1_000_000)
      throw new Error('callCount out of range');
  }
}

export interface BuildTenantsOptions {
  seed: number;
  callsPerTenant: number;
  callsUntil: number;
  days: number;
}

export function buildTenant(spec: TenantSpec, options: BuildTenantsOptions): SandboxTenant {
  const callCount = spec.callCount ?? options.callsPerTenant;
  const data = new TenantData({
    seed: options.seed,
    tenantId: spec.id,
    tenantName: spec.name,
    callCount,
    userCount: spec.userCount ?? 24,
    workspaceCount: spec.workspaceCount ?? 2,
    callsUntil: options.callsUntil,
    days: options.days,
  });
  const credentials = (spec.credentials ?? [{ label: 'primary' }]).map((credential) => ({
    label: credential.label,
    accessKey: accessKeyFor(options.seed, spec.id, credential.label),
    secretKey: secretKeyFor(options.seed, spec.id, credential.label),
    permission: credential.permission ?? 'full',
    revoked: credential.revoked ?? false,
  }));
  return {
    id: spec.id,
    name: spec.name,
    cluster: spec.cluster,
    baseUrl: '',
    credentials,
    inactive: spec.inactive ?? false,
    users: data.users,
    workspaces: data.workspaces,
    calls: data,
    callCount,
  };
}

/** Ground truth is a full walk of the transcripts, so it is computed once per tenant and only when asked. */
export function groundTruthCache(): (tenant: SandboxTenant) => GroundTruth {
  const cache = new Map<string, GroundTruth>();
  return (tenant) => {
    let truth = cache.get(tenant.id);
    if (!truth) {
      truth = computeGroundTruth(tenant.calls);
      cache.set(tenant.id, truth);
    }
    return truth;
  };
}
