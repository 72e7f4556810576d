import { type GongSandbox, type SandboxCredential, startGongSandbox } from '@callmine/gong-sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, bearerAuth } from './auth.ts';
import { createGong, type Gong, type GongOptions } from './client.ts';
import { GongError } from './errors.ts';
import { startTestServer } from './test-support/http-server.ts';

// The client against the local Gong over real HTTP: every endpoint and its pagination, each error kind, Retry-After,
// redirects and the base URL rule.

const ALL_TIME = { fromDateTime: '2020-01-01T00:00:00Z', toDateTime: '2030-01-01T00:00:00Z' };
const CALLS = 250;
const USERS = 230;

let sandbox: GongSandbox;
const gongs: Gong[] = [];

beforeAll(async () => {
  sandbox = await startGongSandbox({
    seed: 7,
    rateLimit: { perSecond: 1_000_000, perDay: 1_000_000_000 },
    callsUntil: '2026-11-01T00:00:00Z',
    callHistoryDays: 30,
    tenants: [
      {
        id: 'acme',
        name: 'Acme',
        cluster: 'standard',
        callCount: CALLS,
        userCount: USERS,
        credentials: [
          { label: 'primary', permission: 'full' },
          { label: 'no-permission', permission: 'none' },
          { label: 'revoked', permission: 'full', revoked: true },
        ],
      },
      {
        id: 'globex',
        name: 'Globex',
        cluster: 'us-44392',
        callCount: 30,
        credentials: [{ label: 'primary' }],
      },
    ],
  });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  sandbox.faults.reset();
  sandbox.requests.length = 0;
  await Promise.all(gongs.splice(0).map((gong) => gong.close()));
});

function gong(options: GongOptions = {}): Gong {
  const instance = createGong({
    defaultBaseUrl: sandbox.clusters.standard!.origin,
    allowedOrigins: Object.values(sandbox.clusters).map((cluster) => cluster.origin),
    logger: { warn: () => {} },
    random: () => 0, // no backoff waits in tests; the jitter itself is unit-tested
    ratePerSecond: 50, // the limiter's exactness has its own test below
    ...options,
  });
  gongs.push(instance);
  return instance;
}

function credential(tenantId: string, label = 'primary'): SandboxCredential {
  const found = sandbox.tenant(tenantId).credentials.find((c) => c.label === label);
  if (!found) throw new Error(`no ${label} credential`);
  return found;
}

function acme(label = 'primary', options: GongOptions = {}) {
  const { accessKey, secretKey } = credential('acme', label);
  return gong(options).client({ credentialId: `acme-${label}`, auth: basicAuth(accessKey, secretKey) });
}

async function failure(promise: Promise<unknown>): Promise<GongError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GongError) return error;
    throw error;
  }
  throw new Error('expected a GongError');
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const apiRequests = (path: string) => sandbox.requests.filter((r) => r.path === path);

