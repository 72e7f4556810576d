// Compression over real HTTP (node:http, which never decodes, so the test sees the bytes on the wire): the SPA's
// files precompressed by the web build's plugin and picked by Accept-Encoding, a large API answer compressed, a
// small one sent as it is.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { GongSandbox } from '@callmine/gong-sandbox';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../web/build/precompress.ts';
import { COMPRESS_THRESHOLD_BYTES } from '../middleware/compress-answers.ts';
import { spaRoutes } from '../routes/spa.ts';
import { type SandboxedServer, startSandboxedServer } from '../testing/sandboxed-server.ts';
import { seedReport } from '../testing/seed-report.ts';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const varies = (answer: RawAnswer) => /accept-encoding/i.test(String(answer.headers.vary ?? ''));

describe('the SPA, precompressed at build time', () => {
  let dist: string;
  let url: string;
  let close: () => Promise<void>;
  const script = `export const rows = [${Array.from({ length: 800 }, (_, i) => `{id:${i},name:"row ${i}"}`).join(',')}];\n`;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'callmine-spa-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><title>Callmine</title><script src="/assets/app.js"></script>',
    );
    writeFileSync(join(dist, 'assets/app.js'), script);
    // The same plugin `vite build` runs, on a dist of our own.
    const plugin = precompress() as unknown as {
      configResolved(config: { root: string; build: { outDir: string } }): void;
      closeBundle(): void;
    };
    plugin.configResolved({ root: dist, build: { outDir: '.' } });
    plugin.closeBundle();
    const app = new Hono().route('/', spaRoutes(dist));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    await close?.();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers brotli, then gzip, with the file the build wrote, and Vary: Accept-Encoding', async () => {
    const br = await rawGet(`${url}/assets/app.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(varies(br)).toBe(true);
    expect(br.body.equals(readFileSync(join(dist, 'assets/app.js.br')))).toBe(true);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 3);

    const gz = await rawGet(`${url}/assets/app.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(varies(gz)).toBe(true);
    expect(gunzipSync(gz.body).toString()).toBe(script);
  });

  it('answers the plain file to a client that accepts no encoding, still with Vary', async () => {
    const plain = await rawGet(`${url}/assets/app.js`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(varies(plain)).toBe(true);
    expect(plain.body.toString()).toBe(script);
  });
});

describe('API answers', () => {
  let env: SandboxedServer;
  let sandbox: GongSandbox;
  let reportId: string;
  let cookie: string;

  beforeAll(async () => {
    env = await startSandboxedServer();
    sandbox = env.sandbox;
    reportId = (await seedReport(env.server, sandbox, { calls: 10 })).id;
    cookie = [...env.adminFetch.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }, 60_000);
  afterAll(() => env?.close());

  const query = (path: string, input: unknown) =>
    `${env.server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;

  it('compresses a large report answer for a client that accepts it', async () => {
    const plain = await rawGet(query('reports.export', { id: reportId }), { cookie });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);

    const br = await rawGet(query('reports.export', { id: reportId }), {
      cookie,
      'accept-encoding': 'gzip, br',
    });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(varies(br)).toBe(true);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(JSON.parse(plain.body.toString()));

    const gz = await rawGet(query('reports.export', { id: reportId }), { cookie, 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it('sends a small answer as it is', async () => {
    const small = await rawGet(query('integrations.gong.get', {}), { cookie, 'accept-encoding': 'gzip, br' });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toHaveProperty('result.data');
  });
});
