export { type Db, type OpenedDatabase, openDatabase } from './open.ts';
export * as schema from './schema/index.ts';
