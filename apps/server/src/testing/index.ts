export { apiClient } from './api-client.ts';
export { type StoredFile, storedAtRest } from './at-rest.ts';
export { browserLikeFetch } from './browser-like-fetch.ts';
export {
  type SandboxedServer,
  sandboxOAuthEnv,
  startSandboxedServer,
  testAdmin,
} from './sandboxed-server.ts';
export { aSecondWorkspace, type SecondWorkspace, tokenClient } from './second-workspace.ts';
export { SEED_TRACKERS, type SeedReportOptions, seedReport } from './seed-report.ts';
export { countRows, type TableName, tableSnapshot } from './table-rows.ts';
export {
  asTestDatabase,
  dropTestDatabase,
  existingDatabaseEnv,
  type TestDatabase,
  type TestDialect,
  testDatabaseEnv,
  testDialect,
} from './test-database.ts';
export { freePort, startAnotherServer, startTestServer, type TestServer } from './test-server.ts';
export { startTokenProxy, type TokenProxy, tokensIn } from './token-proxy.ts';
