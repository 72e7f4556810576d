// A Callmine server whose Gong is the local sandbox: the default base URL is the sandbox's standard cluster and
// every sandbox origin is allowed (CALLMINE_GONG_ALLOWED_ORIGINS), exactly as a developer would run it.
import { type GongSandbox, type GongSandboxOptions, startGongSandbox } from '@callmine/gong-sandbox';
import type { ServerOverrides } from '../compose.ts';
import { apiClient } from './api-client.ts';
import { browserLikeFetch } from './browser-like-fetch.ts';
import { startTestServer, type TestServer } from './test-server.ts';

export const testAdmin = {
  name: 'Ada Admin',
  email: 'ada@example.com',
  password: 'ada long password',
  workspaceName: 'Acme',
};

export interface SandboxedServer {
  sandbox: GongSandbox;
  server: TestServer;
  /** Cookie jar of the signed-in owner. */
  adminFetch: ReturnType<typeof browserLikeFetch>;
  admin: ReturnType<typeof apiClient>;
  close(): Promise<void>;
  /** `await using env = await startSandboxedServer()` closes server then sandbox at scope end. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Registers Callmine as the sandbox's demo OAuth app (client id/secret, authorize and token URLs). */
export function sandboxOAuthEnv(sandbox: GongSandbox): Record<string, string> {
  return {
    CALLMINE_GONG_OAUTH_CLIENT_ID: sandbox.oauth.demoClient.clientId,
    CALLMINE_GONG_OAUTH_CLIENT_SECRET: sandbox.oauth.demoClient.clientSecret,
    CALLMINE_GONG_OAUTH_AUTHORIZE_URL: `${sandbox.appOrigin}/oauth2/authorize`,
    CALLMINE_GONG_OAUTH_TOKEN_URL: `${sandbox.appOrigin}/oauth2/generate-customer-token`,
  };
}

export async function startSandboxedServer(
  env: Record<string, string> | ((sandbox: GongSandbox) => Record<string, string>) = {},
  sandboxOptions: GongSandboxOptions = {},
  serverOverrides: ServerOverrides = {},
): Promise<SandboxedServer> {
  const sandbox = await startGongSandbox({ callsPerTenant: 10, ...sandboxOptions });
  const server = await startTestServer(
    {
      CALLMINE_GONG_DEFAULT_BASE_URL: sandbox.clusters.standard?.origin ?? '',
      CALLMINE_GONG_ALLOWED_ORIGINS: Object.values(sandbox.clusters)
        .map((c) => c.origin)
        .join(','),
      CALLMINE_GONG_TIMEOUT_MS: '1500',
      CALLMINE_GONG_CONNECT_ATTEMPTS_PER_MINUTE: '1000',
      ...(typeof env === 'function' ? env(sandbox) : env),
    },
    serverOverrides,
  );
  const adminFetch = browserLikeFetch(server.url);
  const admin = apiClient(server.url, adminFetch);
  await admin.setup.createOwner.mutate(testAdmin);
  const close = async () => {
    await server.close();
    await sandbox.close();
  };
  return { sandbox, server, adminFetch, admin, close, [Symbol.asyncDispose]: close };
}
