import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gcmOpen, gcmSeal, newIv, newKey, type Sealed } from './aes-gcm.ts';
import { VaultError } from './errors.ts';

const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13–16 (AES-256), as in NIST's GCM validation.
const K15 = 'feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308';
const P15 =
  'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255';
const C15 =
  '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad';
const vectors = [
  {
    name: 'case 13',
    k: '00'.repeat(32),
    iv: '00'.repeat(12),
    p: '',
    a: '',
    c: '',
    t: '530f8afbc74536b9a963b4f1c4cb738b',
  },
  {
    name: 'case 14',
    k: '00'.repeat(32),
    iv: '00'.repeat(12),
    p: '00'.repeat(16),
    a: '',
    c: 'cea7403d4d606b6e074ec5d3baf39d18',
    t: 'd0d1c8a799996bf0265b98b5d48ab919',
  },
  {
    name: 'case 15',
    k: K15,
    iv: 'cafebabefacedbaddecaf888',
    p: P15,
    a: '',
    c: C15,
    t: 'b094dac5d93471bdec1a502270e3cc6c',
  },
  {
    name: 'case 16',
    k: K15,
    iv: 'cafebabefacedbaddecaf888',
    p: P15.slice(0, 120),
    a: 'feedfacedeadbeeffeedfacedeadbeefabaddad2',
    c: C15.slice(0, 120),
    t: '76fc6ece0f4e1768cddf8853bb2d551b',
  },
];

function nodeSeal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, iv: Uint8Array): Sealed {
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext: new Uint8Array(ciphertext), tag: new Uint8Array(cipher.getAuthTag()) };
}

function nodeOpen(key: Uint8Array, sealed: Sealed, aad: Uint8Array): Uint8Array {
  // authTagLength: 16, or Node 20 would accept a truncated tag.
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: 16 });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  return new Uint8Array(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]));
}

describe('AES-256-GCM known answers (McGrew–Viega / NIST)', () => {
  for (const v of vectors) {
    it(`${v.name}: node-forge seals and opens to the published values`, () => {
      const sealed = gcmSeal(hex(v.k), hex(v.p), hex(v.a), hex(v.iv));
      expect(toHex(sealed.ciphertext)).toBe(v.c);
      expect(toHex(sealed.tag)).toBe(v.t);
      expect(toHex(gcmOpen(hex(v.k), { iv: hex(v.iv), ciphertext: hex(v.c), tag: hex(v.t) }, hex(v.a)))).toBe(
        v.p,
      );
    });

    it(`${v.name}: node:crypto (authTagLength 16) agrees`, () => {
      const sealed = nodeSeal(hex(v.k), hex(v.p), hex(v.a), hex(v.iv));
      expect(toHex(sealed.ciphertext)).toBe(v.c);
      expect(toHex(sealed.tag)).toBe(v.t);
      expect(toHex(nodeOpen(hex(v.k), sealed, hex(v.a)))).toBe(v.p);
    });
  }
});

describe('cross-decryption', () => {
  const lengths = [0, 1, 15, 16, 17, 100, 4096];
  for (const length of lengths) {
    it(`${length}-byte messages: forge → node:crypto and node:crypto → forge`, () => {
      const key = newKey();
      const plaintext = new Uint8Array(Buffer.alloc(length, 0xa5).map((b, i) => (b + i * 7) & 0xff));
      const aad = new Uint8Array(Buffer.from('callmine aad ✓', 'utf8'));
      const byForge = gcmSeal(key, plaintext, aad);
      expect(toHex(nodeOpen(key, byForge, aad))).toBe(toHex(plaintext));
      const byNode = nodeSeal(key, plaintext, aad, newIv());
      expect(toHex(gcmOpen(key, byNode, aad))).toBe(toHex(plaintext));
    });
  }
});

describe('gcmOpen fails closed', () => {
  const key = newKey();
  const aad = new Uint8Array(Buffer.from('purpose|workspace|credential|field', 'utf8'));
  const plaintext = new Uint8Array(Buffer.from('a secret that is 33 bytes long!!!', 'utf8'));
  const sealed = gcmSeal(key, plaintext, aad);

  const flipEach = (bytes: Uint8Array, check: (flipped: Uint8Array) => void) => {
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const copy = bytes.slice();
      copy[bit >> 3]! ^= 1 << (bit & 7);
      check(copy);
    }
  };
  const rejects = (attempt: () => unknown) =>
    expect(attempt).toThrowError(expect.objectContaining({ kind: 'authentication-failed' }));

  it('rejects every single-bit change to ciphertext, tag, IV and AAD', () => {
    flipEach(sealed.ciphertext, (ciphertext) => rejects(() => gcmOpen(key, { ...sealed, ciphertext }, aad)));
    flipEach(sealed.tag, (tag) => rejects(() => gcmOpen(key, { ...sealed, tag }, aad)));
    flipEach(sealed.iv, (iv) => rejects(() => gcmOpen(key, { ...sealed, iv }, aad)));
    flipEach(aad, (changed) => rejects(() => gcmOpen(key, sealed, changed)));
  });

  it('rejects the wrong key', () => {
    rejects(() => gcmOpen(newKey(), sealed, aad));
  });

  it('rejects truncated tags of every length, including the ones GCM itself allows (96, 64, 32 bits)', () => {
    for (let length = 0; length < 16; length++) {
      rejects(() => gcmOpen(key, { ...sealed, tag: sealed.tag.slice(0, length) }, aad));
    }
    rejects(() => gcmOpen(key, { ...sealed, tag: new Uint8Array([...sealed.tag, 0]) }, aad));
  });

  it('rejects a truncated or extended ciphertext', () => {
    rejects(() => gcmOpen(key, { ...sealed, ciphertext: sealed.ciphertext.slice(0, -1) }, aad));
    rejects(() => gcmOpen(key, { ...sealed, ciphertext: new Uint8Array([...sealed.ciphertext, 0]) }, aad));
  });

  it('rejects keys that are not 256 bits rather than quietly using AES-128/192', () => {
    expect(() => gcmSeal(new Uint8Array(16), plaintext, aad)).toThrow(VaultError);
    expect(() => gcmOpen(new Uint8Array(24), sealed, aad)).toThrow(VaultError);
  });
});
