import { createGong, type GongOptions } from '../client.ts';
import { type Handler, startTestServer } from './http-server.ts';

/** A listener and a Gong client pointed at it; `await using` closes the client, then the listener. */
export async function clientOnServer(handler: Handler, options: GongOptions = {}) {
  const server = await startTestServer(handler);
  const gong = createGong({
    defaultBaseUrl: server.origin,
    allowedOrigins: [server.origin],
    logger: { warn: () => {} },
    random: () => 0,
    ratePerSecond: 100,
    ...options,
  });
  const client = gong.client({ credentialId: 'c', auth: () => 'Bearer t0k3n' });
  return {
    server,
    client,
    gong,
    async [Symbol.asyncDispose]() {
      await gong.close();
      await server.close();
    },
  };
}
