// The API reference is read from the router itself; this test holds it to that, over real HTTP.
import { type ApiReference, appRouter } from '@callmine/api';
import { sharedResource } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/test-server.ts';

describe('/docs/api', () => {
  const server = sharedResource(() => startTestServer());

  const routerPaths = Object.keys(appRouter._def.procedures).sort();

  it('lists every procedure in the router, each with a summary, its access and its input', async () => {
    const response = await fetch(`${server.url}/docs/api.json`);
    expect(response.status).toBe(200);
    const reference = (await response.json()) as ApiReference;
    expect(reference.procedures.map((p) => p.path).sort()).toEqual(routerPaths);
    for (const p of reference.procedures) {
      expect(p.summary, p.path).not.toBe('');
      expect(['public', 'member', 'admin', 'account', 'operator'], p.path).toContain(p.access);
    }
    const create = reference.procedures.find((p) => p.path === 'apiTokens.create');
    expect(create).toMatchObject({ type: 'mutation', access: 'admin', tokens: false, tokenRoles: [] });
    expect(create?.input).toMatchObject({
      type: 'object',
      required: ['name', 'role'],
      properties: { role: { enum: ['admin', 'member', 'read'] } },
      additionalProperties: false,
    });
    expect(reference.procedures.find((p) => p.path === 'workspace.get')).toMatchObject({
      access: 'member',
      tokens: true,
      tokenRoles: ['admin', 'member', 'read'],
      output: { properties: { memberCount: { type: 'integer' } } },
    });
    expect(reference.procedures.find((p) => p.path === 'runs.start')).toMatchObject({
      tokenRoles: ['admin', 'member'],
    });
    expect(reference.errorShape).toMatchObject({
      properties: { data: { properties: { fieldErrors: {}, reason: {}, code: {} } } },
    });
  });

  it('serves a page people can read, naming every procedure, under the app’s strict CSP', async () => {
    const response = await fetch(`${server.url}/docs/api`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await response.text();
    expect(html).not.toMatch(/<script|<style|style=/);
    for (const path of routerPaths) expect(html).toContain(`id="${path}"`);
    expect(html).toContain('Retry-After');
    const css = await fetch(`${server.url}/docs/api.css`);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
  });
});
