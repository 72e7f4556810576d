// @callmine/vault/open — the worker-only entry point. Nothing outside apps/worker may import it
// (enforced by src/import-boundary.test.ts and biome.json's noRestrictedImports).
export { createOpener, type Opener } from './opener.ts';
