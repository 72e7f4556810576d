import { isIP } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import { BlockedAddressError, guardedLookup, type Resolver } from './address-guard.ts';
import { isGongApiHost } from './base-url.ts';
import { startDeadline, wallCapMs } from './deadline.ts';
import { GongError } from './errors.ts';

// The only way packages/gong talks to the network. Rules that hold for every request, whatever the caller asks:
// - connect only to https Gong API hosts whose resolved addresses are all public (checked in the socket's own
//   lookup, so the address checked is the address connected to), or to an exactly listed development origin;
// - TLS verification always on (set explicitly, so NODE_TLS_REJECT_UNAUTHORIZED=0 cannot turn it off);
// - never follow a redirect: a 3xx is an error;
// - one deadline per request covering connect, headers and body; a cap on the response size, enforced while reading.
//   The deadline counts time this process was free to wait for Gong (deadline.ts), not time its event loop was
//   stalled or starved, so a busy worker does not time out answers that already arrived.

export interface TransportOptions {
  /** Exact development origins that skip the host rule and the address check (still no redirects, still timeouts). */
  readonly allowedOrigins?: readonly string[];
  /** Deadline for one request attempt, connect to last body byte. */
  readonly timeoutMs?: number;
  /** Largest response body accepted, in bytes. */
  readonly maxResponseBytes?: number;
  /** Tests only: replaces DNS for the address check. */
  readonly resolve?: Resolver;
}

export interface TransportRequest {
  readonly origin: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly json?: unknown;
  readonly authorization: string;
}

export interface TransportResponse {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly text: string;
}

export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
// A page of 100 transcripts of long calls runs to a few MB; 32 MiB leaves room without letting a hostile or broken
// server exhaust memory.
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

class BlockedOriginError extends Error {
  readonly code = 'EBLOCKEDORIGIN';
}

export function createTransport(options: TransportOptions = {}): Transport {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const devOrigins = new Set((options.allowedOrigins ?? []).map((origin) => new URL(origin).origin));

  // undici's own timers are wall-clock: they only back up the deadline below, at its wall-clock cap.
  const wallMs = wallCapMs(timeoutMs);
  const direct = buildConnector({ timeout: wallMs, rejectUnauthorized: true });
  const guarded = buildConnector({
    timeout: wallMs,
    rejectUnauthorized: true,
    lookup: guardedLookup(options.resolve),
  });

  const connect: buildConnector.connector = (target, callback) => {
    const origin = `${target.protocol}//${target.host}`;
    if (devOrigins.has(origin)) return direct(target, callback);
    // Defence in depth: the client already checked the base URL, but the transport refuses on its own too.
    if (target.protocol !== 'https:' || (target.port !== '' && target.port !== '443')) {
      return callback(new BlockedOriginError('origin not allowed'), null);
    }
    if (!isGongApiHost(target.hostname)) return callback(new BlockedOriginError('host not allowed'), null);
    // net.connect skips `lookup` for IP literals; the host rule already excludes them, check anyway.
    if (isIP(target.hostname) !== 0) return callback(new BlockedAddressError(), null);
    return guarded(target, callback);
  };

  const agent = new Agent({ connect, headersTimeout: wallMs, bodyTimeout: wallMs });

  return {
    async send(req) {
      const url = new URL(req.path, `${req.origin}/`);
      for (const [name, value] of Object.entries(req.query ?? {})) {
        if (value !== undefined) url.searchParams.set(name, value);
      }
      const headers: Record<string, string> = {
        authorization: req.authorization,
        accept: 'application/json',
        'user-agent': 'callmine-gong-client',
      };
      if (req.json !== undefined) headers['content-type'] = 'application/json';

      const deadline = new AbortController();
      const stopDeadline = startDeadline(timeoutMs, () => deadline.abort());
      try {
        const response = await request(url, {
          dispatcher: agent,
          method: req.method,
          headers,
          body: req.json === undefined ? null : JSON.stringify(req.json),
          signal: deadline.signal,
        });
        const { statusCode, body } = response;
        if (statusCode >= 300 && statusCode < 400) {
          discard(body);
          throw new GongError('bad-response', { status: statusCode, detail: 'redirect-not-followed' });
        }
        const declared = Number(header(response.headers, 'content-length'));
        if (Number.isFinite(declared) && declared > maxResponseBytes) {
          discard(body);
          throw new GongError('bad-response', { status: statusCode, detail: 'response-too-large' });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of body) {
          const buffer = chunk as Buffer;
          size += buffer.length;
          if (size > maxResponseBytes) {
            discard(body);
            throw new GongError('bad-response', { status: statusCode, detail: 'response-too-large' });
          }
          chunks.push(buffer);
        }
        return {
          status: statusCode,
          retryAfter: header(response.headers, 'retry-after'),
          text: Buffer.concat(chunks).toString('utf8'),
        };
      } catch (error) {
        if (error instanceof GongError) throw error;
        throw new GongError('unreachable', {
          detail: deadline.signal.aborted ? 'timeout' : networkCode(error),
        });
      } finally {
        stopDeadline();
      }
    },
    close: () => agent.close(),
  };
}

// Destroying an undici body emits an AbortError; nobody is reading it any more, so swallow that one event.
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => {});
  body.destroy();
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Only the error's code or class name survives: messages of lower layers may quote hosts or addresses, and nothing
// from them should reach a user (see errors.ts). Logs get e.g. 'ECONNREFUSED', 'EBLOCKEDADDRESS', 'UND_ERR_SOCKET'.
function networkCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code)) return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(name)) return name;
  }
  return 'unknown';
}
