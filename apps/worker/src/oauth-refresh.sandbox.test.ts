// OAuth credentials during runs: the worker renews the access token when it is about to expire (or when Gong
// refuses one that looked valid), exactly once however many runs and workers need it, and the run carries on
// from where it was. The sandbox counts refreshes; the clock is moved forward a day to make a token expire.
import { afterEach, describe, expect, it } from 'vitest';
import { isFinished, type RunEnv, startRunEnv } from './testing/run-env.ts';
import { spawnWorker } from './testing/spawn-worker.ts';
import type { TestWorker } from './testing/test-worker.ts';

const DAY = 86_400_000;
const slow = { CALLMINE_GONG_REQUESTS_PER_SECOND: '5' };
/** 8 requests a run (4 listing pages, 4 transcript batches) at 5 a second: the clock moves after the 4th, so at
 *  least 4 more cross the expiry. 1,000 calls proved nothing more and cost each test 1,000 analysed calls. */
const CALLS = 400;

let offset = 0;
/** Sandbox and worker share it: moving it forward a day expires the token for Gong and for Callmine alike. */
const clock = () => Date.now() + offset;
const shiftedNow = () => new Date(clock());

afterEach(() => {
  offset = 0;
});

/** A worker on the shifted clock; the env closes it. */
function startWorker(e: RunEnv): Promise<TestWorker> {
  return e.startWorker(slow, { now: shiftedNow });
}

