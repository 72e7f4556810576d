import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disposable } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import { guardedLookup } from './address-guard.ts';
import { sendJson, startTestServer } from './test-support/http-server.ts';
import { failure } from './test-support/outcomes.ts';
import { createTransport } from './transport.ts';

/** `await using t = transport(…)` closes its connection pool at scope end. */
const transport = (...args: Parameters<typeof createTransport>) => disposable(createTransport(...args));
const get = (origin: string) =>
  ({ origin, method: 'GET', path: '/v2/users', authorization: 'Basic dGVzdDp0ZXN0' }) as const;

describe('transport', () => {
  it('talks to an allowed development origin and sends the Authorization header there', async () => {
    await using s = await startTestServer((_req, res) => sendJson(res, 200, { ok: true }));
    await using t = transport({ allowedOrigins: [s.origin] });
    const response = await t.send({ ...get(s.origin), query: { cursor: 'abc', none: undefined } });
    expect(response).toMatchObject({ status: 200, text: '{"ok":true}' });
    expect(s.requests[0]).toMatchObject({ url: '/v2/users?cursor=abc' });
    expect(s.requests[0]?.headers.authorization).toBe('Basic dGVzdDp0ZXN0');
  });

  it('opens no connection at all to an origin that is neither Gong nor listed', async () => {
    await using s = await startTestServer((_req, res) => sendJson(res, 200, {}));
    await using t = transport({ allowedOrigins: [] });
    const error = await failure(t.send(get(s.origin)));
    expect(error.kind).toBe('unreachable');
    expect(error.detail).toBe('EBLOCKEDORIGIN');
    expect(s.connections).toBe(0);
  });

  it('refuses a Gong host name that resolves to an inside address', async () => {
    await using t = transport({ resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const error = await failure(t.send(get('https://us-1.api.gong.io')));
    expect(error).toMatchObject({ kind: 'unreachable', detail: 'EBLOCKEDADDRESS' });
  });

  it('the guarded lookup stops a real socket that a plain lookup would let through', async () => {
    await using s = await startTestServer((_req, res) => sendJson(res, 200, {}));
    const port = Number(new URL(s.origin).port);
    const rebinding = async () => [{ address: '127.0.0.1', family: 4 }];
    const attempt = (lookup: net.LookupFunction) =>
      new Promise<string>((resolve) => {
        const socket = net.connect({ host: 'us-1.api.gong.io', port, lookup });
        socket.on('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
    const plain: net.LookupFunction = (_host, options, callback) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
    expect(await attempt(plain)).toBe('connected');
    expect(s.connections).toBe(1);
    expect(await attempt(guardedLookup(rebinding) as net.LookupFunction)).toBe('EBLOCKEDADDRESS');
    expect(s.connections).toBe(1);
  });

  it('does not follow a redirect', async () => {
    await using target = await startTestServer((_req, res) => sendJson(res, 200, { stolen: true }));
    await using s = await startTestServer((_req, res) => {
      res.writeHead(302, { location: `${target.origin}/v2/users` });
      res.end();
    });
    await using t = transport({ allowedOrigins: [s.origin, target.origin] });
    const error = await failure(t.send(get(s.origin)));
    expect(error).toMatchObject({ kind: 'bad-response', status: 302, detail: 'redirect-not-followed' });
    expect(target.connections).toBe(0);
    expect(target.requests).toHaveLength(0);
  });

  it('gives up after the timeout with the generic unreachable error', async () => {
    await using s = await startTestServer(() => {
      // never answers
    });
    await using t = transport({ allowedOrigins: [s.origin], timeoutMs: 150 });
    const error = await failure(t.send(get(s.origin)));
    expect(error).toMatchObject({ kind: 'unreachable', detail: 'timeout' });
  });

  it('caps the response size while reading, declared or not', async () => {
    const big = 'x'.repeat(4096);
    await using declared = await startTestServer((_req, res) => sendJson(res, 200, { big }));
    await using chunked = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 8; i += 1) res.write(big.slice(0, 512));
      res.end();
    });
    await using t = transport({ allowedOrigins: [declared.origin, chunked.origin], maxResponseBytes: 1024 });
    expect(await failure(t.send(get(declared.origin)))).toMatchObject({
      kind: 'bad-response',
      detail: 'response-too-large',
    });
    expect(await failure(t.send(get(chunked.origin)))).toMatchObject({
      kind: 'bad-response',
      detail: 'response-too-large',
    });
  });

  it('says the same thing for refused, blocked and timed-out connections (no port-scanning oracle)', async () => {
    const closed = await startTestServer(() => {});
    const closedOrigin = closed.origin;
    await closed.close();
    await using t = transport({ allowedOrigins: [closedOrigin] });
    const refused = await failure(t.send(get(closedOrigin)));
    await using unlisted = transport();
    const blocked = await failure(unlisted.send(get('http://10.0.0.1')));
    expect(refused.detail).toBe('ECONNREFUSED');
    expect(refused.kind).toBe(blocked.kind);
    expect(refused.message).toBe(blocked.message);
    expect(Object.keys(refused)).toEqual(Object.keys(blocked));
  });

  it('verifies TLS even for a listed development origin, whatever NODE_TLS_REJECT_UNAUTHORIZED says', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gong-tls-'));
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
      ]),
      { stdio: 'ignore', cwd: dir },
    );
    await using s = await startTestServer((_req, res) => sendJson(res, 200, {}), {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    });
    await using t = transport({ allowedOrigins: [s.origin] });
    // The process-wide switch that disables verification must not reach this client.
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    const error = await failure(t.send(get(s.origin))).finally(() => {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
    });
    expect(error.kind).toBe('unreachable');
    expect(error.detail).toMatch(/SELF_SIGNED|CERT/);
    expect(s.requests).toHaveLength(0);
  });
});
