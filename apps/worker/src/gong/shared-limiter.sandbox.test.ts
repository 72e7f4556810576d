// Two limiter instances on one database, as two processes (a worker and a server, or two workers) would have
// them, sending for one Gong credential at once: the sandbox never sees more than 3 requests in any second for it
// and answers no 429. On SQLite (two connections to one file) and on PostgreSQL (two pools on one database).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDbRateSlotStore, type Db, openDatabase, openPostgresDatabase } from '@callmine/db';
import { createTestPostgresDatabase } from '@callmine/db/testing/postgres';
import { basicAuth, createGong, createSharedRateLimiter } from '@callmine/gong';
import { startGongSandbox } from '@callmine/gong-sandbox';
import { describe, expect, it } from 'vitest';

const RATE = 3;
/**
 * Validations each instance starts at once (each sends 2 requests: users, then workspaces). 4 make 16 requests, over
 * 5 s at 3 a second: every 1-second window is contested by both instances, and two limiters that did not share slots
 * would send 6 in the first second. 9 (36 requests, 12 s a dialect) proved nothing more.
 */
const PER_INSTANCE = 4;

interface TwoHandles extends AsyncDisposable {
  dbs: [Db, Db];
}

async function sqliteHandles(): Promise<TwoHandles> {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-limiter-'));
  const a = openDatabase(join(dir, 'callmine.db'));
  const b = openDatabase(join(dir, 'callmine.db'));
  return {
    dbs: [a.db, b.db],
    async [Symbol.asyncDispose]() {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresHandles(): Promise<TwoHandles> {
  const created = await createTestPostgresDatabase();
  const a = await openPostgresDatabase(created.url);
  const b = await openPostgresDatabase(created.url);
  return {
    dbs: [a.db, b.db],
    async [Symbol.asyncDispose]() {
      await a.close();
      await b.close();
      await created[Symbol.asyncDispose]();
    },
  };
}

/** Most requests within any 1-second window. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((x, y) => x - y);
  let peak = 0;
  for (let i = 0, j = 0; j < sorted.length; j += 1) {
    while (sorted[j]! - sorted[i]! >= 1000) i += 1;
    peak = Math.max(peak, j - i + 1);
  }
  return peak;
}

describe.each([
  ['sqlite', sqliteHandles],
  ['postgres', postgresHandles],
] as const)('one Gong limit across two limiter instances on %s', (_dialect, open) => {
  it('never more than 3 requests in any second for the credential, and no 429', {
    timeout: 60_000,
  }, async () => {
    // A sandbox per dialect: one shared with the previous case could still count that case's last second and
    // answer 429, which no limiter on this fresh database can know about.
    await using sandbox = await startGongSandbox({
      callsPerTenant: 5,
      rateLimit: { perSecond: RATE, perDay: 1_000_000 },
    });
    await using handles = await open();
    const origin = sandbox.clusters.standard?.origin ?? '';
    const gongs = handles.dbs.map((db) =>
      createGong({
        defaultBaseUrl: origin,
        allowedOrigins: [origin],
        limiter: createSharedRateLimiter({
          store: createDbRateSlotStore(db),
          ratePerSecond: RATE,
          holdMs: 15_000,
        }),
        // A 429 would fail the request instead of being retried, so none can hide.
        maxRetries: 0,
        logger: { warn: () => {} },
      }),
    );
    const key = sandbox.tenant('acme').credentials[0]!;
    sandbox.requests.length = 0;
    try {
      const results = await Promise.all(
        gongs.flatMap((gong) =>
          Array.from({ length: PER_INSTANCE }, () =>
            gong.validate({
              baseUrl: origin,
              credentialId: 'acme-primary',
              auth: basicAuth(key.accessKey, key.secretKey),
            }),
          ),
        ),
      );
      expect(results.filter((r) => !r.ok)).toEqual([]);
    } finally {
      await Promise.all(gongs.map((g) => g.close()));
    }
    const seen = sandbox.requests.filter((r) => r.tenant === 'acme');
    expect(seen.length).toBeGreaterThanOrEqual(2 * PER_INSTANCE);
    expect(seen.filter((r) => r.status === 429)).toHaveLength(0);
    expect(peakPerSecond(seen.map((r) => r.at))).toBeLessThanOrEqual(RATE);
    // The limit was used, not just respected: the requests were spread at about 3 a second.
    expect(peakPerSecond(seen.map((r) => r.at))).toBe(RATE);
  });
});
