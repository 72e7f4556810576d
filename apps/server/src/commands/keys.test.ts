// The operator's view: the keys command (and the start-up check the server and worker run) in a real process.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, schema } from '@callmine/db';
import { createSealer, gongCredentialContext, loadKeyRing } from '@callmine/vault';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const wrongA = randomBytes(32).toString('base64');

// Each case spawns real processes (the built command; node start-up each, up to six in sequence, seconds apiece on
// a loaded box), so the budget per case is generous.
describe('keys command', { timeout: 60_000 }, () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'callmine-keys-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string>) => {
    const result = spawnSync(process.execPath, ['--enable-source-maps', 'dist/keys.js', ...args], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', CALLMINE_DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
    });
    return { code: result.status, out: `${result.stdout}${result.stderr}` };
  };
  const expectNoKeyBytes = (output: string) => {
    for (const key of [keyA, keyB, wrongA]) {
      expect(output).not.toContain(key);
      expect(output).not.toContain(Buffer.from(key, 'base64').toString('hex'));
      expect(output).not.toContain(Buffer.from(key, 'base64').toString('base64url'));
    }
  };

  /** Three workspaces with Basic credentials sealed under key "a". */
  const seed = async () => {
    const ring = loadKeyRing({ keyring: JSON.stringify({ a: keyA }) }, { dataDir, warn: () => {} });
    const sealer = createSealer(ring);
    const opened = openDatabase(join(dataDir, 'callmine.db'));
    for (const n of [1, 2, 3]) {
      const row = { credentialId: `cred_${n}`, workspaceId: `ws_${n}` };
      await opened.db
        .insert(schema.organization)
        .values({ id: row.workspaceId, name: 'W', slug: `w${n}`, createdAt: new Date() });
      await opened.db.insert(schema.gongCredential).values({
        id: row.credentialId,
        workspaceId: row.workspaceId,
        method: 'basic',
        baseUrl: 'https://api.gong.io',
        accessKeySealed: sealer.seal(`access-${n}`, gongCredentialContext(row, 'accessKey')),
        secretKeySealed: sealer.seal(`secret-${n}`, gongCredentialContext(row, 'secretKey')),
        connectedAt: new Date(),
      });
    }
    opened.close();
  };

  it('start-up check: refuses a ring missing a key in use, with an operator message, exit 1 and no key bytes', async () => {
    await seed();
    const { code, out } = run(['check'], { CALLMINE_KEYRING: JSON.stringify({ b: keyB }) });
    expect(code).toBe(1);
    expect(out).toMatch(/Callmine cannot start/);
    expect(out).toMatch(/key id "a" seals 6 stored secret\(s\) but is not in the key ring/);
    expectNoKeyBytes(out);
  });

  it('start-up check: refuses the wrong bytes for a known key id', async () => {
    await seed();
    const { code, out } = run(['check'], { CALLMINE_KEYRING: JSON.stringify({ a: wrongA }) });
    expect(code).toBe(1);
    expect(out).toMatch(
      /key id "a" is in the key ring, but its bytes are not the key that sealed the stored secrets/,
    );
    expectNoKeyBytes(out);
  });

  it('start-up check: a malformed key is refused naming the variable, not echoing it', () => {
    const { code, out } = run(['check'], { CALLMINE_MASTER_KEY: keyA.slice(0, -4) });
    expect(code).toBe(1);
    expect(out).toMatch(/CALLMINE_MASTER_KEY: the key must decode to 32 bytes/);
    expect(out).not.toContain(keyA.slice(0, -4));
  });

  it('start-up check passes with the right key', async () => {
    await seed();
    expect(run(['check'], { CALLMINE_KEYRING: JSON.stringify({ a: keyA }) })).toMatchObject({ code: 0 });
  });

  it('rotates with keys from the secret manager: add --out, rewrap, retire', async () => {
    await seed();
    const outFile = join(dataDir, 'new-keyring.json');
    const add = run(['add', '--id', 'b2', '--out', outFile], {
      CALLMINE_KEYRING: JSON.stringify({ a: keyA }),
    });
    expect(add.code).toBe(0);
    expect(add.out).toMatch(/CALLMINE_ACTIVE_KEY_ID=b2/);
    expectNoKeyBytes(add.out);
    const newRing = readFileSync(outFile, 'utf8');
    expect(Object.keys(JSON.parse(newRing))).toEqual(['a', 'b2']);

    const env = { CALLMINE_KEYRING: newRing, CALLMINE_ACTIVE_KEY_ID: 'b2' };
    expect(run(['retire', 'a'], env)).toMatchObject({ code: 1, out: expect.stringMatching(/still seals 6/) });
    const rewrap = run(['rewrap', '--batch', '2'], env);
    expect(rewrap.out).toMatch(/Rewrapped 3 rows to key b2; 0 secrets remain/);
    expect(rewrap.code).toBe(0);
    expect(run(['retire', 'a'], env)).toMatchObject({ code: 0 });

    const onlyB2 = JSON.stringify({ b2: JSON.parse(newRing).b2 });
    const status = run(['status'], { CALLMINE_KEYRING: onlyB2 });
    expect(status.out).toMatch(/Stored secrets by key: b2=6/);
    expect(status.out).toMatch(/^Keys from: environment variable CALLMINE_KEYRING$/m);
    expect(run(['check'], { CALLMINE_KEYRING: onlyB2 })).toMatchObject({ code: 0 });
    expectNoKeyBytes(`${add.out}${rewrap.out}${status.out}`);
  });

  it('prints usage and exits 2 for an unknown command', () => {
    expect(run(['frobnicate'], {})).toMatchObject({ code: 2, out: expect.stringMatching(/^Usage: keys/) });
  });

  it('status says the keys came from a mounted secret file, and a readable one is refused naming it', () => {
    seed();
    const path = join(dataDir, 'mounted-keyring.json');
    writeFileSync(path, JSON.stringify({ a: keyA }), { mode: 0o600 });
    const status = run(['status'], { CALLMINE_KEYRING_FILE: path });
    expect(status.code).toBe(0);
    expect(status.out).toContain(`Keys from: mounted secret file ${path} (CALLMINE_KEYRING_FILE)`);
    chmodSync(path, 0o644);
    const refused = run(['status'], { CALLMINE_KEYRING_FILE: path });
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`CALLMINE_KEYRING_FILE (${path}) is readable by group or others`);
    expectNoKeyBytes(`${status.out}${refused.out}`);
    const embedded = run(['status'], {});
    expect(embedded.out).toContain(`Keys from: embedded key file ${join(dataDir, 'keyring.json')}`);
  });
});
