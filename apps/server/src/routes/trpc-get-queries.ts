// GET queries (one call or a batch) without tRPC's abort-signal plumbing. tRPC's resolveResponse makes every request
// build the fetch Request's AbortSignal, two AbortControllers and two AbortSignal.any per call; on Node 20 each
// costs tens of microseconds, together more than the rest of a status query. No query here reads its signal (only
// subscriptions and streams would), so for the requests this answers that work buys nothing.
//
// Everything else is tRPC's own: getRequestInfo parses path, batch and input; the procedure runs its middlewares,
// input and output validation; getErrorShape, transformTRPCResponse and getHTTPStatusCode shape the answer, in the
// same order and with the same onError and responseMeta calls as resolveResponse's non-streaming branch (tRPC
// 11.22, src/unstable-core-do-not-import/http/resolveResponse.ts). Anything else (another method, HEAD, a
// streaming accept, a parse error, an unknown procedure, a mutation or subscription) is left to tRPC, decided
// before the context is created, so nothing runs twice. trpc-get-queries.test.ts compares both paths byte for byte.
import type { AnyRouter, TRPCError } from '@trpc/server';
import type { FetchHandlerRequestOptions } from '@trpc/server/adapters/fetch';
import {
  getAcceptHeader,
  getErrorShape,
  getHTTPStatusCode,
  getRequestInfo,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  isPromise,
  TRPCError as TRPCErrorClass,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';

type Options<TRouter extends AnyRouter> = FetchHandlerRequestOptions<TRouter>;
type Info = Awaited<ReturnType<typeof getRequestInfo>>;
type Outcome = [TRPCError, undefined] | [undefined, { data: unknown }];

const trimSlashes = (path: string) => path.replace(/^\//, '').replace(/\/$/, '');

/**
 * Headers every answer of the HTTP layer carries (security headers, a request id, the Vary its compression adds):
 * when given, and neither createContext nor responseMeta set a header, the answer is built with them as one plain
 * object (which @hono/node-server writes as it is) instead of a Headers object the HTTP layer fills one by one.
 */
export interface AnswerHeaders {
  headers: Readonly<Record<string, string>>;
  /** The Vary values the HTTP layer adds after tRPC's own (`trpc-accept, accept`). */
  vary: string;
  /** Called when the answer was built with them. */
  used: () => void;
}

/**
 * Told the answer body's size in bytes, once it is built (for the HTTP layer's compression decision: cheaper than
 * a responseMeta that stringifies the answer a second time to learn it).
 */
export type BodyBytes = (bytes: number) => void;

/** The answer for a GET of queries, or undefined when tRPC's own handler must answer the request. */
export async function resolveGetQueries<TRouter extends AnyRouter>(
  opts: Options<TRouter>,
  answerHeaders?: AnswerHeaders,
  bodyBytes?: BodyBytes,
): Promise<Response | undefined> {
  const { req, router } = opts;
  if (req.method !== 'GET' || getAcceptHeader(req.headers) === 'application/jsonl') return undefined;
  if (opts.allowBatching === false || opts.batching?.enabled === false) return undefined;
  const url = new URL(req.url);
  const rawPath = trimSlashes(trimSlashes(url.pathname).slice(trimSlashes(opts.endpoint).length));
  let info: Info;
  try {
    info = await getRequestInfo({
      // Without the signal, which getRequestInfo copies into the info (node-server builds it on first read).
      req: { method: req.method, headers: req.headers, signal: undefined } as unknown as Request,
      path: decodeURIComponent(rawPath),
      router,
      searchParams: url.searchParams,
      headers: req.headers,
      url,
      maxBatchSize: opts.maxBatchSize,
    });
  } catch {
    return undefined;
  }
  if (info.calls.some((call) => call.procedure?._def.type !== 'query')) return undefined;
  // The same signal for createContext and responseMeta, should either read it.
  Object.defineProperty(info, 'signal', { get: () => req.signal, enumerable: true });
  return answer(opts, info, answerHeaders, bodyBytes);
}

async function answer<TRouter extends AnyRouter>(
  opts: Options<TRouter>,
  info: Info,
  answerHeaders: AnswerHeaders | undefined,
  bodyBytes: BodyBytes | undefined,
): Promise<Response> {
  const { req, router } = opts;
  const config = router._def._config;
  // fetchRequestHandler's: what createContext sets (cookies) reaches the answer through responseMeta.
  const resHeaders = new Headers();
  let ctxResult: [unknown, undefined] | [undefined, unknown] | undefined;
  const ctxValue = () => ctxResult?.[1];
  try {
    ctxResult = [undefined, await opts.createContext?.({ req, resHeaders, info })];
  } catch (cause) {
    ctxResult = [getTRPCErrorFromUnknown(cause), undefined];
  }
  const onError = (error: TRPCError, path: string | undefined, input: unknown) =>
    opts.onError?.({ error, path, input, ctx: ctxValue() as never, type: info.type, req });
  // Whether createContext or responseMeta set a header (a cookie, say): then the answer keeps its Headers object.
  let extraHeaders = false;
  const responseMeta = (errors: TRPCError[], data: unknown[]) => {
    const meta = opts.responseMeta?.({
      ctx: ctxValue() as never,
      info,
      paths: info.calls.map((call) => call.path),
      data: data as never,
      errors,
      eagerGeneration: false,
      type: 'query',
    });
    if (meta?.headers) appendHeaders(resHeaders, meta.headers);
    for (const _ of resHeaders.keys()) {
      extraHeaders = true;
      break;
    }
    return meta?.status;
  };
  /** The answer: with the HTTP layer's plain headers when it gave some and nothing else was set. */
  const respond = (body: string, status: number): Response => {
    bodyBytes?.(Buffer.byteLength(body));
    if (!answerHeaders || extraHeaders) {
      // tRPC's own headers, then what createContext and responseMeta set (built only when needed: a Headers object
      // per request is a measurable share of a status poll).
      const headers = new Headers([
        ['vary', 'trpc-accept, accept'],
        ['content-type', 'application/json'],
      ]);
      for (const [key, value] of resHeaders.entries()) headers.append(key, value);
      return new Response(body, { status, headers });
    }
    answerHeaders.used();
    return new Response(body, {
      status,
      headers: {
        ...answerHeaders.headers,
        vary: `trpc-accept, accept, ${answerHeaders.vary}`,
        'content-type': 'application/json',
      },
    });
  };
  const outcomes = info.calls.map(async (call): Promise<Outcome> => {
    try {
      const [ctxError, ctx] = ctxResult ?? [undefined, undefined];
      if (ctxError) throw ctxError;
      // resolveGetQueries admitted only calls with a query procedure.
      const procedure = call.procedure!;
      const data = await procedure({
        path: call.path,
        getRawInput: call.getRawInput,
        ctx,
        type: 'query',
        signal: undefined,
        batchIndex: call.batchIndex,
      });
      return [undefined, { data }];
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      onError(error, call.path, call.result());
      return [error, undefined];
    }
  });
  const shape = (error: TRPCError, call: Info['calls'][number] | undefined) => ({
    error: getErrorShape({
      config,
      ctx: ctxValue(),
      error,
      input: call?.result(),
      path: call?.path,
      type: info.type,
    }),
  });
  try {
    if (!info.isBatchCall) {
      const [call] = info.calls;
      const [error, result] = await (outcomes[0] as Promise<Outcome>);
      if (isDataStream(result?.data)) throw streamInPlainResponse();
      const json = error ? shape(error, call) : { result: { data: result?.data } };
      const status = responseMeta(error ? [error] : [], [json]) || getHTTPStatusCode([json]);
      return respond(JSON.stringify(transformTRPCResponse(config, json)), status);
    }
    const results = (await Promise.all(outcomes)).map((outcome): Outcome => {
      const [error, result] = outcome;
      if (error) return outcome;
      return isDataStream(result.data) ? [streamInPlainResponse(), undefined] : outcome;
    });
    const json = results.map(([error, result], index) =>
      error ? shape(error, info.calls[index]) : { result: { data: result?.data } },
    );
    const errors = results.flatMap(([error]) => (error ? [error] : []));
    const status = responseMeta(errors, json) || getHTTPStatusCode(json);
    return respond(JSON.stringify(transformTRPCResponse(config, json)), status);
  } catch (cause) {
    // resolveResponse's outer catch: the one error for the whole request.
    const error = getTRPCErrorFromUnknown(cause);
    onError(error, undefined, undefined);
    const json = {
      error: getErrorShape({
        config,
        error,
        type: info.type,
        path: undefined,
        input: undefined,
        ctx: ctxValue(),
      }),
    };
    const status = responseMeta([error], [json]) || getHTTPStatusCode(json);
    return respond(JSON.stringify(transformTRPCResponse(config, json)), status);
  }
}

function streamInPlainResponse() {
  return new TRPCErrorClass({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
  });
}

/** resolveResponse's test for an answer that only a streaming response can carry. */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  return Object.values(value).some(isPromise) || Object.values(value).some(isAsyncIterable);
}

/** fetchRequestHandler's merge of responseMeta's headers. */
function appendHeaders(target: Headers, source: Headers | Record<string, string | string[] | undefined>) {
  if (source instanceof Headers) {
    for (const [key, value] of source.entries()) target.append(key, value);
    return;
  }
  for (const [key, value] of Object.entries(source)) {
    if (Array.isArray(value)) for (const v of value) target.append(key, v);
    else if (typeof value === 'string') target.set(key, value);
  }
}
