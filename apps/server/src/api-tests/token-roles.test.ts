// Token roles over real HTTP: a read token reads and never changes anything, and what /docs/api.json says each
// token role may call is what the server lets it call, for every procedure in the router.
import type { ApiReference } from '@callmine/api';
import type { ApiTokenRole } from '@callmine/contracts';
import { schema } from '@callmine/db';
import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { startTestServer } from '../testing/test-server.ts';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'correct horse battery',
  workspaceName: 'Acme',
};

interface TrpcAnswer {
  status: number;
  body: { result?: { data: unknown }; error?: { message: string; data: { code: string; reason?: string } } };
}

/** A plain HTTP call as a script makes it: GET for a query, POST with a JSON body for a mutation. */
async function call(
  url: string,
  token: string,
  path: string,
  type: 'query' | 'mutation',
  input?: unknown,
): Promise<TrpcAnswer> {
  const headers = { authorization: `Bearer ${token}` };
  const response =
    type === 'query'
      ? await fetch(
          `${url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers },
        )
      : await fetch(`${url}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
  return { status: response.status, body: (await response.json()) as TrpcAnswer['body'] };
}

describe('API token roles', () => {
  const server = sharedResource(() => startTestServer());
  let admin: ReturnType<typeof apiClient>;
  const tokens = {} as Record<ApiTokenRole, string>;
  beforeAll(async () => {
    admin = apiClient(server.url);
    await admin.setup.createOwner.mutate(owner);
    for (const role of ['admin', 'member', 'read'] as const) {
      tokens[role] = (await admin.apiTokens.create.mutate({ name: `${role} script`, role })).token;
    }
  });

  it('lets a read token read, and refuses it every change with a reason a script can branch on', async () => {
    const read = tokens.read;
    expect((await call(server.url, read, 'workspace.get', 'query')).body.result?.data).toMatchObject({
      name: 'Acme',
    });
    expect((await call(server.url, read, 'reports.list', 'query', { search: '' })).body.result?.data).toEqual(
      [],
    );
    expect((await call(server.url, read, 'usage.summary', 'query')).status).toBe(200);
    expect((await call(server.url, read, 'runs.list', 'query')).body.result?.data).toEqual([]);

    const refused = await call(server.url, read, 'runs.start', 'mutation', {
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.data).toMatchObject({ code: 'FORBIDDEN', reason: 'read-only-token' });
    expect(refused.body.error?.message).toMatch(/read-only/);
    const created = await call(server.url, read, 'analyses.create', 'mutation', { name: 'Sneaky' });
    expect(created.body.error?.data).toMatchObject({ code: 'FORBIDDEN', reason: 'read-only-token' });
    // Read tokens have member rights for queries: admin queries stay closed.
    expect((await call(server.url, read, 'integrations.gong.auditLog', 'query')).status).toBe(403);

    const { db } = server.database;
    expect(await db.select().from(schema.analysisRun)).toEqual([]);
    expect(await db.select().from(schema.analysis)).toEqual([]);
    // The list says what it is.
    const listed = await admin.apiTokens.list.query();
    expect(listed.find((t) => t.name === 'read script')).toMatchObject({
      role: 'read',
      actsAs: 'read',
      status: 'active',
    });
  });

  it('lets each token role call exactly what the reference says it may', async () => {
    const reference = (await (await fetch(`${server.url}/docs/api.json`)).json()) as ApiReference;
    expect(reference.procedures.length).toBeGreaterThan(40);
    for (const role of ['admin', 'member', 'read'] as const) {
      for (const p of reference.procedures) {
        if (p.type === 'subscription') continue;
        // An empty input: every mutation a role may call fails validation after the access checks, so this
        // changes nothing, and every one it may not call is refused before its input is even read.
        const answer = await call(server.url, tokens[role], p.path, p.type);
        const allowed = p.tokenRoles.includes(role);
        expect(answer.status === 403, `${role} token → ${p.path}: ${answer.body.error?.message}`).toBe(
          !allowed,
        );
        if (role === 'read' && p.type === 'mutation' && p.tokens) {
          expect(answer.body.error?.data.reason, p.path).toBe('read-only-token');
        }
      }
    }
    expect((await admin.workspace.get.query()).name).toBe('Acme');
  });
});