describe('endpoints and pagination', () => {
  it('lists every user across cursor pages', async () => {
    const pages = await collect(acme().users.list());
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, 30]);
    const ids = pages.flatMap((p) => p.items.map((u) => u.id));
    expect(ids).toEqual(sandbox.tenant('acme').users.map((u) => u.id));
    expect(pages[0]?.requestId).toMatch(/^[a-z0-9]+$/);
    expect(apiRequests('/v2/users')).toHaveLength(3);
  });

  it('lists every call in a date range, then nothing for an empty range (Gong 404s)', async () => {
    const client = acme();
    const calls = await collect(client.calls.list(ALL_TIME).items());
    expect(calls).toHaveLength(CALLS);
    expect(new Set(calls.map((c) => c.id)).size).toBe(CALLS);
    expect(calls[0]).toMatchObject({
      id: expect.any(String),
      started: expect.any(String),
      duration: expect.any(Number),
    });
    expect(apiRequests('/v2/calls')).toHaveLength(3);

    const none = await collect(
      client.calls.list({ fromDateTime: new Date('2001-01-01'), toDateTime: new Date('2001-02-01') }).items(),
    );
    expect(none).toEqual([]);
  });

  it('gets one call, and says not-found for an unknown id', async () => {
    const client = acme();
    const first = sandbox.tenant('acme').calls.call(0).metaData;
    expect(await client.calls.get(first.id)).toMatchObject({ id: first.id, title: first.title });
    const error = await failure(client.calls.get('1'));
    expect(error).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('reads extensive calls with parties, metadata and interaction stats', async () => {
    const calls = await collect(acme().calls.extensive(ALL_TIME).items());
    expect(calls).toHaveLength(CALLS);
    const call = calls[0]!;
    expect(call.metaData.id).toBe(sandbox.tenant('acme').calls.call(0).metaData.id);
    expect(call.parties?.length).toBeGreaterThan(0);
    expect(call.parties?.[0]).toMatchObject({
      affiliation: expect.stringMatching(/Internal|External|Unknown/),
    });
    expect(call.interaction?.interactionStats?.length).toBeGreaterThan(0);
  });

  it('batches extensive call ids by 100 and never sends an empty id filter', async () => {
    const client = acme();
    const ids = Array.from({ length: CALLS }, (_, i) => sandbox.tenant('acme').calls.call(i).metaData.id);
    const calls = await collect(client.calls.extensive({ callIds: ids }).items());
    expect(calls.map((c) => c.metaData.id).sort()).toEqual([...ids].sort());
    expect(apiRequests('/v2/calls/extensive')).toHaveLength(3);
    expect(await collect(client.calls.extensive({ callIds: [] }).items())).toEqual([]);
    expect(apiRequests('/v2/calls/extensive')).toHaveLength(3);
  });

  it('fetches transcripts for call ids in batches of 100', async () => {
    const client = acme();
    const data = sandbox.tenant('acme').calls;
    const ids = Array.from({ length: CALLS }, (_, i) => data.call(i).metaData.id);
    const withTranscript = ids.filter((_, i) => data.hasTranscriptAt(i));
    const transcripts = await collect(client.transcripts.get(ids).items());
    expect(transcripts.map((t) => t.callId).sort()).toEqual([...withTranscript].sort());
    const sample = transcripts[0]!;
    expect(sample.transcript[0]?.sentences[0]).toMatchObject({
      start: expect.any(Number),
      end: expect.any(Number),
      text: expect.any(String),
    });
    expect(apiRequests('/v2/calls/transcript')).toHaveLength(3);
    expect(await collect(client.transcripts.get([]).items())).toEqual([]);
    expect(apiRequests('/v2/calls/transcript')).toHaveLength(3);
  });

  it('works against a regional base URL', async () => {
    const { accessKey, secretKey } = credential('globex');
    const client = gong().client({
      baseUrl: sandbox.tenant('globex').baseUrl,
      credentialId: 'globex',
      auth: basicAuth(accessKey, secretKey),
    });
    expect(await collect(client.calls.list(ALL_TIME).items())).toHaveLength(30);
  });

  it('accepts an OAuth bearer token and the api_base_url_for_customer it came with', async () => {
    const { demoClient } = sandbox.oauth;
    const redirectUri = 'http://127.0.0.1:9/callback';
    const code = sandbox.oauth.issueCode({
      clientId: demoClient.clientId,
      tenantId: 'globex',
      redirectUri,
      scopes: ['api:users:read', 'api:calls:read:basic'],
    });
    const tokenUrl = new URL('/oauth2/generate-customer-token', sandbox.appOrigin);
    tokenUrl.search = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
    }).toString();
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa(`${demoClient.clientId}:${demoClient.clientSecret}`)}` },
    });
    const tokens = (await response.json()) as { access_token: string; api_base_url_for_customer: string };
    const g = gong();
    expect(g.normalizeBaseUrl(tokens.api_base_url_for_customer)).toMatchObject({ ok: true });
    const client = g.client({
      baseUrl: tokens.api_base_url_for_customer,
      credentialId: 'globex-oauth',
      auth: bearerAuth(tokens.access_token),
    });
    expect(await client.validate()).toMatchObject({ ok: true, usersSampled: 24 });
    // No extensive scope was granted: the typed error says so.
    expect(await failure(collect(client.calls.extensive(ALL_TIME)))).toMatchObject({ kind: 'forbidden' });
  });
});

describe('errors', () => {
  it('401 → invalid-credentials, with the base URL hint', async () => {
    const error = await failure(collect(acme('revoked').users.list()));
    expect(error).toMatchObject({ kind: 'invalid-credentials', status: 401, requestId: expect.any(String) });
    expect(error.message).toMatch(/base URL/);
  });

  it('a key used against the wrong cluster is invalid-credentials too', async () => {
    const { accessKey, secretKey } = credential('acme');
    const client = gong().client({
      baseUrl: sandbox.tenant('globex').baseUrl,
      credentialId: 'acme',
      auth: basicAuth(accessKey, secretKey),
    });
    expect(await client.validate()).toMatchObject({ ok: false, error: { kind: 'invalid-credentials' } });
  });

  it('403 → forbidden', async () => {
    expect(await failure(collect(acme('no-permission').users.list()))).toMatchObject({
      kind: 'forbidden',
      status: 403,
    });
  });

  it('5xx is retried with backoff, then reported as unavailable', async () => {
    sandbox.faults.failNext(2, 503);
    const pages = await collect(acme('primary', { maxRetries: 3 }).users.list());
    expect(pages).toHaveLength(3);
    expect(apiRequests('/v2/users').map((r) => r.status)).toEqual([503, 503, 200, 200, 200]);

    sandbox.requests.length = 0;
    sandbox.faults.failNext(10, 500);
    const error = await failure(collect(acme('primary', { maxRetries: 2 }).users.list()));
    expect(error).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(apiRequests('/v2/users')).toHaveLength(3);
  });

  it('429 → waits as told by Retry-After, measured by the server', async () => {
    sandbox.faults.rateLimitNext(1, 2);
    const client = acme();
    const result = await client.validate();
    expect(result).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterSeconds: 2 } });
    sandbox.requests.length = 0;

    sandbox.faults.rateLimitNext(1, 2);
    const pages = await collect(client.users.list());
    expect(pages).toHaveLength(3);
    const [limited, retried] = apiRequests('/v2/users');
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(2000);
  });

  it('validate() while Gong has paused the key answers at once with the remaining wait (a person is waiting)', async () => {
    sandbox.faults.rateLimitNext(1, 30);
    const client = acme();
    expect(await client.validate()).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', retryAfterSeconds: 30 },
    });
    sandbox.requests.length = 0;
    const again = await client.validate();
    expect(again).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    if (!again.ok) expect(again.error.retryAfterSeconds).toBeGreaterThan(25);
    expect(apiRequests('/v2/users')).toHaveLength(0);
  });

  it('429 asking for a long wait fails at once with rate-limited and the wait', async () => {
    sandbox.faults.rateLimitNext(1, 3600);
    const client = acme();
    const error = await failure(collect(client.users.list()));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterSeconds: 3600 });
    // Later requests for the same credential do not even try until the wait is over.
    const again = await failure(collect(client.users.list()));
    expect(again).toMatchObject({ kind: 'rate-limited' });
    expect(again.retryAfterSeconds).toBeGreaterThan(3500);
    expect(apiRequests('/v2/users')).toHaveLength(1);
  });

  it('unreachable when nothing listens at the base URL', async () => {
    const closed = await startTestServer(() => {});
    await closed.close();
    const { accessKey, secretKey } = credential('acme');
    const g = gong({ defaultBaseUrl: closed.origin, allowedOrigins: [closed.origin] });
    const result = await g.validate({
      baseUrl: closed.origin,
      credentialId: 'x',
      auth: basicAuth(accessKey, secretKey),
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
  });

  it('budget-exhausted once the daily budget is spent, without sending more', async () => {
    const client = acme('primary', { dailyBudget: 2 });
    const error = await failure(collect(client.users.list()));
    expect(error.kind).toBe('budget-exhausted');
    expect(apiRequests('/v2/users')).toHaveLength(2);
  });

  it('a redirect from Gong is not followed', async () => {
    const target = await startTestServer((_req, res) => res.end('{}'));
    try {
      sandbox.faults.redirectNext(1, `${target.origin}/v2/users`);
      const error = await failure(
        collect(
          acme('primary', {
            allowedOrigins: [sandbox.clusters.standard!.origin, target.origin],
          }).users.list(),
        ),
      );
      expect(error).toMatchObject({ kind: 'bad-response', status: 302 });
      expect(target.connections).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('never puts the secret or the Authorization header in an error', async () => {
    const { accessKey, secretKey } = credential('acme', 'revoked');
    const header = `Basic ${btoa(`${accessKey}:${secretKey}`)}`;
    const errors: GongError[] = [];
    const client = acme('revoked');
    errors.push(await failure(collect(client.users.list())));
    sandbox.faults.failNext(5, 500);
    errors.push(await failure(collect(acme('revoked', { maxRetries: 0 }).users.list())));
    sandbox.faults.rateLimitNext(1, 999);
    errors.push(await failure(collect(client.users.list())));
    const { inspect } = await import('node:util');
    for (const error of errors) {
      const text = [
        error.message,
        error.stack,
        JSON.stringify(error),
        inspect(error, { showHidden: true }),
      ].join('\n');
      expect(text).not.toContain(secretKey);
      expect(text).not.toContain(header.slice(6));
    }
  });
});

describe('validate and the base URL rule', () => {
  it('tells a working key apart', async () => {
    const { accessKey, secretKey } = credential('acme');
    const result = await gong().validate({ credentialId: 'v', auth: basicAuth(accessKey, secretKey) });
    expect(result).toMatchObject({ ok: true, origin: sandbox.clusters.standard!.origin, usersSampled: 100 });
    expect(apiRequests('/v2/users')).toHaveLength(1);
  });

  it('a listener on a non-allowed origin receives no connection at all', async () => {
    const listener = await startTestServer((_req, res) => res.end('{}'));
    try {
      const { accessKey, secretKey } = credential('acme');
      const result = await gong().validate({
        baseUrl: listener.origin,
        credentialId: 'v',
        auth: basicAuth(accessKey, secretKey),
      });
      expect(result).toMatchObject({ ok: false, error: { kind: 'base-url-not-allowed' } });
      expect(() => gong().client({ baseUrl: listener.origin, credentialId: 'v', auth: () => 'x' })).toThrow(
        GongError,
      );
      expect(listener.connections).toBe(0);
    } finally {
      await listener.close();
    }
  });
});

describe('rate limiter against the sandbox', () => {
  it('never exceeds its rate over a burst of 100 requests', async () => {
    const rate = 20;
    const strict = await startGongSandbox({
      seed: 7,
      rateLimit: { perSecond: rate, perDay: 1_000_000 },
      tenants: [{ id: 'acme', name: 'Acme', cluster: 'standard', callCount: 1 }],
    });
    try {
      const { accessKey, secretKey } = strict.tenant('acme').credentials[0]!;
      const g = gong({
        defaultBaseUrl: strict.clusters.standard!.origin,
        allowedOrigins: [strict.clusters.standard!.origin],
        ratePerSecond: rate,
      });
      const client = g.client({ credentialId: 'burst', auth: basicAuth(accessKey, secretKey) });
      const results = await Promise.all(Array.from({ length: 100 }, () => client.validate()));
      expect(results.every((r) => r.ok)).toBe(true);

      const times = strict.requests.map((r) => r.at).sort((a, b) => a - b);
      expect(times).toHaveLength(100);
      expect(strict.requests.every((r) => r.status === 200)).toBe(true);
      for (let i = rate; i < times.length; i += 1) {
        // The request `rate` places later arrived at least one second after: never more than `rate` per second.
        expect(times[i]! - times[i - rate]!).toBeGreaterThanOrEqual(1000);
      }
    } finally {
      await strict.close();
    }
  }, 30_000);
});
