// The GET-queries path against tRPC's own fetch handler: for every kind of request, the same status, headers and
// body, and the same onError and responseMeta calls; and the requests it must leave to tRPC, it leaves.
import { appRouter } from '@callmine/api';
import { initTRPC, TRPCError } from '@trpc/server';
import { type FetchHandlerRequestOptions, fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveGetQueries } from './trpc-get-queries.ts';

interface Ctx {
  user: string | null;
}

const t = initTRPC.context<Ctx>().create({
  isDev: false,
  errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, cause: error.cause?.message } }),
});
const router = t.router({
  hello: t.procedure.input(z.object({ name: z.string() }).optional()).query(({ input, ctx }) => ({
    greeting: `hello ${input?.name ?? 'you'}`,
    user: ctx.user,
  })),
  checked: t.procedure.output(z.object({ n: z.number() })).query(() => ({ n: 'not a number' }) as never),
  secret: t.procedure.query(({ ctx }) => {
    if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in.' });
    return { ok: true };
  }),
  boom: t.procedure.query(() => {
    throw new Error('database gone');
  }),
  stream: t.procedure.query(() => ({ later: Promise.resolve(1) })),
  nested: t.router({ leaf: t.procedure.query(() => 'leaf') }),
  change: t.procedure.mutation(() => 'changed'),
});

interface Recorded {
  status: number;
  headers: [string, string][];
  body: string;
  calls: unknown[];
}

type Options = FetchHandlerRequestOptions<typeof router>;

/** Runs one request through a handler, recording what the callbacks saw (minus the request object itself). */
async function run(
  handler: (opts: Options) => Promise<Response | undefined>,
  request: () => Request,
  setup: { failContext?: boolean; user?: string | null; meta?: boolean } = {},
): Promise<Recorded | undefined> {
  const calls: unknown[] = [];
  const opts: Options = {
    endpoint: '/trpc',
    req: request(),
    router,
    createContext: ({ resHeaders, info }) => {
      calls.push(['createContext', info.calls.map((call) => call.path), info.type, info.isBatchCall]);
      resHeaders.append('set-cookie', 'a=1; Path=/');
      resHeaders.append('set-cookie', 'b=2; Path=/');
      if (setup.failContext) throw new Error('no context today');
      return { user: setup.user ?? null };
    },
    responseMeta: ({ paths, errors, data, eagerGeneration, type, ctx }) => {
      calls.push(['responseMeta', paths, errors.map((e) => e.code), data, eagerGeneration, type, ctx]);
      if (!setup.meta) return {};
      return { status: errors.length > 0 ? 299 : 201, headers: new Headers({ 'x-meta': 'yes' }) };
    },
    onError: ({ error, path, input, type, ctx }) => {
      calls.push(['onError', error.code, error.message, path, input, type, ctx]);
    },
  };
  const response = await handler(opts);
  if (!response) return undefined;
  return { status: response.status, headers: [...response.headers], body: await response.text(), calls };
}

const url = (path: string) => `http://127.0.0.1/trpc/${path}`;
const get =
  (path: string, headers: Record<string, string> = {}) =>
  () =>
    new Request(url(path), { headers });
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

const sameAsTrpc: [string, () => Request, Parameters<typeof run>[2]][] = [
  ['one query', get('hello'), {}],
  ['one query with input', get(`hello?input=${input({ name: 'Ann' })}`), { user: 'u1' }],
  ['a batch', get(`hello,secret,nested.leaf?batch=1&input=${input({ 0: { name: 'B' } })}`), { user: 'u2' }],
  ['a batch, all failing', get('secret,boom?batch=1'), {}],
  ['a batch mixing answers and errors', get('hello,secret?batch=1'), {}],
  ['an error from the procedure', get('secret'), {}],
  ['an unexpected error', get('boom'), {}],
  ['bad input', get(`hello?input=${input({ name: 5 })}`), {}],
  ['input that is not JSON', get('hello?input=%7Bnope'), {}],
  ['a batch whose input is not an object', get(`hello?batch=1&input=${input([1])}`), {}],
  ['output that fails its schema', get('checked'), {}],
  ['a context that fails', get('hello'), { failContext: true }],
  ['a context that fails, batched', get('hello,nested.leaf?batch=1'), { failContext: true }],
  ['responseMeta status and headers', get('hello'), { meta: true }],
  ['responseMeta status and headers on an error', get('secret,hello?batch=1'), { meta: true }],
  ['a promise in the answer', get('stream'), {}],
  ['a promise in a batched answer', get('stream,hello?batch=1'), {}],
  ['an encoded path', get('nested%2Eleaf'), {}],
];

