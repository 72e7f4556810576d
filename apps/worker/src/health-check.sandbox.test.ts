// The daily Gong health check on a pinned clock against the sandbox: a revoked key is found by the check (one
// request, counted in the day's budget) and the card says Needs attention before any run is started or fails.
import { describe, expect, it } from 'vitest';
import { startRunEnv } from './testing/run-env.ts';

const HOUR = 3_600_000;

describe('the daily Gong health check', () => {
  it('flips a revoked key to Needs attention with no run, spending one request a day', {
    timeout: 60_000,
  }, async () => {
    let at = Date.parse('2026-06-10T09:00:00Z');
    const now = () => new Date(at);
    await using env = await startRunEnv({ calls: 20, now });
    const worker = await env.startWorker({}, { now, scheduler: false });
    const usersRequests = () => env.sandbox.requests.filter((r) => r.path === '/v2/users').length;
    env.sandbox.requests.length = 0;

    // Connecting was the first check: nothing is due for a day.
    expect([...(await worker.health.tick())]).toEqual([]);
    at += 25 * HOUR; // 2026-06-11T10:00Z
    expect([...(await worker.health.tick())].map(([, outcome]) => outcome)).toEqual(['ok']);
    at += 6 * HOUR;
    expect([...(await worker.health.tick())]).toEqual([]);
    expect(usersRequests()).toBe(1);
    const checked = await env.admin.integrations.gong.get.query();
    expect(checked).toMatchObject({
      status: 'connected',
      lastCheckedAt: '2026-06-11T10:00:00.000Z',
      // The check is counted in the worker's budget store, which the card reads.
      budget: { used: 1, limit: 10_000, resetsAt: '2026-06-12T00:00:00.000Z' },
    });

    // Someone deletes the key in Gong. The next day's check finds it; no run exists, none is started.
    env.sandbox.faults.revoke(env.key().accessKey);
    at += 20 * HOUR; // 2026-06-12T12:00Z
    expect([...(await worker.health.tick())].map(([, outcome]) => outcome)).toEqual(['needs-attention']);
    expect(usersRequests()).toBe(2);
    const flagged = await env.admin.integrations.gong.get.query();
    expect(flagged).toMatchObject({
      status: 'needs-attention',
      attention: {
        reason: 'rejected',
        detail: expect.stringMatching(/^The daily check found that Gong no longer accepts this key/),
      },
      lastCheckedAt: '2026-06-12T12:00:00.000Z',
      budget: { used: 1, resetsAt: '2026-06-13T00:00:00.000Z' },
    });
    expect((await env.admin.integrations.gong.auditLog.query())[0]).toMatchObject({
      action: 'marked-needs-attention',
      detail: 'health-check: invalid-credentials',
      actorName: null,
    });
    expect(await env.admin.runs.list.query()).toEqual([]);
    // Canary: the key's secret (and its Basic header) never reached the worker's logs on either check.
    const { accessKey, secretKey } = env.key();
    const logs = worker.logLines.join('\n');
    for (const secret of [secretKey, Buffer.from(`${accessKey}:${secretKey}`).toString('base64')]) {
      expect(logs).not.toContain(secret);
      expect(JSON.stringify(flagged)).not.toContain(secret);
    }
    // A flagged credential is not checked again: the admin must replace it.
    at += 30 * HOUR;
    expect([...(await worker.health.tick())]).toEqual([]);
    expect(usersRequests()).toBe(2);
  });

  it('checks before a schedule slot when the last check is a day old, between daily sweeps', {
    timeout: 60_000,
  }, async () => {
    let at = Date.parse('2026-06-10T09:00:00Z');
    const now = () => new Date(at);
    await using env = await startRunEnv({ calls: 20, now });
    const worker = await env.startWorker({}, { now, scheduler: false });
    at = Date.parse('2026-06-10T09:20:00Z'); // so the schedule's next slot is tomorrow's 09:10
    const analysis = await env.admin.analyses.create.mutate({
      name: 'Daily pulse',
      window: { kind: 'relative', lastDays: '7' },
      filters: {},
      settings: {},
    });
    await env.admin.schedules.create.mutate({
      analysisId: analysis.id,
      kind: 'daily',
      time: '09:10',
      timeZone: 'UTC',
    });
    const usersRequests = () => env.sandbox.requests.filter((r) => r.path === '/v2/users').length;
    env.sandbox.requests.length = 0;

    expect([...(await worker.health.tick())]).toEqual([]); // the sweep: checked at connect, not due
    at = Date.parse('2026-06-11T08:59:00Z');
    expect([...(await worker.health.tick())]).toEqual([]); // the sweep again: 23 h 59 min old, not due
    // 30 s later there is no sweep (hourly), but the 09:10 slot is 10 minutes away and the check a day old.
    at = Date.parse('2026-06-11T09:00:30Z');
    expect([...(await worker.health.tick())].map(([, o]) => o)).toEqual(['ok']);
    expect(usersRequests()).toBe(1);
    at = Date.parse('2026-06-11T10:05:00Z');
    expect([...(await worker.health.tick())]).toEqual([]);
    expect(usersRequests()).toBe(1);
  });
});
