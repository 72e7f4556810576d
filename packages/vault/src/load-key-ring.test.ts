import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultError } from './errors.ts';
import { loadKeyRing } from './load-key-ring.ts';
import { createSealer } from './sealer.ts';
import { aContext } from './testing/rings.ts';

const b64 = () => randomBytes(32).toString('base64');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-vault-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const options = () => {
  const warnings: string[] = [];
  return { dataDir: join(tempDir(), 'data'), warn: (m: string) => warnings.push(m), warnings };
};

/** Loads and returns the refusal, asserting it names no key material. */
function refusal(source: Parameters<typeof loadKeyRing>[0], secrets: string[] = []): VaultError {
  try {
    loadKeyRing(source, options());
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    const text = `${(error as Error).message}\n${(error as Error).stack}`;
    for (const secret of secrets) expect(text).not.toContain(secret);
    return error as VaultError;
  }
  throw new Error('expected a refusal');
}

describe('loadKeyRing from the secret manager', () => {
  it('reads CALLMINE_KEYRING (JSON id → base64) with CALLMINE_ACTIVE_KEY_ID', () => {
    const ring = loadKeyRing(
      { keyring: JSON.stringify({ k2025: b64(), k2026: b64() }), activeKeyId: 'k2026' },
      options(),
    );
    expect(ring.keyIds()).toEqual(['k2025', 'k2026']);
    expect(ring.activeKeyId).toBe('k2026');
    expect(ring.origin).toBe('CALLMINE_KEYRING');
  });

  it('a one-key CALLMINE_KEYRING needs no active id; a lone CALLMINE_MASTER_KEY is "master"', () => {
    expect(loadKeyRing({ keyring: JSON.stringify({ only: b64() }) }, options()).activeKeyId).toBe('only');
    const master = loadKeyRing({ masterKey: b64() }, options());
    expect([master.activeKeyId, master.origin]).toEqual(['master', 'CALLMINE_MASTER_KEY']);
    expect(loadKeyRing({ masterKey: b64(), activeKeyId: 'prod1' }, options()).activeKeyId).toBe('prod1');
  });

  it('refuses malformed values with a message naming the variable, never echoing key bytes', () => {
    const short = randomBytes(31).toString('base64');
    const long = randomBytes(33).toString('base64');
    const cases: Array<[Parameters<typeof loadKeyRing>[0], RegExp, string[]]> = [
      [{ keyring: `{"k1": "${short}"` }, /CALLMINE_KEYRING is not valid JSON/, [short]],
      [
        { keyring: JSON.stringify({ k1: short }) },
        /CALLMINE_KEYRING key "k1".*32 bytes.*decodes to 31/,
        [short],
      ],
      [{ keyring: JSON.stringify({ k1: long }) }, /decodes to 33/, [long]],
      [{ keyring: JSON.stringify({ k1: `${short}!` }) }, /not standard base64/, [short]],
      [{ keyring: JSON.stringify({ 'bad id': b64() }) }, /key id "bad id" must match/, []],
      [{ keyring: JSON.stringify([b64()]) }, /must be a JSON object/, []],
      [{ keyring: '{}' }, /holds no keys/, []],
      [{ keyring: JSON.stringify({ a: b64(), b: b64() }) }, /set CALLMINE_ACTIVE_KEY_ID/, []],
      [
        { keyring: JSON.stringify({ a: b64() }), activeKeyId: 'z' },
        /"z" is not in CALLMINE_KEYRING \(ids: a\)/,
        [],
      ],
      [{ keyring: JSON.stringify({ a: b64() }), masterKey: b64() }, /not several/, []],
      [{ masterKey: short }, /CALLMINE_MASTER_KEY: the key must decode to 32 bytes/, [short]],
      [{ masterKey: '' }, /CALLMINE_MASTER_KEY is set but empty/, []],
      [{ keyring: '  ' }, /CALLMINE_KEYRING is set but empty/, []],
    ];
    for (const [source, message, secrets] of cases) {
      const error = refusal(source, secrets);
      expect(error.kind).toBe('invalid-keyring');
      expect(error.message).toMatch(message);
    }
  });

  it('never shows key bytes through JSON.stringify or util.inspect', () => {
    const key = b64();
    const ring = loadKeyRing({ masterKey: key }, options());
    const hex = Buffer.from(key, 'base64').toString('hex');
    for (const shown of [JSON.stringify(ring), inspect(ring, { showHidden: true, depth: 9 }), String(ring)]) {
      expect(shown).not.toContain(key);
      expect(shown).not.toContain(hex);
    }
  });
});

describe('the embedded key file on a fresh machine', () => {
  it('is created with mode 0600, warned about, and reused on the next start', () => {
    const opts = options();
    const first = loadKeyRing({}, opts);
    const path = join(opts.dataDir, 'keyring.json');
    expect(first.origin).toBe('key-file');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(opts.warnings[0]).toMatch(/Created the embedded key file .*keyring\.json.*secret manager/);
    const keyBytes = Object.values(JSON.parse(readFileSync(path, 'utf8')).keys as Record<string, string>);
    expect(opts.warnings.join('\n')).not.toContain(keyBytes[0]);

    const again = loadKeyRing({}, opts);
    expect(again.keyIds()).toEqual(first.keyIds());
    expect(opts.warnings[1]).toMatch(/^Using the embedded key file/);
    const sealed = createSealer(first).seal('s', aContext());
    // Same bytes: the second ring can rewrap (unwrap) what the first sealed.
    expect(() => createSealer(again.withNewActiveKey('next')).rewrap(sealed, aContext())).not.toThrow();
  });

  it('refuses a key file that other users can read', () => {
    const opts = options();
    loadKeyRing({}, opts);
    const path = join(opts.dataDir, 'keyring.json');
    chmodSync(path, 0o644);
    expect(() => loadKeyRing({}, opts)).toThrowError(/readable by other users \(mode 644\)\. Run: chmod 600/);
  });
});
