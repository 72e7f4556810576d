import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultError } from './errors.ts';
import { loadKeyRing } from './load-key-ring.ts';
import { describeKeySource } from './mounted-key-file.ts';
import { createSealer } from './sealer.ts';
import { aContext } from './testing/rings.ts';

// CALLMINE_KEYRING_FILE: a key ring from a mounted secret file. A canary key proves no refusal ever shows a key.

const CANARY = randomBytes(32).toString('base64');
const OTHER = randomBytes(32).toString('base64');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function secretFile(text: string, mode = 0o600): string {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-secret-'));
  dirs.push(dir);
  const path = join(dir, 'keyring.json');
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

const options = () => {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-data-'));
  dirs.push(dir);
  const warnings: string[] = [];
  return { dataDir: join(dir, 'data'), warn: (m: string) => warnings.push(m), warnings };
};

function refusal(source: Parameters<typeof loadKeyRing>[0]): VaultError {
  try {
    loadKeyRing(source, options());
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    const text = `${(error as Error).message}\n${(error as Error).stack}\n${inspect(error)}`;
    for (const secret of [CANARY, OTHER, Buffer.from(CANARY, 'base64').toString('hex')]) {
      expect(text).not.toContain(secret);
    }
    return error as VaultError;
  }
  throw new Error('expected a refusal');
}

describe('CALLMINE_KEYRING_FILE', () => {
  it('reads the key ring from an owner-only file, seals and opens with it, and says where it came from', () => {
    const path = secretFile(JSON.stringify({ canary: CANARY }), 0o400);
    const opts = options();
    const ring = loadKeyRing({ keyringFile: path }, opts);
    expect([ring.activeKeyId, ring.origin, ring.filePath]).toEqual(['canary', 'CALLMINE_KEYRING_FILE', path]);
    expect(describeKeySource(ring)).toBe(`mounted secret file ${path} (CALLMINE_KEYRING_FILE)`);
    const sealer = createSealer(ring);
    expect(sealer.seal('hello', aContext())).toMatch(/^v1\.canary\./);
    // No embedded key file was created or mentioned.
    expect(opts.warnings).toEqual([]);
    expect(JSON.stringify(ring)).not.toContain(CANARY);
  });

  it('accepts the embedded key file’s shape, and CALLMINE_ACTIVE_KEY_ID for a ring of several keys', () => {
    const shaped = secretFile(JSON.stringify({ activeKeyId: 'b', keys: { a: OTHER, b: CANARY } }));
    expect(loadKeyRing({ keyringFile: shaped }, options()).activeKeyId).toBe('b');
    const map = secretFile(JSON.stringify({ a: OTHER, b: CANARY }));
    expect(loadKeyRing({ keyringFile: map, activeKeyId: 'a' }, options()).activeKeyId).toBe('a');
    expect(refusal({ keyringFile: map }).message).toMatch(/CALLMINE_KEYRING_FILE \(.*\) holds several keys/);
  });

  it.each([0o640, 0o604, 0o644, 0o660])('refuses a file readable by group or others (mode %o)', (mode) => {
    const path = secretFile(JSON.stringify({ canary: CANARY }), mode);
    const error = refusal({ keyringFile: path });
    expect(error.message).toContain(`CALLMINE_KEYRING_FILE (${path}) is readable by group or others`);
    expect(error.message).toContain(`mode 0${mode.toString(8)}`);
  });

  it('names the variable and the file, never a key, for a missing, malformed or conflicting file', () => {
    const missing = join(tmpdir(), `callmine-no-such-${process.pid}.json`);
    expect(refusal({ keyringFile: missing }).message).toBe(
      `CALLMINE_KEYRING_FILE (${missing}) cannot be read (ENOENT). Check the path and that the secret is mounted.`,
    );
    const truncated = secretFile(`{"canary": "${CANARY}"`);
    expect(refusal({ keyringFile: truncated }).message).toMatch(
      new RegExp(
        `^CALLMINE_KEYRING_FILE \\(${truncated.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\) is not valid JSON`,
      ),
    );
    const short = secretFile(JSON.stringify({ canary: CANARY.slice(0, 20) }));
    expect(refusal({ keyringFile: short }).message).toContain(
      `CALLMINE_KEYRING_FILE (${short}) key "canary"`,
    );
    const good = secretFile(JSON.stringify({ canary: CANARY }));
    expect(refusal({ keyringFile: good, keyring: JSON.stringify({ x: OTHER }) }).message).toMatch(
      /Set one of CALLMINE_KEYRING, CALLMINE_KEYRING_FILE or CALLMINE_MASTER_KEY/,
    );
    expect(refusal({ keyringFile: '  ' }).message).toBe('CALLMINE_KEYRING_FILE is set but empty.');
  });
});
