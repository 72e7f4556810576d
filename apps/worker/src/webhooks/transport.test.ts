// The webhook transport's outbound rules, with the cases of Gong's transport and address-guard tests: nothing
// but an exactly listed development origin over http, inside addresses refused before any byte is sent (IP
// literals and host names that resolve inside), no redirects, a timeout, a size cap, and signatures that verify.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { disposable } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import { startWebhookReceiver, verifyCallmineWebhook } from '../testing/webhook-receiver.ts';
import { signWebhook, verifyWebhookSignature } from './signature.ts';
import { createWebhookTransport } from './transport.ts';

/** `await using t = transport(…)` closes its connection pool at scope end. */
const transport = (options: Parameters<typeof createWebhookTransport>[0]) =>
  disposable(createWebhookTransport(options));
/** A plain HTTP listener counting connections; `await using` closes it (and its open sockets). */
async function rawServer(handler: Parameters<typeof createServer>[1]) {
  const server: Server = createServer(handler);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    connections: () => connections,
    [Symbol.asyncDispose]: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const secret = 'whsec_test-secret-for-signing';
const post = (url: string, body = '{"id":"evt","type":"webhook.test"}') => {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    url,
    body,
    headers: {
      'callmine-webhook-id': 'whd_1',
      'callmine-webhook-timestamp': String(timestamp),
      'callmine-webhook-signature': signWebhook(secret, timestamp, body),
    },
  };
};

describe('webhook transport', () => {
  it('delivers to a listed development origin; the receiver verifies the signature, a tampered body fails', async () => {
    await using r = await startWebhookReceiver();
    r.secret = secret;
    await using t = transport({ allowedOrigins: [r.origin], timeoutMs: 2000 });
    const result = await t.post(post(r.url));
    expect(result).toMatchObject({ ok: true, status: 200 });
    const got = r.received[0]!;
    expect(got.verified).toBe(true);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.id).toBe('whd_1');
    // One changed byte, the same headers: refused by the receiver's check and by ours.
    const tampered = got.body.replace('webhook.test', 'webhook.tesT');
    expect(verifyCallmineWebhook(secret, got.headers, tampered)).toBe(false);
    expect(
      verifyWebhookSignature({ secret, body: tampered, timestamp: got.timestamp, signature: got.signature }),
    ).toBe(false);
    expect(
      verifyWebhookSignature({ secret, body: got.body, timestamp: got.timestamp, signature: got.signature }),
    ).toBe(true);
    // Another secret, or a replay older than 5 minutes, fails too.
    expect(verifyCallmineWebhook('whsec_other', got.headers, got.body)).toBe(false);
    expect(verifyCallmineWebhook(secret, got.headers, got.body, Number(got.timestamp) + 301)).toBe(false);
    expect(verifyCallmineWebhook(secret, got.headers, got.body, Number(got.timestamp) + 299)).toBe(true);
  });

  it('opens no connection to an http origin that is not listed', async () => {
    await using s = await rawServer((_req, res) => res.end('ok'));
    await using t = transport({ allowedOrigins: [], timeoutMs: 2000 });
    const result = await t.post(post(`${s.origin}/hook`));
    expect(result).toMatchObject({ ok: false, status: null, error: 'refused: address not allowed' });
    expect(s.connections()).toBe(0);
  });

  it.each([
    'https://127.0.0.1/hook',
    'https://10.0.0.1/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[fd00::1]/hook',
    'https://2130706433/hook',
    'https://0x7f000001/hook',
    'https://127.1/hook',
  ])('refuses the inside address %s before connecting', async (url) => {
    await using t = transport({ allowedOrigins: [], timeoutMs: 2000 });
    const result = await t.post(post(url));
    expect(result).toMatchObject({ ok: false, error: 'refused: address not allowed' });
  });

  it.each([
    [[{ address: '127.0.0.1', family: 4 }], 'loopback'],
    [
      [
        { address: '8.8.8.8', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ],
      'one inside address among public ones',
    ],
    [[{ address: '::ffff:10.0.0.1', family: 6 }], 'IPv4-mapped private'],
  ])('refuses a host name that resolves inside (%j: %s)', async (answer) => {
    await using t = transport({ allowedOrigins: [], timeoutMs: 2000, resolve: async () => answer });
    expect(await t.post(post('https://hooks.example.com/callmine'))).toMatchObject({
      ok: false,
      error: 'refused: address not allowed',
    });
  });

  it('does not follow a redirect: a 3xx is a failed attempt and the target is never contacted', async () => {
    await using target = await startWebhookReceiver();
    await using s = await rawServer((_req, res) => {
      res.writeHead(307, { location: target.url });
      res.end();
    });
    await using t = transport({ allowedOrigins: [s.origin, target.origin], timeoutMs: 2000 });
    expect(await t.post(post(`${s.origin}/hook`))).toMatchObject({
      ok: false,
      status: 307,
      error: 'redirect (HTTP 307) not followed',
    });
    expect(target.received).toHaveLength(0);
  });

  it('gives up after the timeout with a generic error', async () => {
    await using s = await rawServer(() => {
      // never answers
    });
    await using t = transport({ allowedOrigins: [s.origin], timeoutMs: 200 });
    const result = await t.post(post(`${s.origin}/hook`));
    expect(result).toMatchObject({ ok: false, status: null, error: 'timeout' });
  });

  it('reads at most the size cap of an answer and still records the status', async () => {
    await using s = await rawServer((_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 64; i += 1) res.write('x'.repeat(1024));
      res.end();
    });
    await using t = transport({ allowedOrigins: [s.origin], timeoutMs: 2000, maxResponseBytes: 1024 });
    const result = await t.post(post(`${s.origin}/hook`));
    expect(result).toMatchObject({ ok: true, status: 200 });
  });

  it('reports a 500 as a failed attempt with only the status, never the body', async () => {
    await using r = await startWebhookReceiver();
    r.answer = 500;
    await using t = transport({ allowedOrigins: [r.origin], timeoutMs: 2000 });
    const result = await t.post(post(r.url));
    expect(result).toEqual({ ok: false, status: 500, durationMs: expect.any(Number), error: 'HTTP 500' });
  });
});
