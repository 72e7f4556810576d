import { describe, expect, it } from 'vitest';
import { formatEnvelope, parseEnvelope } from '../envelope.ts';
import type { KeyProvider } from '../key-provider.ts';
import { KeyRing } from '../key-ring.ts';
import { createSealer } from '../sealer.ts';
import { aContext, aRing } from '../testing/rings.ts';
import { createOpener } from './opener.ts';

const failsWith = (kind: string, attempt: () => unknown) =>
  expect(attempt).toThrowError(expect.objectContaining({ name: 'VaultError', kind }));

describe('seal → open round trip', () => {
  const ring = aRing();
  const sealer = createSealer(ring);
  const opener = createOpener(ring);
  const secrets: Record<string, string> = {
    empty: '',
    latin: 'AKIA-plain-ascii-secret',
    'UTF-8 multi-byte': 'Grüße, Zoë — naïve café ½ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 日本語の秘密 Ωμέγα',
    emoji: '🔐🦄👩🏽‍💻🇫🇷 key',
    '4 KB': 'x€😀'.repeat(512).slice(0, 4096),
    'NUL and control bytes': '\u0000\u0001\n\t\u007f\u0080\u00ff',
  };
  for (const [name, secret] of Object.entries(secrets)) {
    it(`${name} comes back exactly`, () => {
      const envelope = sealer.seal(secret, aContext());
      expect(envelope).not.toContain(secret || '\u0000');
      expect(opener.open(envelope, aContext())).toBe(secret);
    });
  }

  it('refuses text that is not valid Unicode instead of changing it', () => {
    failsWith('invalid-context', () => sealer.seal('half a pair \ud83d', aContext()));
  });

  it('10,000 seals of one secret use 10,000 distinct IVs (and distinct wrapping IVs)', () => {
    const ivs = new Set<string>();
    const wrapIvs = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const envelope = parseEnvelope(sealer.seal('the same secret', aContext()));
      ivs.add(Buffer.from(envelope.iv).toString('hex'));
      wrapIvs.add(Buffer.from(envelope.wrappedKey.subarray(0, 12)).toString('hex'));
    }
    expect(ivs.size).toBe(10_000);
    expect(wrapIvs.size).toBe(10_000);
  }, 60_000); // ~3 s normally: 20,000 forge GCM encryptions
});

