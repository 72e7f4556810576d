import type { ServerResponse } from 'node:http';
import { disposable } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import { createGong } from './client.ts';
import { clientOnServer } from './test-support/client-on-server.ts';
import { type RecordedRequest, sendJson, startTestServer } from './test-support/http-server.ts';
import { failure } from './test-support/outcomes.ts';

// Client behaviour the sandbox cannot provoke: malformed answers, cursor loops, header rotation, configuration.

const setup = clientOnServer;

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
    await using harness = await setup((_req, res) => sendJson(res, 200, users(['1'])));
    const { client } = harness;
    const result = await client.users.list()[Symbol.asyncIterator]().next();
    expect(result.value?.items[0]).toMatchObject({ id: '1', someNewGongField: { nested: true } });
  });

  it('invalid JSON → bad-response', async () => {
    await using harness = await setup((_req, res) => res.end('<html>hello</html>'));
    const { client } = harness;
    expect(await failure(drain(client.users.list()))).toMatchObject({
      kind: 'bad-response',
      detail: 'invalid-json',
    });
  });

  it('a body of the wrong shape → bad-response naming only the path, never the value', async () => {
    await using harness = await setup((_req, res) =>
      sendJson(res, 200, { requestId: 'r', users: [{ id: 'leaky-value-123' }, { id: 42 }] }),
    );
    const { client } = harness;
    const error = await failure(drain(client.users.list()));
    expect(error).toMatchObject({ kind: 'bad-response', requestId: 'r', detail: 'schema:users.1.id' });
    expect(JSON.stringify(error.toLog()) + error.message).not.toContain('leaky');
  });

  it('400 → bad-response with Gong’s request id', async () => {
    await using harness = await setup((_req, res) =>
      sendJson(res, 400, { requestId: 'bad-1', errors: ['nope'] }),
    );
    const { client } = harness;
    expect(await failure(drain(client.users.list()))).toMatchObject({
      kind: 'bad-response',
      status: 400,
      requestId: 'bad-1',
    });
  });

  it('a cursor handed out twice stops the iteration instead of looping', async () => {
    await using harness = await setup((_req, res) => sendJson(res, 200, users(['1'], 'same')));
    const { client, server } = harness;
    expect(await failure(drain(client.users.list()))).toMatchObject({ detail: 'cursor-repeated' });
    expect(server.requests).toHaveLength(2);
  });

  it('follows cursors in the query string and keeps the other inputs unchanged', async () => {
    await using harness = await setup((req, res) => {
      const url = new URL(req.url, 'http://x');
      if (url.searchParams.get('cursor') === 'p2') return sendJson(res, 200, { records: {}, calls: [] });
      return sendJson(res, 200, { records: { cursor: 'p2' }, calls: [{ id: 'c1' }] });
    });
    const { client, server } = harness;
    await drain(client.calls.list({ fromDateTime: '2026-01-01T00:00:00Z', workspaceId: 'w1' }));
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v2/calls?fromDateTime=2026-01-01T00%3A00%3A00Z&workspaceId=w1',
      '/v2/calls?fromDateTime=2026-01-01T00%3A00%3A00Z&workspaceId=w1&cursor=p2',
    ]);
  });

  it('sends cursors in the POST body for transcripts', async () => {
    await using harness = await setup((req, res) => {
      const body = JSON.parse(req.body) as { cursor?: string };
      if (body.cursor === 'p2') return sendJson(res, 200, { records: {}, callTranscripts: [] });
      return sendJson(res, 200, {
        records: { cursor: 'p2' },
        callTranscripts: [{ callId: '1', transcript: [] }],
      });
    });
    const { client, server } = harness;
    await drain(client.transcripts.get(['1']));
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { filter: { callIds: ['1'] } },
      { cursor: 'p2', filter: { callIds: ['1'] } },
    ]);
  });

  it('429 without Retry-After retries after a backoff', async () => {
    let first = true;
    await using harness = await setup((_req, res) => {
      if (first) {
        first = false;
        return sendJson(res, 429, { errors: ['slow down'] });
      }
      return sendJson(res, 200, users(['1']));
    });
    const { client, server } = harness;
    await drain(client.users.list());
    expect(server.requests).toHaveLength(2);
  });
});

describe('credentials', () => {
  it('asks for the Authorization header on every request, so a rotated credential is used at once', async () => {
    const seen: string[] = [];
    await using server = await startTestServer((req: RecordedRequest, res: ServerResponse) => {
      seen.push(String(req.headers.authorization));
      sendJson(res, 200, users([String(seen.length)], seen.length < 3 ? `c${seen.length}` : undefined));
    });
    await using gong = disposable(
      createGong({
        defaultBaseUrl: server.origin,
        allowedOrigins: [server.origin],
        logger: { warn() {} },
      }),
    );
    let version = 0;
    const client = gong.client({ credentialId: 'c', auth: async () => `Bearer v${++version}` });
    await drain(client.users.list());
    expect(seen).toEqual(['Bearer v1', 'Bearer v2', 'Bearer v3']);
  });
});

describe('configuration', () => {
  it('warns at start-up when extra origins are allowed, and only then', async () => {
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message) };
    await using _plain = disposable(createGong({ logger }));
    expect(warnings).toEqual([]);
    await using _extra = disposable(createGong({ logger, allowedOrigins: ['http://127.0.0.1:4010'] }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('http://127.0.0.1:4010');
  });

  it('refuses a default base URL outside the rule', () => {
    expect(() => createGong({ defaultBaseUrl: 'https://evil.example' })).toThrow(/default Gong base URL/);
  });

  it('refuses a customer base URL outside the rule before any request', async () => {
    await using harness = await setup((_req, res) => sendJson(res, 200, users(['1'])));
    const { gong, server } = harness;
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
