import type { Server } from 'node:http';
import type { Http2SecureServer, Http2Server } from 'node:http2';

/**
 * Idle keep-alive connections stay open 65 s, not Node's 5 s. A client reuses an idle connection until its own
 * limit (a load balancer's idle timeout is commonly 60 s; Node's fetch trusts the server's `Keep-Alive: timeout`
 * hint less one second, checked on a coarse one-second timer); when the server closes first, a request sent at that
 * moment meets a closed socket and fails with no answer (nodejs/undici#3141). A component test saw it as "Can't
 * reach Callmine" at load 10. Headers may take as long, so a slow client's request is not cut by the shorter one.
 */
export function keepConnectionsOpen(server: Server | Http2Server | Http2SecureServer): void {
  if (!('keepAliveTimeout' in server)) return;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}
