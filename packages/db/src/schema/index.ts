// Every table Callmine stores, one file per domain. drizzle-kit generates migrations from this module.

export * from './analyses.ts';
export * from './api-tokens.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './gong.ts';
export * from './gong-token-refresh.ts';
export * from './oauth.ts';
export * from './quota.ts';
export * from './rate-limits.ts';
export * from './reports.ts';
export * from './runs.ts';
export * from './schedules.ts';
export * from './tenancy.ts';
export * from './vault.ts';
export * from './webhooks.ts';