describe('open fails closed', () => {
  const ring = aRing(['old', 'new']);
  const sealer = createSealer(ring);
  const opener = createOpener(ring);
  const secret = 'gong-secret-0123456789';
  const text = sealer.seal(secret, aContext());
  const envelope = parseEnvelope(text);

  const flipEachBit = (bytes: Uint8Array, rebuild: (flipped: Uint8Array) => string) => {
    let checked = 0;
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const copy = bytes.slice();
      copy[bit >> 3]! ^= 1 << (bit & 7);
      failsWith('authentication-failed', () => opener.open(rebuild(copy), aContext()));
      checked++;
    }
    return checked;
  };

  it('every bit of the ciphertext, tag, IV and wrapped data key, flipped in turn', () => {
    const total =
      flipEachBit(envelope.ciphertext, (ciphertext) => formatEnvelope({ ...envelope, ciphertext })) +
      flipEachBit(envelope.tag, (tag) => formatEnvelope({ ...envelope, tag })) +
      flipEachBit(envelope.iv, (iv) => formatEnvelope({ ...envelope, iv })) +
      flipEachBit(envelope.wrappedKey, (wrappedKey) => formatEnvelope({ ...envelope, wrappedKey }));
    expect(total).toBe((22 + 16 + 12 + 60) * 8);
  });

  it('every bit of every AAD field (purpose, workspace, credential, field), flipped in turn', () => {
    for (const part of ['purpose', 'workspaceId', 'credentialId', 'field'] as const) {
      const value = aContext()[part];
      for (let i = 0; i < value.length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const changed =
            value.slice(0, i) + String.fromCharCode(value.charCodeAt(i) ^ (1 << bit)) + value.slice(i + 1);
          failsWith('authentication-failed', () => opener.open(text, aContext({ [part]: changed })));
        }
      }
    }
  });

  it('a ciphertext copied to another workspace, credential or field does not open', () => {
    failsWith('authentication-failed', () => opener.open(text, aContext({ workspaceId: 'ws_2' })));
    failsWith('authentication-failed', () => opener.open(text, aContext({ credentialId: 'cred_2' })));
    failsWith('authentication-failed', () => opener.open(text, aContext({ field: 'accessKey' })));
    failsWith('authentication-failed', () => opener.open(text, aContext({ purpose: 'other' })));
  });

  it('truncated tags are rejected, never accepted as shorter GCM tags', () => {
    for (let length = 0; length < 16; length++) {
      const tag = Buffer.from(envelope.tag.subarray(0, length)).toString('base64url');
      const truncated = [...text.split('.').slice(0, 5), tag].join('.');
      expect(() => opener.open(truncated, aContext())).toThrow(
        expect.objectContaining({ kind: expect.stringMatching(/invalid-envelope|authentication-failed/) }),
      );
    }
  });

  it('an envelope relabelled with another key id in the ring does not open', () => {
    failsWith('authentication-failed', () =>
      opener.open(formatEnvelope({ ...envelope, keyId: 'old' }), aContext()),
    );
  });

  it('names a key that is not in the ring: unknown-key, without trying the others', () => {
    const calls: string[] = [];
    const spy: KeyProvider = {
      activeKeyId: ring.activeKeyId,
      keyIds: () => ring.keyIds(),
      has: (id) => ring.has(id),
      wrapDataKey: (key, aad) => ring.wrapDataKey(key, aad),
      unwrapDataKey: (id, wrapped, aad) => {
        calls.push(id);
        return ring.unwrapDataKey(id, wrapped, aad);
      },
    };
    expect(createOpener(spy).open(text, aContext())).toBe(secret);
    expect(calls).toEqual(['new']);
    calls.length = 0;
    failsWith('unknown-key', () =>
      createOpener(spy).open(formatEnvelope({ ...envelope, keyId: 'gone' }), aContext()),
    );
    expect(calls).toEqual(['gone']);
  });

  it('rejects other format versions, malformed and non-canonical envelopes', () => {
    failsWith('unsupported-version', () => opener.open(text.replace(/^v1\./, 'v2.'), aContext()));
    failsWith('unsupported-version', () => opener.open('not an envelope', aContext()));
    failsWith('invalid-envelope', () => opener.open(`${text}.extra`, aContext()));
    failsWith('invalid-envelope', () => opener.open(text.replace(/\.[^.]+$/, '.AAAA+'), aContext()));
    // A 16-byte tag is 22 base64url chars; the last char's lowest bit carries no data. Setting it gives
    // another spelling of the same bytes, which must be refused.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const parts = text.split('.');
    const tagText = parts[5]!;
    const sibling = tagText.slice(0, -1) + alphabet[alphabet.indexOf(tagText.at(-1)!) ^ 1];
    failsWith('invalid-envelope', () => opener.open([...parts.slice(0, 5), sibling].join('.'), aContext()));
  });

  it('error messages carry neither the secret nor key bytes', () => {
    for (const attempt of [
      () => opener.open(text, aContext({ field: 'x' })),
      () => createOpener(aRing(['new'])).open(text, aContext()),
    ]) {
      try {
        attempt();
        expect.unreachable();
      } catch (error) {
        const message = String((error as Error).message) + String((error as Error).stack);
        expect(message).not.toContain(secret);
        for (const key of Object.values(ring.exportKeys())) expect(message).not.toContain(key);
      }
    }
  });
});

describe('rewrap', () => {
  it('moves the data key to the active key, keeps the secret ciphertext byte for byte, and still opens', () => {
    const before = aRing(['k2025']);
    const text = createSealer(before).seal('rotate me ✓', aContext());
    const keys = before.exportKeys();
    const after = new KeyRing(
      new Map([
        ['k2025', new Uint8Array(Buffer.from(keys.k2025!, 'base64'))],
        ['k2026', new Uint8Array(32).fill(7)],
      ]),
      'k2026',
      'CALLMINE_KEYRING',
    );
    const rewrapped = createSealer(after).rewrap(text, aContext());
    const [a, b] = [parseEnvelope(text), parseEnvelope(rewrapped)];
    expect(b.keyId).toBe('k2026');
    expect(b.ciphertext).toEqual(a.ciphertext);
    expect(b.iv).toEqual(a.iv);
    expect(b.tag).toEqual(a.tag);
    expect(b.wrappedKey).not.toEqual(a.wrappedKey);
    expect(createOpener(after.without('k2025')).open(rewrapped, aContext())).toBe('rotate me ✓');
    expect(createSealer(after).rewrap(rewrapped, aContext())).toBe(rewrapped);
    failsWith('authentication-failed', () =>
      createSealer(after).rewrap(text, aContext({ field: 'accessKey' })),
    );
  });
});
