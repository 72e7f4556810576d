// The fixed security headers against Hono's secureHeaders() with the options Callmine used it with: the same names
// and values, so moving them into the request envelope changed nothing a browser sees.
import { createLogger } from '@callmine/logger';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../app-env.ts';
import { requestEnvelope } from './request-envelope.ts';
import { securityHeaders } from './security-headers.ts';

function honoReference(publicUrl: string) {
  return new Hono().use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: publicUrl.startsWith('https:') ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'same-origin',
    }),
  );
}

function enveloped(publicUrl: string, lines: string[] = []) {
  const logger = createLogger({
    service: 'test',
    level: 'info',
    destination: { write: (line: string) => lines.push(line) },
  });
  return new Hono<AppEnv>().use(requestEnvelope({ logger, headers: securityHeaders(publicUrl) }));
}

const sorted = (headers: Headers, without: string[] = []) =>
  [...headers.entries()].filter(([name]) => !without.includes(name)).sort();

describe('security headers', () => {
  it.each(['http://127.0.0.1:3000', 'https://callmine.example.com'])(
    'are exactly what Hono secureHeaders() sent (%s)',
    async (publicUrl) => {
      const reference = honoReference(publicUrl).get('/x', (c) => c.json({ ok: true }));
      const ours = enveloped(publicUrl).get('/x', (c) => c.json({ ok: true }));
      const expected = sorted((await reference.request('/x')).headers);
      const actual = await ours.request('/x');
      expect(sorted(actual.headers, ['x-request-id'])).toEqual(expected);
      expect(expected.some(([name]) => name === 'content-security-policy')).toBe(true);
      expect(expected.some(([name]) => name === 'strict-transport-security')).toBe(
        publicUrl.startsWith('https:'),
      );
    },
  );

  it('replace what a route set for the same name, on raw Responses and on errors too', async () => {
    const app = enveloped('http://127.0.0.1:3000')
      .get('/raw', () => new Response('{}', { headers: { 'x-frame-options': 'ALLOWALL' } }))
      .get('/boom', () => {
        throw new Error('boom');
      })
      .onError((_error, c) => c.json({ error: 'failed' }, 500));
    const raw = await app.request('/raw');
    expect(raw.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const failed = await app.request('/boom');
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});

describe('the request envelope', () => {
  it('sends back a plain caller request id, replaces an unsafe one, and logs one line per request', async () => {
    const lines: string[] = [];
    const app = enveloped('http://127.0.0.1:3000', lines).get('/x', (c) => c.text('ok'));
    const kept = await app.request('/x?token=hidden', { headers: { 'x-request-id': 'abc-123=' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123=');
    const replaced = await app.request('/x', { headers: { 'x-request-id': 'no spaces allowed' } });
    const id = replaced.headers.get('x-request-id') ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const logged = lines.map((line) => JSON.parse(line));
    expect(logged).toEqual([
      expect.objectContaining({ msg: 'request', requestId: 'abc-123=', path: '/x', status: 200 }),
      expect.objectContaining({
        msg: 'request',
        requestId: id,
        method: 'GET',
        userId: null,
        principal: null,
      }),
    ]);
    // The path only: a query string may carry a token.
    expect(lines.join('\n')).not.toContain('hidden');
  });
});
