import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

// A tiny real listener on 127.0.0.1 for transport tests: counts TCP connections and records each request with the
// server's own arrival timestamp (rates are measured here, never by the client's wall clock).

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  readonly arrivedAt: number;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => void;

export interface TestServer {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
  /** `await using server = await startTestServer(…)` closes it (and its open sockets) at scope end. */
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startTestServer(
  handler: Handler,
  tls?: { key: string; cert: string },
): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        arrivedAt: performance.now(),
      };
      requests.push(recorded);
      handler(recorded, res);
    });
  };
  const server: Server = tls ? createTlsServer(tls, listener) : createServer(listener);
  const state = { connections: 0 };
  // Raw TCP connections, counted before any TLS handshake or HTTP parsing.
  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    get connections() {
      return state.connections;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
