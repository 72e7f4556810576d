// Compression over real HTTP (node:http, which never decodes, so the test sees the bytes on the wire): the SPA's
// files precompressed by the web build's plugin and picked by Accept-Encoding, a large API answer compressed, a
// small one sent as it is.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { sharedResource } from '@callmine/testing';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../web/build/precompress.ts';
import { COMPRESS_THRESHOLD_BYTES } from '../middleware/compress-answers.ts';
import { spaRoutes } from '../routes/spa.ts';
import { startSandboxedServer } from '../testing/sandboxed-server.ts';
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

/** The SPA routes on a dist of our own, built by the same plugin `vite build` runs; disposing removes both. */
async function startSpa(script: string) {
  const dist = mkdtempSync(join(tmpdir(), 'callmine-spa-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><title>Callmine</title><script src="/assets/app.js"></script>',
  );
  writeFileSync(join(dist, 'assets/app.js'), script);
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
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    dist,
    url,
    async [Symbol.asyncDispose]() {
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

describe('the SPA, precompressed at build time', () => {
  const script = `export const rows = [${Array.from({ length: 800 }, (_, i) => `{id:${i},name:"row ${i}"}`).join(',')}];\n`;
  const spa = sharedResource(() => startSpa(script));

  it('answers brotli, then gzip, with the file the build wrote, and Vary: Accept-Encoding', async () => {
    const br = await rawGet(`${spa.url}/assets/app.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(varies(br)).toBe(true);
    expect(br.body.equals(readFileSync(join(spa.dist, 'assets/app.js.br')))).toBe(true);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 3);

    const gz = await rawGet(`${spa.url}/assets/app.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(varies(gz)).toBe(true);
    expect(gunzipSync(gz.body).toString()).toBe(script);
  });

  it('answers the plain file to a client that accepts no encoding, still with Vary', async () => {
    const plain = await rawGet(`${spa.url}/assets/app.js`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(varies(plain)).toBe(true);
    expect(plain.body.toString()).toBe(script);
  });
});

describe('API answers', () => {
  const env = sharedResource(() => startSandboxedServer(), 60_000);
  let reportId: string;
  let cookie: string;

  beforeAll(async () => {
    reportId = (await seedReport(env.server, env.sandbox, { calls: 10 })).id;
    cookie = [...env.adminFetch.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }, 60_000);

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
