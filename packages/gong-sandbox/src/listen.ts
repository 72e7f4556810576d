import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { ApiEnv } from './http/state.ts';

export interface Listener {
  origin: string;
  close(): Promise<void>;
}

/** Serves an app on host:port (0 = a free port) and resolves once it accepts connections. */
export function listen(app: Hono<ApiEnv>, host: string, port: number): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off('error', reject);
      const hostPart = host.includes(':') ? `[${host}]` : host;
      resolve({
        origin: `http://${hostPart}:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // Keep-alive sockets from fetch would hold close() open until they time out.
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
    // Idle connections stay open longer than a client keeps them (Node's default 5 s races a client reusing one at
    // that moment: its request meets a closed socket; nodejs/undici#3141), so a run's failures are Gong's faults
    // the tests plant, not this one.
    if ('keepAliveTimeout' in server) {
      server.keepAliveTimeout = 65_000;
      server.headersTimeout = 66_000;
    }
  });
}
