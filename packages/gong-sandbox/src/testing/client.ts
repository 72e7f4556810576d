import type { GongSandbox, SandboxCredential, SandboxTenant } from '../index.ts';

// A few lines of fetch for the sandbox's own tests: real HTTP, no client library in between.

export const NO_LIMITS = { perSecond: 1_000_000, perDay: 1_000_000_000 };

export function basicAuth(credential: Pick<SandboxCredential, 'accessKey' | 'secretKey'>): string {
  return `Basic ${Buffer.from(`${credential.accessKey}:${credential.secretKey}`).toString('base64')}`;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // Tests read whatever the JSON holds; a response schema here would duplicate the client's.
  body: Record<string, unknown> & { requestId?: string; errors?: string[] };
}

export async function call(
  origin: string,
  path: string,
  options: { authorization?: string; body?: unknown; method?: string } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (options.authorization) headers.authorization = options.authorization;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, origin), {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    redirect: 'manual',
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

/** Calls as the tenant's primary (full-permission) key on its own cluster. */
export function asTenant(sandbox: GongSandbox, tenantId: string) {
  const tenant: SandboxTenant = sandbox.tenant(tenantId);
  const credential = tenant.credentials.find((c) => c.permission === 'full' && !c.revoked);
  if (!credential) throw new Error(`tenant ${tenantId} has no usable key`);
  const authorization = basicAuth(credential);
  return {
    tenant,
    get: (path: string) => call(tenant.baseUrl, path, { authorization }),
    post: (path: string, body: unknown) => call(tenant.baseUrl, path, { authorization, body }),
  };
}
