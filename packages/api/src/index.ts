export { type AuthOptions, type CallmineAuth, createAuth } from './auth/create-auth.ts';
export { listMemberships } from './auth/membership.ts';
export { type AuthSession, type ResolvedSession, resolveSession } from './auth/session-resolver.ts';
export {
  clientVersionHeader,
  isSupportedClientVersion,
  supportedClientVersions,
  supportedClientVersionsText,
} from './client-version.ts';
export { type ApiDeps, type ApiLogger, type Context, createContext } from './context.ts';
export type { Access, DocumentedError, ProcedureMeta } from './meta.ts';
export { buildOpenApiDocument, type OpenApiOptions } from './openapi.ts';
export type {
  BaseUrlVerdict,
  GongGateway,
  GongOAuthApp,
  GongTokenGrant,
  TokenExchangeResult,
} from './ports.ts';
export type { Principal } from './procedure-context.ts';
export { createRateLimits, type RateLimits } from './rate-limits/limits.ts';
export { databaseRateLimitStore, type RateLimitStore } from './rate-limits/store.ts';
export { type ApiReference, buildApiReference, type ProcedureReference } from './reference.ts';
export { type AppRouter, appRouter } from './root.ts';
export { completeGongOAuth } from './routers/integrations/gong/oauth-callback.ts';
export { createCallerFactory } from './trpc.ts';
