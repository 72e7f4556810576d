// @callmine/gong — the typed, safe Gong API v2 client. See README.md.
export {
  basicAuth,
  basicAuthorization,
  bearerAuth,
  bearerAuthorization,
  type GongAuth,
  type RenewAuth,
} from './auth.ts';
export {
  type BaseUrlRejection,
  type BaseUrlRules,
  type BaseUrlVerdict,
  baseUrlRejectionMessages,
  GONG_DEFAULT_BASE_URL,
  isGongApiHost,
  normalizeGongBaseUrl,
} from './base-url.ts';
export { type BudgetStore, createMemoryBudgetStore, DEFAULT_DAILY_BUDGET } from './budget.ts';
export {
  createGong,
  type Gong,
  type GongClient,
  type GongClientOptions,
  type GongOptions,
} from './client.ts';
export type { Clock } from './clock.ts';
export { limiterHoldMs } from './deadline.ts';
export { dealOfCall } from './deal-context.ts';
export {
  CALL_ID_BATCH_SIZE,
  type CallsEndpoint,
  type CallsFilter,
  type ContentSelector,
  DEFAULT_CONTENT_SELECTOR,
  type ExtensiveFilter,
  type GongCall,
  type GongCrmObject,
  type GongExtensiveCall,
  type GongParty,
} from './endpoints/calls.ts';
export type { GongCallTranscript, TranscriptsEndpoint } from './endpoints/transcripts.ts';
export type { GongUser, UsersEndpoint } from './endpoints/users.ts';
export type { GongWorkspaceRef, WorkspacesEndpoint } from './endpoints/workspaces.ts';
export {
  GongError,
  type GongErrorKind,
  gongErrorMessages,
  isCompanyInactive,
  isGongError,
} from './errors.ts';
export { createRateLimiter, DEFAULT_RATE_PER_SECOND, type RateLimiter } from './limiter.ts';
export { basicLimiterKey, oauthLimiterKey } from './limiter-key.ts';
export {
  createGongTokenEndpoint,
  type GongTokenAnswer,
  type GongTokenEndpoint,
  type GongTokenEndpointOptions,
  type GongTokenFailure,
  type GongTokenResult,
} from './oauth-token.ts';
export type { Page, PageRecords, Pages } from './pagination.ts';
export { matchesSelection, selectionRange } from './select-calls.ts';
export {
  createSharedRateLimiter,
  type SharedRateLimiterOptions,
  type SlotStore,
  type SlotTake,
} from './shared-limiter.ts';
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './transport.ts';
export type { CheckResult, ValidateResult } from './validate.ts';
