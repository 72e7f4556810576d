import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createGong, type Gong, type GongOptions } from './client.ts';
import {
  type Handler,
  type RecordedRequest,
  sendJson,
  startTestServer,
  type TestServer,
} from './test-support/http-server.ts';
import { failure } from './test-support/outcomes.ts';

// Client behaviour the sandbox cannot provoke: malformed answers, cursor loops, header rotation, configuration.

const servers: TestServer[] = [];
const gongs: Gong[] = [];
afterEach(async () => {
  await Promise.all([...gongs.splice(0), ...servers.splice(0)].map((x) => x.close()));
});

async function setup(handler: Handler, options: GongOptions = {}) {
  const server = await startTestServer(handler);
  servers.push(server);
  const gong = createGong({
    defaultBaseUrl: server.origin,
    allowedOrigins: [server.origin],
    logger: { warn: () => {} },
    random: () => 0,
    ratePerSecond: 100,
    ...options,
  });
  gongs.push(gong);
  return { server, client: gong.client({ credentialId: 'c', auth: () => 'Bearer t0k3n' }), gong };
}

async function drain(pages: AsyncIterable<unknown>) {
  for await (const _ of pages);
}

const users = (ids: string[], cursor?: string) => ({
  requestId: 'req-1',
  records: {
    totalRecords: 9,
    currentPageSize: ids.length,
    currentPageNumber: 0,
    ...(cursor ? { cursor } : {}),
  },
  users: ids.map((id) => ({ id, emailAddress: `${id}@example.com`, someNewGongField: { nested: true } })),
});

describe('client responses', () => {
  it('keeps fields Gong adds (lenient parsing)', async () => {
    const { client } = await setup((_req, res) => sendJson(res, 200, users(['1'])));
    const result = await client.users.list()[Symbol.asyncIterator]().next();
    expect(result.value?.items[0]).toMatchObject({ id: '1', someNewGongField: { nested: true } });
  });

  it('invalid JSON → bad-response', async () => {
    const { client } = await setup((_req, res) => res.end('<html>hello</html>'));
    expect(await failure(drain(client.users.list()))).toMatchObject({
      kind: 'bad-response',
      detail: 'invalid-json',
    });
  });

  it('a body of the wrong shape → bad-response naming only the path, never the value', async () => {
    const { client } = await setup((_req, res) =>
      sendJson(res, 200, { requestId: 'r', users: [{ id: 'leaky-value-123' }, { id: 42 }] }),
    );
    const error = await failure(drain(client.users.list()));
    expect(error).toMatchObject({ kind: 'bad-response', requestId: 'r', detail: 'schema:users.1.id' });
    expect(JSON.stringify(error.toLog()) + error.message).not.toContain('leaky');
  });

  it('400 → bad-response with Gong’s request id', async () => {
    const { client } = await setup((_req, res) =>
      sendJson(res, 400, { requestId: 'bad-1', errors: ['nope'] }),
    );
    expect(await failure(drain(client.users.list()))).toMatchObject({
      kind: 'bad-response',
      status: 400,
      requestId: 'bad-1',
    });
  });

  it('a cursor handed out twice stops the iteration instead of looping', async () => {
    const { client, server } = await setup((_req, res) => sendJson(res, 200, users(['1'], 'same')));
    expect(await failure(drain(client.users.list()))).toMatchObject({ detail: 'cursor-repeated' });
    expect(server.requests).toHaveLength(2);
  });

  it('follows cursors in the query string and keeps the other inputs unchanged', async () => {
    const { client, server } = await setup((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.searchParams.get('cursor') === 'p2') return sendJson(res, 200, { records: {}, calls: [] });
      return sendJson(res, 200, { records: { cursor: 'p2' }, calls: [{ id: 'c1' }] });
    });
    await drain(client.calls.list({ fromDateTime: '2026-01-01T00:00:00Z', workspaceId: 'w1' }));
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v2/calls?fromDateTime=2026-01-01T00%3A00%3A00Z&workspaceId=w1',
      '/v2/calls?fromDateTime=2026-01-01T00%3A00%3A00Z&workspaceId=w1&cursor=p2',
    ]);
  });

  it('sends cursors in the POST body for transcripts', async () => {
    const { client, server } = await setup((req, res) => {
      const body = JSON.parse(req.body) as { cursor?: string };
      if (body.cursor === 'p2') return sendJson(res, 200, { records: {}, callTranscripts: [] });
      return sendJson(res, 200, {
        records: { cursor: 'p2' },
        callTranscripts: [{ callId: '1', transcript: [] }],
      });
    });
    await drain(client.transcripts.get(['1']));
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { filter: { callIds: ['1'] } },
      { cursor: 'p2', filter: { callIds: ['1'] } },
    ]);
  });

  it('429 without Retry-After retries after a backoff', async () => {
    let first = true;
    const { client, server } = await setup((_req, res) => {
      if (first) {
        first = false;
        return sendJson(res, 429, { errors: ['slow down'] });
      }
      return sendJson(res, 200, users(['1']));
    });
    await drain(client.users.list());
    expect(server.requests).toHaveLength(2);
  });
});

describe('credentials', () => {
  it('asks for the Authorization header on every request, so a rotated credential is used at once', async () => {
    const seen: string[] = [];
    const server = await startTestServer((req: RecordedRequest, res: ServerResponse) => {
      seen.push(String(req.headers.authorization));
      sendJson(res, 200, users([String(seen.length)], seen.length < 3 ? `c${seen.length}` : undefined));
    });
    servers.push(server);
    const gong = createGong({
      defaultBaseUrl: server.origin,
      allowedOrigins: [server.origin],
      logger: { warn() {} },
    });
    gongs.push(gong);
    let version = 0;
    const client = gong.client({ credentialId: 'c', auth: async () => `Bearer v${++version}` });
    await drain(client.users.list());
    expect(seen).toEqual(['Bearer v1', 'Bearer v2', 'Bearer v3']);
  });
});

describe('configuration', () => {
  it('warns at start-up when extra origins are allowed, and only then', () => {
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    gongs.push(createGong({ logger }));
    expect(warnings).toEqual([]);
    gongs.push(createGong({ logger, allowedOrigins: ['http://127.0.0.1:4010'] }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('http://127.0.0.1:4010');
  });

  it('refuses a default base URL outside the rule', () => {
    expect(() => createGong({ defaultBaseUrl: 'https://evil.example' })).toThrow(/default Gong base URL/);
  });

  it('refuses a customer base URL outside the rule before any request', async () => {
    const { gong, server } = await setup((_req, res) => sendJson(res, 200, users(['1'])));
    const error = (() => {
      try {
        gong.client({ baseUrl: 'https://api.gong.io.evil.com', credentialId: 'c', auth: () => 'x' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ kind: 'base-url-not-allowed', detail: 'host-not-allowed' });
    expect(server.connections).toBe(0);
  });
});
