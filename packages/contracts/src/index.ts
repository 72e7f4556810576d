export * from './analysis.ts';
export * from './auth.ts';
export * from './fields.ts';
export * from './gong.ts';
export * from './members.ts';
export * from './workspace.ts';