const leftToTrpc: [string, () => Request][] = [
  [
    'a mutation',
    () => new Request(url('change'), { method: 'POST', headers: { 'content-type': 'application/json' } }),
  ],
  ['a mutation sent as GET', get('change')],
  ['a query and a mutation in one batch', get('hello,change?batch=1')],
  ['an unknown procedure', get('nope')],
  ['an unknown procedure in a batch', get('hello,nope?batch=1')],
  ['HEAD', () => new Request(url('hello'), { method: 'HEAD' })],
  ['a streaming batch', get('hello?batch=1', { 'trpc-accept': 'application/jsonl' })],
  ['a streaming accept', get('hello?batch=1', { accept: 'application/jsonl' })],
  ['a path that is not URL-encoded right', get('hello%E0%A4%A')],
];

describe('GET queries without tRPC abort signals', () => {
  it.each(sameAsTrpc)('%s: the same answer and callbacks as tRPC', async (_name, request, setup) => {
    const fast = await run(resolveGetQueries, request, setup);
    const trpc = await run(fetchRequestHandler, request, setup);
    expect(fast).toBeDefined();
    expect(fast).toEqual(trpc);
  });

  it.each(leftToTrpc)('%s: left to tRPC, before any context is made', async (_name, request) => {
    let made = false;
    const answer = await resolveGetQueries({
      endpoint: '/trpc',
      req: request(),
      router,
      createContext: () => {
        made = true;
        return { user: null };
      },
    });
    expect(answer).toBeUndefined();
    expect(made).toBe(false);
  });

  it("keeps Callmine's own router's answers: error shape, reason and status", async () => {
    const requests = [
      get('integrations.gong.get'),
      get('integrations.gong.get,auth.session?batch=1'),
      get('setup.status'),
    ];
    for (const request of requests) {
      const opts = () => ({
        endpoint: '/trpc',
        req: request(),
        router: appRouter,
        createContext: () => ({
          deps: {} as never,
          headers: new Headers(),
          resHeaders: new Headers(),
          clientIp: undefined,
          session: null,
          memberships: undefined,
          bearer: { ok: false as const },
        }),
      });
      const fast = await resolveGetQueries(opts());
      const trpc = await fetchRequestHandler(opts());
      expect(fast).toBeDefined();
      expect([fast?.status, [...(fast?.headers ?? [])], await fast?.text()]).toEqual([
        trpc.status,
        [...trpc.headers],
        await trpc.text(),
      ]);
    }
  });

  it("builds the answer with the HTTP layer's headers, unless the context or responseMeta set one", async () => {
    const answerHeaders = (used: string[]) => ({
      headers: { 'x-frame-options': 'SAMEORIGIN', 'x-request-id': 'r1' },
      vary: 'Accept-Encoding',
      used: () => used.push('used'),
    });
    const opts = (request: () => Request, cookie: boolean): Options => ({
      endpoint: '/trpc',
      req: request(),
      router,
      createContext: ({ resHeaders }) => {
        if (cookie) resHeaders.append('set-cookie', 'a=1; Path=/');
        return { user: 'u1' };
      },
    });
    for (const request of [get('hello'), get('secret,hello?batch=1'), get('checked')]) {
      const used: string[] = [];
      const plain = await resolveGetQueries(opts(request, false), answerHeaders(used));
      const trpc = await fetchRequestHandler(opts(request, false));
      expect(used).toEqual(['used']);
      expect(plain?.status).toBe(trpc.status);
      expect(await plain?.text()).toBe(await trpc.text());
      expect(Object.fromEntries(plain?.headers ?? [])).toEqual({
        ...Object.fromEntries(trpc.headers),
        vary: 'trpc-accept, accept, Accept-Encoding',
        'x-frame-options': 'SAMEORIGIN',
        'x-request-id': 'r1',
      });

      const withCookie: string[] = [];
      const kept = await resolveGetQueries(opts(request, true), answerHeaders(withCookie));
      expect(withCookie).toEqual([]);
      expect([...(kept?.headers ?? [])]).toEqual([
        ...(await fetchRequestHandler(opts(request, true))).headers,
      ]);
    }
  });
});
