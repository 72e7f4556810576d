import { finalize, hashOf, randomFrom } from './random.ts';

// Gong ids are 19-digit decimal strings. We build them as a 7-digit per-tenant-and-kind prefix plus a
// 12-digit Feistel permutation of the index: random-looking, unique, and reversible without a lookup table.
const HALF = 1_000_000;
const ROUNDS = 4;

export interface IdCodec {
  prefix: string;
  /** Index must be below 10^12, far above the 100,000 calls a tenant may have. */
  encode(index: number): string;
  /** The index behind an id, or undefined when the id was not minted by this codec. */
  decode(id: string): number | undefined;
}

export function idCodec(seed: number, tenantId: string, kind: string): IdCodec {
  const key = hashOf(seed, 'id-key', tenantId, kind);
  const prefix = String(1_000_000 + (hashOf(seed, 'id-prefix', tenantId, kind) % 9_000_000));
  const roundKey = (round: number, value: number) =>
    finalize(key ^ Math.imul(value + 1, 0x9e3779b1) ^ round) % HALF;
  return {
    prefix,
    encode(index) {
      let left = Math.floor(index / HALF);
      let right = index % HALF;
      for (let round = 0; round < ROUNDS; round++)
        [left, right] = [right, (left + roundKey(round, right)) % HALF];
      return prefix + String(left * HALF + right).padStart(12, '0');
    },
    decode(id) {
      if (!/^\d{19}$/.test(id) || !id.startsWith(prefix)) return undefined;
      const value = Number(id.slice(7));
      let left = Math.floor(value / HALF);
      let right = value % HALF;
      for (let round = ROUNDS - 1; round >= 0; round--) {
        [left, right] = [(right - roundKey(round, left) + HALF) % HALF, left];
      }
      return left * HALF + right;
    },
  };
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomString(alphabet: string, length: number, seed: number, ...labels: string[]): string {
  const random = randomFrom(seed, ...labels);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random.next() * alphabet.length)];
  return out;
}

/** Shaped like Gong's: a 32-character base32 access key. */
export function accessKeyFor(seed: number, tenantId: string, label: string): string {
  return randomString(BASE32, 32, seed, 'access-key', tenantId, label);
}

/** Shaped like Gong's: a JWT-looking secret (it is not a real JWT; nothing may parse it). */
export function secretKeyFor(seed: number, tenantId: string, label: string): string {
  const body = randomString(BASE64URL, 118, seed, 'secret-body', tenantId, label);
  const signature = randomString(BASE64URL, 43, seed, 'secret-sig', tenantId, label);
  return `eyJhbGciOiJIUzI1NiJ9.eyJ${body}.${signature}`;
}

/** Opaque random-looking token for OAuth codes and tokens; deterministic per counter for reproducible logs. */
export function tokenFor(seed: number, kind: string, counter: number): string {
  return randomString(BASE64URL, 48, seed, 'token', kind, String(counter));
}