async function untilRequests(e: RunEnv, n: number) {
  while (e.runRequests().length < n) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Requests Gong answered with data (or its "no calls" 404): a run that restarted would make more. */
const answered = (e: RunEnv) => e.runRequests().filter((r) => r.status < 400 || r.status === 404);
const minimumRequests = (calls: number) => Math.ceil(calls / 100) * 2;

async function cardExpiry(e: RunEnv): Promise<number> {
  const card = await e.admin.integrations.gong.get.query();
  if (card.status === 'disconnected' || !card.tokenExpiresAt) throw new Error('no OAuth connection');
  return Date.parse(card.tokenExpiresAt);
}

describe('an OAuth run spanning a token expiry', () => {
  it('refreshes once before the token expires and finishes with the right totals', async () => {
    await using env = await startRunEnv({ connect: 'oauth', calls: CALLS, env: slow, sandbox: { clock } });
    const truth = env.sandbox.groundTruth('acme');
    const expiresBefore = await cardExpiry(env);
    const queued = await env.startRun();
    await startWorker(env);
    await untilRequests(env, 4);
    offset += DAY + 1000;

    const run = await env.waitFor(queued.id, isFinished);
    expect(run).toMatchObject({ status: 'done', error: null, credentialVersion: 2 });
    expect(run.totals).toMatchObject({ callsAnalyzed: truth.callCount, transcripts: truth.transcriptCount });
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 1, refused: 0 });
    // Kept its checkpoints: not one page or batch fetched twice.
    expect(answered(env)).toHaveLength(minimumRequests(truth.callCount));
    // Renewed ahead of time; at most the one request already on its way when the clock jumped was refused.
    expect(env.runRequests().filter((r) => r.status === 401).length).toBeLessThanOrEqual(1);

    const card = await env.admin.integrations.gong.get.query();
    expect(card).toMatchObject({ status: 'connected', method: 'oauth', attention: null, version: 2 });
    expect(await cardExpiry(env)).toBeGreaterThan(expiresBefore + DAY / 2);
    const audit = await env.admin.integrations.gong.auditLog.query();
    expect(audit.filter((a) => a.action === 'token-refreshed')).toHaveLength(1);
  });

  it('with 2-minute tokens (the sandbox’s --token-ttl 120) a run renews once, not before every request', async () => {
    await using env = await startRunEnv({
      connect: 'oauth',
      calls: CALLS,
      env: slow,
      sandbox: { clock, accessTokenTtlSeconds: 120 },
    });
    const truth = env.sandbox.groundTruth('acme');
    const queued = await env.startRun();
    await startWorker(env);
    await untilRequests(env, 4);
    // A fresh 2-minute token is not due at once (the 5-minute margin is capped at half its life): nothing renewed.
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 0, refused: 0 });
    // 70 s later the token is past half its life but still valid: renewed once, ahead of time.
    offset += 70_000;

    const run = await env.waitFor(queued.id, isFinished);
    expect(run).toMatchObject({ status: 'done', error: null, credentialVersion: 2 });
    expect(run.totals).toMatchObject({ callsAnalyzed: truth.callCount, transcripts: truth.transcriptCount });
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 1, refused: 0 });
    expect(env.runRequests().filter((r) => r.status === 401)).toHaveLength(0);
    const audit = await env.admin.integrations.gong.auditLog.query();
    expect(audit.filter((a) => a.action === 'token-refreshed')).toHaveLength(1);
    expect(await env.admin.integrations.gong.get.query()).toMatchObject({ status: 'connected', version: 2 });
  });

  it('refreshes and retries once when Gong refuses a token that looked valid', async () => {
    await using env = await startRunEnv({ connect: 'oauth', calls: CALLS, env: slow });
    const truth = env.sandbox.groundTruth('acme');
    const queued = await env.startRun();
    await startWorker(env);
    await untilRequests(env, 4);
    env.sandbox.oauth.expireAccessTokens();

    const run = await env.waitFor(queued.id, isFinished);
    expect(run).toMatchObject({ status: 'done', error: null, credentialVersion: 2 });
    expect(run.totals).toMatchObject({ callsAnalyzed: truth.callCount, transcripts: truth.transcriptCount });
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 1, refused: 0 });
    expect(env.runRequests().filter((r) => r.status === 401)).toHaveLength(1);
    expect(answered(env)).toHaveLength(minimumRequests(truth.callCount));
    expect(await env.admin.integrations.gong.get.query()).toMatchObject({
      status: 'connected',
      attention: null,
    });
  });

  it('two runs on two workers sharing the database file cause exactly one refresh', async () => {
    await using env = await startRunEnv({ connect: 'oauth', calls: CALLS, env: slow, sandbox: { clock } });
    const truth = env.sandbox.groundTruth('acme');
    const first = await env.startRun();
    const second = await env.startRun({ from: '2026-01-01', to: '2026-05-31' });
    await startWorker(env);
    await startWorker(env);
    // Both runs under way (one per worker: a worker runs one job at a time) before the token expires.
    await env.waitFor(first.id, (r) => r.progress.callsTotal > 0);
    await env.waitFor(second.id, (r) => r.progress.callsTotal > 0);
    const [a, b] = await Promise.all([
      env.admin.runs.get.query({ id: first.id }),
      env.admin.runs.get.query({ id: second.id }),
    ]);
    expect([a.status, b.status]).toEqual(['fetching', 'fetching']);
    offset += DAY + 1000;

    const [doneA, doneB] = await Promise.all([
      env.waitFor(first.id, isFinished),
      env.waitFor(second.id, isFinished),
    ]);
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 1, refused: 0 });
    expect(doneA).toMatchObject({ status: 'done', credentialVersion: 2 });
    expect(doneB).toMatchObject({ status: 'done', credentialVersion: 2 });
    expect(doneA.totals?.callsAnalyzed).toBe(truth.callCount);
    expect(doneB.totals?.callsAnalyzed).toBe(doneB.progress.callsTotal);
    expect(await env.admin.integrations.gong.get.query()).toMatchObject({ status: 'connected', version: 2 });
  });

  it('two worker processes refused the same token at once cause exactly one refresh', async () => {
    await using env = await startRunEnv({ connect: 'oauth', calls: CALLS, env: slow });
    const first = await env.startRun();
    const second = await env.startRun({ from: '2026-01-01', to: '2026-05-31' });
    // A 5 s lease, not run-env's 1 s: on a loaded machine a missed heartbeat hands a run to the other process,
    // which starts its analysis again (the quota race test saw that loop outlast the wait).
    const racing = { ...env.workerEnv, ...slow, CALLMINE_WORKER_LEASE_MS: '5000' };
    await using _one = spawnWorker(env.server.dataDir, racing);
    await using _two = spawnWorker(env.server.dataDir, racing);
    await env.waitFor(first.id, (r) => r.progress.callsTotal > 0);
    await env.waitFor(second.id, (r) => r.progress.callsTotal > 0);
    // Gong stops accepting the access token both processes are using.
    env.sandbox.oauth.expireAccessTokens();

    const runs = await Promise.all([env.waitFor(first.id, isFinished), env.waitFor(second.id, isFinished)]);
    expect(runs.map((r) => [r.status, r.error, r.credentialVersion])).toEqual([
      ['done', null, 2],
      ['done', null, 2],
    ]);
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 1, refused: 0 });
    // Each process had at most one request refused before it used the refreshed token.
    expect(env.runRequests().filter((r) => r.status === 401).length).toBeLessThanOrEqual(2);
  });

  it('fails the run plainly when Gong refuses the refresh token, flags the card, and does not try again', async () => {
    await using env = await startRunEnv({ connect: 'oauth', calls: CALLS, env: slow, sandbox: { clock } });
    const queued = await env.startRun();
    await startWorker(env);
    await untilRequests(env, 4);
    // An admin at Gong uninstalled Callmine's app, and then the access token runs out.
    env.sandbox.oauth.revokeRefreshTokens('acme');
    offset += DAY + 1000;

    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Gong refused to renew the OAuth access/);
    expect(run.error).toMatch(/connect Gong with OAuth again/);
    const card = await env.admin.integrations.gong.get.query();
    expect(card).toMatchObject({
      status: 'needs-attention',
      method: 'oauth',
      attention: { reason: 'rejected' },
    });
    if (card.status === 'disconnected') throw new Error('disconnected');
    expect(card.attention?.detail).toMatch(/Connect with OAuth again/);
    const audit = await env.admin.integrations.gong.auditLog.query();
    expect(audit.find((a) => a.action === 'marked-needs-attention')).toMatchObject({
      detail: 'oauth-refresh-rejected',
    });
    // No key to replace with OAuth: starting a run says what to do instead.
    const refused = await env.startRun().then(
      () => '',
      (error: Error) => error.message,
    );
    expect(refused).toBe(
      'The Gong connection needs attention: an admin must connect Gong with OAuth again in Settings → Integrations.',
    );

    // No retry storm: one refused refresh, and nothing more reaches Gong's token endpoint or API afterwards.
    const tokenCalls = () =>
      env?.sandbox.requests.filter((r) => r.path === '/oauth2/generate-customer-token');
    const seen = { token: tokenCalls()?.length, api: env.runRequests().length };
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 0, refused: 1 });
    expect({ token: tokenCalls()?.length, api: env.runRequests().length }).toEqual(seen);
  });
});
