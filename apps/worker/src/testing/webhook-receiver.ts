// A local webhook receiver for tests: plain http on 127.0.0.1 (allowed through CALLMINE_WEBHOOK_ALLOWED_ORIGINS),
// recording every request and checking its signature exactly as the README's snippet tells receivers to.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  headers: IncomingHttpHeaders;
  /** Milliseconds since the receiver started, when the request arrived. */
  at: number;
  /** Whether the README's check (HMAC + 5-minute window) accepted it with the receiver's current secret. */
  verified: boolean;
  answered: number;
}

/** The README's verification, as a receiver writes it (node:crypto only). */
export function verifyCallmineWebhook(
  secret: string,
  headers: IncomingHttpHeaders,
  rawBody: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const timestamp = String(headers['callmine-webhook-timestamp'] ?? '');
  const signature = String(headers['callmine-webhook-signature'] ?? '');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
  return signature
    .split(' ')
    .some((s) => s.length === expected.length && timingSafeEqual(Buffer.from(s), Buffer.from(expected)));
}

export interface WebhookReceiver {
  origin: string;
  url: string;
  received: ReceivedWebhook[];
  /** The status to answer with next (default 200); a function gets the request number (0-based). */
  answer: number | ((n: number) => number);
  secret: string;
  /** The receiver's clock for the 5-minute check (tests on a pinned clock pass theirs). */
  nowSeconds: () => number;
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startWebhookReceiver(path = '/hooks/callmine'): Promise<WebhookReceiver> {
  const started = performance.now();
  const state = {
    received: [] as ReceivedWebhook[],
    answer: 200 as number | ((n: number) => number),
    secret: '',
    nowSeconds: () => Math.floor(Date.now() / 1000),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const n = state.received.length;
      const answered = typeof state.answer === 'function' ? state.answer(n) : state.answer;
      state.received.push({
        id: String(req.headers['callmine-webhook-id'] ?? ''),
        timestamp: String(req.headers['callmine-webhook-timestamp'] ?? ''),
        signature: String(req.headers['callmine-webhook-signature'] ?? ''),
        body,
        headers: req.headers,
        at: performance.now() - started,
        verified:
          state.secret !== '' && verifyCallmineWebhook(state.secret, req.headers, body, state.nowSeconds()),
        answered,
      });
      res.writeHead(answered, { 'content-type': 'text/plain' });
      res.end(answered < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const receiver: WebhookReceiver = {
    origin,
    url: `${origin}${path}`,
    get received() {
      return state.received;
    },
    get answer() {
      return state.answer;
    },
    set answer(value) {
      state.answer = value;
    },
    get secret() {
      return state.secret;
    },
    set secret(value) {
      state.secret = value;
    },
    get nowSeconds() {
      return state.nowSeconds;
    },
    set nowSeconds(value) {
      state.nowSeconds = value;
    },
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(state.received)) {
        if (Date.now() > deadline) {
          throw new Error(`webhook receiver: condition not met; got ${state.received.length} requests`);
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close,
    [Symbol.asyncDispose]: close,
  };
  return receiver;
}
