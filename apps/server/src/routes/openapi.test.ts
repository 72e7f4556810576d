// /docs/openapi.json over real HTTP: a standard OpenAPI 3.1 validator accepts it, it follows the router (every
// procedure an API token may call, nothing else), and it describes tRPC's real HTTP shapes. The walk that calls
// every query it describes on a seeded server is packages/client/src/openapi-walk.test.ts.
import { type ApiReference, appRouter } from '@callmine/api';
import { sharedResource } from '@callmine/testing';
import { compileErrors, validate } from '@readme/openapi-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/test-server.ts';

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; required: boolean; content: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  security: unknown[];
  responses: Record<
    string,
    { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> }
  >;
  'x-callmine-token-roles': string[];
}
interface Document {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, { get?: Operation; post?: Operation }>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

describe('/docs/openapi.json', () => {
  const server = sharedResource(() => startTestServer());
  let document: Document;
  let reference: ApiReference;
  let page: string;
  beforeAll(async () => {
    const response = await fetch(`${server.url}/docs/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    document = (await response.json()) as Document;
    reference = (await (await fetch(`${server.url}/docs/api.json`)).json()) as ApiReference;
    // Fetched now: the validator below keeps this process (and the server in it) busy for seconds.
    page = await (await fetch(`${server.url}/docs/api`)).text();
  });

  it('passes an OpenAPI 3.1 validator', async () => {
    expect(document.openapi).toBe('3.1.0');
    // validate() dereferences in place, so it gets a copy.
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
  });

  it('describes every procedure an API token may call, from the router, and no session-only one', () => {
    const tokenPaths = reference.procedures.filter((p) => p.tokenRoles.length > 0).map((p) => p.path);
    expect(tokenPaths.length).toBeGreaterThan(20);
    expect(Object.keys(document.paths).sort()).toEqual(tokenPaths.map((p) => `/trpc/${p}`).sort());
    for (const path of Object.keys(appRouter._def.procedures)) {
      const p = reference.procedures.find((r) => r.path === path);
      const item = document.paths[`/trpc/${path}`];
      if (p?.tokenRoles.length === 0) expect(item, path).toBeUndefined();
      else expect(Object.keys(item ?? {}), path).toEqual([p?.type === 'query' ? 'get' : 'post']);
    }
  });

  it('describes the real HTTP shapes: GET ?input= JSON, POST JSON body, the envelope, Bearer, errors', () => {
    expect(document.servers).toEqual([{ url: server.url }]);
    expect(document.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    const list = document.paths['/trpc/reports.list']?.get;
    expect(list?.parameters).toEqual([
      expect.objectContaining({
        name: 'input',
        in: 'query',
        // reports.list may be called with no input (all reports); reports.get needs its id.
        required: false,
        content: { 'application/json': { schema: expect.objectContaining({ type: 'object' }) } },
      }),
    ]);
    expect(document.paths['/trpc/reports.get']?.get?.parameters?.[0]?.required).toBe(true);
    expect(list?.security).toEqual([{ bearerToken: [] }]);
    expect(document.paths['/trpc/setup.status']?.get?.security).toEqual([{}, { bearerToken: [] }]);
    expect(list?.['x-callmine-token-roles']).toEqual(['admin', 'member', 'read']);
    expect(list?.responses['200']?.content?.['application/json']?.schema).toMatchObject({
      required: ['result'],
      properties: { result: { properties: { data: { type: 'array' } } } },
    });
    for (const status of ['400', '401', '403', '412', '429', '500']) {
      expect(list?.responses[status]?.content?.['application/json']?.schema, status).toEqual({
        $ref: '#/components/schemas/Error',
      });
    }
    expect(list?.responses['429']?.headers).toEqual({
      'Retry-After': { $ref: '#/components/headers/Retry-After' },
    });
    // A procedure's own documented errors get their status (reports.get: NOT_FOUND → 404).
    expect(document.paths['/trpc/reports.get']?.get?.responses['404']?.description).toContain('NOT_FOUND');
    const start = document.paths['/trpc/runs.start']?.post;
    expect(start?.parameters).toBeUndefined();
    expect(start?.requestBody?.content['application/json']?.schema).toMatchObject({ type: 'object' });
    // No input: no parameter at all (workspace.get is called as a bare GET).
    expect(document.paths['/trpc/workspace.get']?.get?.parameters).toBeUndefined();
    expect(document.components.schemas.Error).toMatchObject({
      required: ['error'],
      properties: { error: { properties: { data: { properties: { reason: {}, fieldErrors: {} } } } } },
    });
  });

  it('is linked from /docs/api', () => {
    expect(page).toContain('<a href="/docs/openapi.json">');
  });
});
