import type { Config } from '@callmine/config';
import { createVaultStore, type Db } from '@callmine/db';
import type { Logger } from '@callmine/logger';
import { createSealer, loadKeyRing, type Sealer, selfTest } from '@callmine/vault';
import { createOpener, type Opener } from '@callmine/vault/open';

/**
 * The worker's half of the vault: the same key ring and start-up self-test as the server (a missing or wrong key
 * throws a VaultError and the worker refuses to start), the opener — which only this app may hold — and a sealer
 * for the OAuth tokens it refreshes.
 */
export async function startWorkerVault(
  config: Config,
  db: Db,
  logger: Logger,
): Promise<{ opener: Opener; sealer: Sealer }> {
  const keys = loadKeyRing(config.keyRingSource, { dataDir: config.dataDir, warn: (m) => logger.warn(m) });
  const report = await selfTest(keys, createVaultStore(db));
  for (const warning of report.warnings) logger.warn(warning);
  return { opener: createOpener(keys), sealer: createSealer(keys) };
}
