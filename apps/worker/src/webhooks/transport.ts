// The only way a webhook leaves Callmine. The same outbound rules as Gong's transport (packages/gong/transport.ts),
// with its address guard: https only, except origins listed exactly for development; the resolved address must be
// public (checked in the socket's own lookup, so the address checked is the one connected to); TLS verification on;
// no redirects (a 3xx is a failed attempt); one deadline per attempt; the response read up to a size cap, then dropped.
import { isIP } from 'node:net';
import {
  BlockedAddressError,
  guardedLookup,
  isPublicAddress,
  type Resolver,
} from '@callmine/gong/address-guard';
import { Agent, buildConnector, request } from 'undici';

export interface WebhookTransportOptions {
  allowedOrigins: readonly string[];
  timeoutMs: number;
  /** Largest response body read (and discarded); a receiver has nothing to tell us beyond its status. */
  maxResponseBytes?: number;
  /** Tests only: replaces DNS for the address check. */
  resolve?: Resolver;
}

export interface WebhookPost {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** `error` is generic on purpose: it is shown to admins and logged, so it never names a host, address or body. */
export type WebhookAttempt =
  | { ok: true; status: number; durationMs: number }
  | { ok: false; status: number | null; durationMs: number; error: string };

export interface WebhookTransport {
  post(input: WebhookPost): Promise<WebhookAttempt>;
  close(): Promise<void>;
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

class BlockedOriginError extends Error {
  readonly code = 'EBLOCKEDORIGIN';
}

export function createWebhookTransport(options: WebhookTransportOptions): WebhookTransport {
  const { timeoutMs } = options;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const devOrigins = new Set(options.allowedOrigins.map((origin) => new URL(origin).origin));
  const direct = buildConnector({ timeout: timeoutMs, rejectUnauthorized: true });
  const guarded = buildConnector({
    timeout: timeoutMs,
    rejectUnauthorized: true,
    lookup: guardedLookup(options.resolve),
  });

  const connect: buildConnector.connector = (target, callback) => {
    if (devOrigins.has(`${target.protocol}//${target.host}`)) return direct(target, callback);
    if (target.protocol !== 'https:') return callback(new BlockedOriginError('origin not allowed'), null);
    // net.connect skips `lookup` for IP literals: check those here.
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) !== 0 && !isPublicAddress(host)) return callback(new BlockedAddressError(), null);
    return guarded(target, callback);
  };
  const agent = new Agent({ connect, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });

  return {
    async post(input) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), timeoutMs);
      try {
        const response = await request(input.url, {
          dispatcher: agent,
          method: 'POST',
          headers: {
            ...input.headers,
            'content-type': 'application/json',
            'user-agent': 'callmine-webhooks',
          },
          body: input.body,
          signal: deadline.signal,
        });
        const status = response.statusCode;
        let size = 0;
        for await (const chunk of response.body) {
          size += (chunk as Buffer).length;
          if (size > maxResponseBytes) {
            discard(response.body);
            break;
          }
        }
        if (status >= 200 && status < 300) return { ok: true, status, durationMs: elapsed() };
        const error =
          status >= 300 && status < 400 ? `redirect (HTTP ${status}) not followed` : `HTTP ${status}`;
        return { ok: false, status, durationMs: elapsed(), error };
      } catch (error) {
        return {
          ok: false,
          status: null,
          durationMs: elapsed(),
          error: failureText(error, deadline.signal.aborted),
        };
      } finally {
        clearTimeout(timer);
      }
    },
    // Idempotent: the worker's close() may run twice (a signal during a test's own close).
    close: async () => {
      if (agent.closed || agent.destroyed) return;
      await agent.close();
    },
  };
}

function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => {});
  body.destroy();
}

// Only a fixed sentence per kind of failure: lower layers' messages may quote hosts or addresses.
function failureText(error: unknown, timedOut: boolean): string {
  if (timedOut) return 'timeout';
  const code = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  if (code === 'EBLOCKEDADDRESS' || code === 'EBLOCKEDORIGIN') return 'refused: address not allowed';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (typeof code === 'string' && code.startsWith('UND_ERR_') && code.includes('TIMEOUT')) return 'timeout';
  if (typeof code === 'string' && /CERT|TLS|SSL/.test(code)) return 'TLS error';
  return 'network error';
}
