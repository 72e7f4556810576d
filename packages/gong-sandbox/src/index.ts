export type { DealBucket } from './data/crm.ts';
export { type GroundTruth, NO_DEAL_STAGE } from './data/ground-truth.ts';
export { COMPETITORS, PRICING_TERMS, TRACKED_TERMS } from './data/terms.ts';
export type {
  Affiliation,
  GongCallMetaData,
  GongMonologue,
  GongParty,
  GongSentence,
  GongUser,
  GongWorkspace,
} from './data/types.ts';
export { FORBIDDEN_MESSAGE, UNAUTHORIZED_MESSAGE } from './http/auth.ts';
export type { SandboxFaults } from './http/faults.ts';
export type { RateLimit } from './http/rate-limiter.ts';
export type { RequestLogEntry } from './http/request-log.ts';
export { GONG_SCOPES, type OAuthClient } from './oauth/store.ts';
export {
  DEFAULT_RATE_LIMIT,
  type GongSandbox,
  type GongSandboxOptions,
  type SandboxOAuth,
  startGongSandbox,
} from './sandbox.ts';
export {
  type CredentialSpec,
  DEFAULT_TENANTS,
  type Permission,
  type SandboxCredential,
  type SandboxTenant,
  type TenantSpec,
} from './tenants.ts';
