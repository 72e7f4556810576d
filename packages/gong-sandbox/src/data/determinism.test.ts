import { describe, expect, it } from 'vitest';
import { type GongSandbox, startGongSandbox } from '../index.ts';
import { aTenant } from '../testing/builders.ts';
import { asTenant, NO_LIMITS } from '../testing/client.ts';

const CALLS_UNTIL = '2026-11-01T00:00:00Z';

async function withSandbox<T>(seed: number, use: (sandbox: GongSandbox) => Promise<T>): Promise<T> {
  const sandbox = await startGongSandbox({
    seed,
    callsPerTenant: 150,
    rateLimit: NO_LIMITS,
    callsUntil: CALLS_UNTIL,
  });
  try {
    return await use(sandbox);
  } finally {
    await sandbox.close();
  }
}

/** What a client sees: users, the second page of calls and some transcripts, with request ids removed. */
async function snapshot(sandbox: GongSandbox) {
  const api = asTenant(sandbox, 'globex');
  const users = await api.get('/v2/users');
  const firstPage = await api.get('/v2/calls');
  const secondPage = await api.get(
    `/v2/calls?cursor=${(firstPage.body.records as { cursor: string }).cursor}`,
  );
  const transcripts = await api.post('/v2/calls/transcript', {
    filter: { toDateTime: '2026-07-01T00:00:00Z' },
  });
  const strip = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
  return {
    users: strip(users.body),
    calls: strip(secondPage.body),
    transcripts: strip(transcripts.body),
    truth: sandbox.groundTruth('globex'),
  };
}

describe('deterministic data', () => {
  it('gives the same users, calls, transcripts and ground truth for the same seed', async () => {
    const first = await withSandbox(42, snapshot);
    const second = await withSandbox(42, snapshot);
    expect(second).toEqual(first);
  });

  it('gives different data for a different seed', async () => {
    const first = await withSandbox(42, snapshot);
    const other = await withSandbox(43, snapshot);
    expect(other.users).not.toEqual(first.users);
    expect(other.truth).not.toEqual(first.truth);
  });

  it('spreads calls over months with varied titles, durations and parties', async () => {
    const calls = await withSandbox(1, async (sandbox) => [...sandbox.tenant('acme').calls.calls()]);
    const months = new Set(calls.map((call) => call.metaData.started.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    expect(new Set(calls.map((call) => call.metaData.title)).size).toBeGreaterThan(20);
    expect(new Set(calls.map((call) => call.metaData.duration)).size).toBeGreaterThan(50);
    expect(calls.some((call) => call.parties.filter((p) => p.affiliation === 'External').length >= 2)).toBe(
      true,
    );
    expect(calls.every((call) => call.metaData.started < CALLS_UNTIL)).toBe(true);
  });

  it('generates a 100,000-call tenant lazily and serves its last page and ground truth', async () => {
    const sandbox = await startGongSandbox({
      tenants: [aTenant({ callCount: 100_000 })],
      rateLimit: NO_LIMITS,
      callsUntil: CALLS_UNTIL,
    });
    try {
      const api = asTenant(sandbox, 'initech');
      const lastId = sandbox.tenant('initech').calls.call(99_999).metaData.id;
      const last = await api.get(`/v2/calls/${lastId}`);
      expect(last.status).toBe(200);
      const recent = await api.get('/v2/calls?fromDateTime=2026-10-31T00:00:00Z');
      expect(recent.body.records).toMatchObject({ totalRecords: expect.any(Number) });
      expect((recent.body.records as { totalRecords: number }).totalRecords).toBeGreaterThan(400);
      const truth = sandbox.groundTruth('initech');
      expect(truth.callCount).toBe(100_000);
      expect(truth.transcriptCount).toBeGreaterThan(95_000);
      expect(truth.mentions.Salesloft).toBeGreaterThan(1000);
    } finally {
      await sandbox.close();
    }
  }, 120_000);
});
