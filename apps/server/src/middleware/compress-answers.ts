// API answers compressed when large (a report's answer is tens of KB of JSON; a status answer is a few hundred
// bytes, where compression would cost more CPU than it saves bytes). Hono's compress() cannot apply its threshold to
// tRPC's answers, which carry no Content-Length, so this reads the (already complete, never streamed: the clients
// use httpBatchLink) body and decides on its size, unless the tRPC route already said how big the answer is: then a
// small answer is left alone (reading a body back turns it into a stream, which @hono/node-server then pumps through
// its slow path). Brotli at a low quality is both smaller and faster than gzip.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Answers smaller than this go out as they are. */
export const COMPRESS_THRESHOLD_BYTES = 2048;

const COMPRESSIBLE = /^(application\/json|text\/)/;

export function compressAnswers(threshold = COMPRESS_THRESHOLD_BYTES): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    // A small answer whose route set its final headers (Vary included): nothing to add, nothing to compress, and
    // reading its headers would build a Headers object from them.
    const known = c.get('answerBytes');
    if (c.get('headersComplete') === true && known !== undefined && known < threshold) return;
    const res = c.res;
    if (c.req.method === 'HEAD' || res.headers.has('content-encoding')) return;
    if (!COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
    if (!/accept-encoding/i.test(res.headers.get('vary') ?? ''))
      res.headers.append('vary', 'Accept-Encoding');
    const encoding = pickEncoding(c.req.header('accept-encoding'));
    // The tRPC route's size when it knew it; a small answer's body is never touched (see answerBytes).
    const length = known ?? Number(res.headers.get('content-length') ?? Number.NaN);
    if (!encoding || length < threshold || !res.body) return;
    const body = Buffer.from(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    let out: Buffer = body;
    if (body.length >= threshold) {
      out =
        encoding === 'br'
          ? await brotliAsync(body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 4,
                [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            })
          : await gzipAsync(body, { level: 6 });
      headers.set('content-encoding', encoding);
    }
    headers.set('content-length', String(out.length));
    // Replaced whole (c.res = … would merge the old headers back in, Content-Length among them).
    c.res = undefined;
    c.res = new Response(new Uint8Array(out), { status: res.status, statusText: res.statusText, headers });
  };
}

/** br when the client takes it, else gzip; q=0 refuses an encoding. */
function pickEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  if (!header) return undefined;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return undefined;
}
