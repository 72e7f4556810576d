// Vault benchmark: seals/s, opens/s and the rewrap of 100,000 credential rows on a real SQLite file, each
// beside plain node:crypto AES-GCM doing the same work in the same run.
//   npx -y pnpm@12.4.2 exec tsx bench/vault/run.ts [--rows 100000] [--seconds 2]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createVaultStore, openDatabase } from '@callmine/db';
import { createSealer, gongCredentialContext, type KeyProvider, KeyRing, rewrapAll } from '@callmine/vault';
import { createOpener } from '@callmine/vault/open';
import { nodeKeyProvider, nodeOpen, nodeSeal } from './node-baseline.ts';

const { values } = parseArgs({ options: { rows: { type: 'string' }, seconds: { type: 'string' } } });
const ROWS = Number(values.rows ?? 100_000);
const SECONDS = Number(values.seconds ?? 2);

const keys = new Map([
  ['k1', new Uint8Array(randomBytes(32))],
  ['k2', new Uint8Array(randomBytes(32))],
]);
const ringK1 = new KeyRing(new Map([['k1', keys.get('k1')!]]), 'k1', 'CALLMINE_KEYRING');
const ringK2 = new KeyRing(keys, 'k2', 'CALLMINE_KEYRING');
const context = gongCredentialContext({ credentialId: 'cred_bench', workspaceId: 'ws_bench' }, 'secretKey');
const secret = 'gong-secret-key-0123456789abcdefABCDEF'; // the shape of a real Gong secret: ~40 ASCII chars

/** Operations per second of `op`, after a short warm-up, over about SECONDS seconds. */
function perSecond(op: () => unknown): number {
  for (let i = 0; i < 200; i++) op();
  let count = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 100; i++) op();
    count += 100;
    elapsed = process.hrtime.bigint() - start;
  }
  return count / (Number(elapsed) / 1e9);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const line = (label: string, forge: string, node: string, ratio: string) =>
  console.log(`${label.padEnd(28)}${forge.padStart(16)}${node.padStart(16)}${ratio.padStart(22)}`);

console.log(
  `node ${process.version}, ${process.arch}; vault = node-forge AES-256-GCM, baseline = node:crypto`,
);
line('', 'vault (forge)', 'node:crypto', 'vault / node:crypto');

const sealer = createSealer(ringK1);
const opener = createOpener(ringK1);
const sealRate = perSecond(() => sealer.seal(secret, context));
const nodeSealRate = perSecond(() => nodeSeal('k1', keys.get('k1')!, secret, context));
line('seals / s', fmt(sealRate), fmt(nodeSealRate), `${(sealRate / nodeSealRate).toFixed(3)}×`);

const envelope = sealer.seal(secret, context);
if (nodeOpen(keys, envelope, context) !== secret) throw new Error('baseline cannot open a vault envelope');
const openRate = perSecond(() => opener.open(envelope, context));
const nodeOpenRate = perSecond(() => nodeOpen(keys, envelope, context));
line('opens / s', fmt(openRate), fmt(nodeOpenRate), `${(openRate / nodeOpenRate).toFixed(3)}×`);

// Rewrap: seed ROWS Basic credentials (2 sealed fields each) under k1, copy the file, rewrap each copy to k2.
const dir = mkdtempSync(join(tmpdir(), 'callmine-bench-vault-'));
try {
  const seedPath = join(dir, 'seed.db');
  const seeded = openDatabase(seedPath);
  const t0 = performance.now();
  const insertOrg = seeded.sqlite.prepare(
    'insert into organization (id, name, slug, created_at) values (?, ?, ?, ?)',
  );
  const insertCredential = seeded.sqlite.prepare(
    `insert into gong_credential (id, workspace_id, method, base_url, access_key_sealed, secret_key_sealed, connected_at)
     values (?, ?, 'basic', 'https://api.gong.io', ?, ?, ?)`,
  );
  seeded.sqlite.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const row = { credentialId: `cred_${String(i).padStart(7, '0')}`, workspaceId: `ws_${i}` };
      insertOrg.run(row.workspaceId, row.workspaceId, row.workspaceId, Date.now());
      // Seeded with the node:crypto baseline (same format) to keep set-up short; rewrap is what is measured.
      insertCredential.run(
        row.credentialId,
        row.workspaceId,
        nodeSeal('k1', keys.get('k1')!, `access-${i}`, gongCredentialContext(row, 'accessKey')),
        nodeSeal('k1', keys.get('k1')!, `secret-${i}`, gongCredentialContext(row, 'secretKey')),
        Date.now(),
      );
    }
  })();
  seeded.sqlite.exec(`vacuum into '${join(dir, 'forge.db')}'`);
  seeded.sqlite.exec(`vacuum into '${join(dir, 'node.db')}'`);
  seeded.close();
  console.log(
    `\nseeded ${fmt(ROWS)} rows (${fmt(ROWS * 2)} envelopes) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const timeRewrap = async (file: string, provider: KeyProvider) => {
    const opened = openDatabase(join(dir, file));
    try {
      const start = performance.now();
      const result = await rewrapAll(provider, createVaultStore(opened.db), { batchSize: 500 });
      const seconds = (performance.now() - start) / 1000;
      if (result.rewrapped !== ROWS || result.remaining !== 0)
        throw new Error(`rewrap incomplete: ${JSON.stringify(result)}`);
      return seconds;
    } finally {
      opened.close();
    }
  };
  const forgeSeconds = await timeRewrap('forge.db', ringK2);
  const nodeSeconds = await timeRewrap('node.db', nodeKeyProvider(keys, 'k2'));
  line(
    `rewrap ${fmt(ROWS)} rows (s)`,
    forgeSeconds.toFixed(2),
    nodeSeconds.toFixed(2),
    `${(forgeSeconds / nodeSeconds).toFixed(2)}× the time`,
  );
  line(
    '  rows / s',
    fmt(ROWS / forgeSeconds),
    fmt(ROWS / nodeSeconds),
    `${(nodeSeconds / forgeSeconds).toFixed(3)}×`,
  );

  // The rewrapped rows still open with the new key only (spot check).
  const check = openDatabase(join(dir, 'forge.db'));
  const [sample] = await createVaultStore(check.db).rowsNotMatching('\u0000', null, 1);
  check.close();
  const openK2 = createOpener(ringK2.without('k1'));
  if (openK2.open(sample!.fields.secretKey!, gongCredentialContext(sample!, 'secretKey')) !== 'secret-0') {
    throw new Error('a rewrapped row did not open');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
