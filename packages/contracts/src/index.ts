export * from './analysis.ts';
export * from './api-tokens.ts';
export * from './auth.ts';
export * from './fields.ts';
export * from './gong.ts';
export * from './members.ts';
export * from './runs.ts';
export * from './workspace.ts';
