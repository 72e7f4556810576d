// Master-key commands for operators (packages/vault/README.md, "Rotating the master key"):
//   keys status | check | add [--id <id>] [--out <file>] | rewrap [--batch <n>] | retire <id>
// Run: npx -y pnpm@12.4.2 --filter @callmine/server exec tsx src/commands/keys.ts <command>
// Prints key ids and counts only, never key bytes. Exit 0 = done, 1 = refused, 2 = usage.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@callmine/config';
import { createVaultStore, openDatabaseFromConfig } from '@callmine/db';
import {
  describeKeySource,
  isVaultError,
  type KeyRing,
  keyRingEnvValue,
  keyStatus,
  loadKeyRing,
  registerActiveKey,
  replaceKeyFile,
  retireKey,
  rewrapAll,
  selfTest,
  type VaultStore,
  writeSecretFileExclusive,
} from '@callmine/vault';

/** Data dir, database and key-ring values, from the one config module. */
function readVaultEnv() {
  const config = loadConfig(process.env);
  return { dataDir: config.dataDir, database: config, keys: config.keyRingSource };
}

const USAGE =
  'Usage: keys <status | check | add [--id <id>] [--out <file>] | rewrap [--batch <n>] | retire <id>>';
const say = (line: string) => process.stdout.write(`${line}\n`);

type Command = (
  ring: KeyRing,
  store: VaultStore,
  args: { values: Record<string, string | undefined>; ids: string[] },
) => Promise<number>;

const commands: Record<string, Command> = {
  async status(ring, store) {
    const status = await keyStatus(ring, store);
    say(`Keys from: ${describeKeySource(ring)}`);
    say(
      `Key ring: ${status.ring.map((id) => (id === status.activeKeyId ? `${id} (active)` : id)).join(', ')}`,
    );
    const inUse = Object.entries(status.inUse);
    say(`Stored secrets by key: ${inUse.length ? inUse.map(([id, n]) => `${id}=${n}`).join(', ') : 'none'}`);
    say(`Canaries: ${status.canaries.join(', ') || 'none'}`);
    return 0;
  },

  async check(ring, store) {
    const report = await selfTest(ring, store);
    for (const warning of report.warnings) say(`warning: ${warning}`);
    say(`Key ring OK: active key ${report.activeKeyId}; every key in use is present and opens its canary.`);
    return 0;
  },

  async add(ring, store, { values }) {
    const id = values.id ?? `k${new Date().toISOString().slice(0, 16).replace(/\D/g, '')}`;
    const next = ring.withNewActiveKey(id);
    if (ring.origin === 'key-file' && ring.filePath) {
      replaceKeyFile(ring.filePath, next);
      await registerActiveKey(next, store);
      say(`Added key ${id} to ${ring.filePath} and made it active.`);
    } else {
      if (!values.out) {
        process.stderr.write(
          'Keys come from the secret manager: pass --out <file> for the new CALLMINE_KEYRING value.\n',
        );
        return 2;
      }
      writeSecretFileExclusive(values.out, keyRingEnvValue(next));
      await registerActiveKey(next, store);
      say(
        `Wrote the new CALLMINE_KEYRING value (keys: ${next.keyIds().join(', ')}) to ${values.out} (mode 0600).`,
      );
      say(`Store it in your secret manager as CALLMINE_KEYRING, set CALLMINE_ACTIVE_KEY_ID=${id}`);
      if (ring.origin === 'CALLMINE_MASTER_KEY')
        say('and unset CALLMINE_MASTER_KEY (its key is in the ring as "master"),');
      say(`then delete ${values.out}.`);
    }
    say('Restart the worker, then the server, then run: keys rewrap');
    return 0;
  },

  async rewrap(ring, store, { values }) {
    const batchSize = values.batch ? Number.parseInt(values.batch, 10) : 500;
    if (!Number.isInteger(batchSize) || batchSize < 1) return 2;
    const result = await rewrapAll(ring, store, {
      batchSize,
      onBatch: (p) =>
        say(`batch ${p.batches}: ${p.rewrapped} rows rewrapped, ${p.conflicts} changed concurrently`),
    });
    say(
      `Rewrapped ${result.rewrapped} rows to key ${result.activeKeyId}; ${result.remaining} secrets remain on other keys.`,
    );
    return result.remaining === 0 ? 0 : 1;
  },

  async retire(ring, store, { ids }) {
    const [id] = ids;
    if (!id) return 2;
    await retireKey(ring, store, id);
    if (ring.origin === 'key-file' && ring.filePath && ring.has(id)) {
      replaceKeyFile(ring.filePath, ring.without(id));
      say(`Retired key ${id}: removed from ${ring.filePath}.`);
    } else {
      say(`Retired key ${id} in the database. Now remove it from CALLMINE_KEYRING in your secret manager.`);
    }
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { id: { type: 'string' }, out: { type: 'string' }, batch: { type: 'string' } },
  });
  const [name, ...ids] = positionals;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = readVaultEnv();
  const ring = loadKeyRing(config.keys, {
    dataDir: config.dataDir,
    warn: (m) => process.stderr.write(`warning: ${m}\n`),
  });
  // The deployment's database: PostgreSQL when CALLMINE_DATABASE_URL is set, the SQLite file otherwise.
  const opened = await openDatabaseFromConfig(config.database);
  try {
    const code = await command(ring, createVaultStore(opened.db), { values, ids });
    if (code === 2) process.stderr.write(`${USAGE}\n`);
    return code;
  } finally {
    await opened.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // VaultError messages are written for operators and carry no key material.
  process.stderr.write(
    `${isVaultError(error) || error instanceof ConfigError ? error.message : `keys failed: ${String(error)}`}\n`,
  );
  process.exitCode = 1;
}
