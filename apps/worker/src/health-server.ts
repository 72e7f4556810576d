// The worker's own health check, for a worker-only machine (CALLMINE_ROLE=worker) that has no HTTP server: GET
// /healthz answers 200 while the job loop runs and the database answers, 503 otherwise. Only with
// CALLMINE_WORKER_HEALTH_PORT set; it says nothing about jobs or tenants.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '@callmine/db';

export interface WorkerHealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startWorkerHealthServer(options: {
  host: string;
  port: number;
  database: Pick<Database, 'ping'>;
  isRunning: () => boolean;
}): Promise<WorkerHealthServer> {
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    if (request.method !== 'GET' || path !== '/healthz') {
      response.writeHead(404).end();
      return;
    }
    const answer = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (!options.isRunning()) {
      answer(503, { ok: false, role: 'worker', error: 'job loop not running' });
      return;
    }
    options.database.ping().then(
      () => answer(200, { ok: true, role: 'worker' }),
      () => answer(503, { ok: false, role: 'worker', error: 'database unavailable' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
