// Every table Callmine stores, one file per domain. drizzle-kit generates migrations from this module.
export * from './auth.ts';
export * from './gong.ts';
export * from './oauth.ts';
export * from './vault.ts';
