import type { Config } from '@callmine/config';
import { createVaultStore, type Db } from '@callmine/db';
import type { Logger } from '@callmine/logger';
import { createSealer, loadKeyRing, selfTest } from '@callmine/vault';

/**
 * The server's half of the vault: the key ring from the secret manager (or the embedded key file), the
 * start-up self-test (throws a VaultError naming the problem, never key bytes), and a sealer. No opener.
 */
export async function startVault(config: Config, db: Db, logger: Logger) {
  const keys = loadKeyRing(config.keyRingSource, { dataDir: config.dataDir, warn: (m) => logger.warn(m) });
  const report = await selfTest(keys, createVaultStore(db));
  for (const warning of report.warnings) logger.warn(warning);
  return createSealer(keys);
}
