import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { startGongSandbox } from '../index.ts';
import { aTenant } from '../testing/builders.ts';
import { asTenant, NO_LIMITS } from '../testing/client.ts';

interface CallsPage {
  records: { totalRecords: number; currentPageSize: number; currentPageNumber: number; cursor?: string };
  calls: { id: string; started: string; workspaceId: string }[];
}

describe('GET /v2/calls', () => {
  const sandbox = sharedResource(() =>
    startGongSandbox({
      tenants: [aTenant({ callCount: 250, workspaceCount: 2 })],
      rateLimit: NO_LIMITS,
      callsUntil: '2026-11-01T00:00:00Z',
    }),
  );
  let api: ReturnType<typeof asTenant>;
  beforeAll(async () => {
    api = asTenant(sandbox, 'initech');
  });

  const page = async (query: string) => {
    const response = await api.get(`/v2/calls${query}`);
    return { status: response.status, body: response.body as unknown as CallsPage & { errors?: string[] } };
  };

  it('pages through every call, 100 at a time, oldest first, with a cursor until the last page', async () => {
    const first = await page('');
    expect(first.body.records).toMatchObject({
      totalRecords: 250,
      currentPageSize: 100,
      currentPageNumber: 0,
    });
    const second = await page(`?cursor=${first.body.records.cursor}`);
    expect(second.body.records).toMatchObject({ currentPageSize: 100, currentPageNumber: 1 });
    const third = await page(`?cursor=${second.body.records.cursor}`);
    expect(third.body.records).toMatchObject({ currentPageSize: 50, currentPageNumber: 2 });
    expect(third.body.records.cursor).toBeUndefined();
    const all = [...first.body.calls, ...second.body.calls, ...third.body.calls];
    expect(new Set(all.map((call) => call.id)).size).toBe(250);
    const starts = all.map((call) => Date.parse(call.started));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('filters by date range (from inclusive, to exclusive) and workspace', async () => {
    const tenant = sandbox.tenant('initech');
    const from = tenant.calls.call(40).metaData.started;
    const to = tenant.calls.call(60).metaData.started;
    const ranged = await page(`?fromDateTime=${from}&toDateTime=${to}`);
    expect(ranged.body.calls.every((c) => c.started >= from && c.started < to)).toBe(true);
    expect(ranged.body.calls[0]?.started).toBe(from);

    const workspaceId = tenant.workspaces[1]?.id ?? '';
    const inWorkspace = await page(`?workspaceId=${workspaceId}`);
    expect(inWorkspace.body.calls.every((c) => c.workspaceId === workspaceId)).toBe(true);
    expect(inWorkspace.body.records.totalRecords).toBeLessThan(250);
  });

  it('answers 404 with Gong’s error body when no call matches', async () => {
    const none = await page('?fromDateTime=2020-01-01T00:00:00Z&toDateTime=2020-02-01T00:00:00Z');
    expect(none.status).toBe(404);
    expect(none.body).toEqual({
      requestId: expect.any(String),
      errors: ['No calls found corresponding to the provided filters'],
    });
  });

  it('refuses a cursor reused with different inputs, and a malformed date, with 400', async () => {
    const first = await page('');
    const changed = await page(`?fromDateTime=2026-06-01T00:00:00Z&cursor=${first.body.records.cursor}`);
    expect(changed.status).toBe(400);
    expect(changed.body.errors?.[0]).toMatch(/cursor/);
    const garbage = await page('?cursor=not-a-cursor');
    expect(garbage.status).toBe(400);
    const badDate = await page('?fromDateTime=yesterday');
    expect(badDate.status).toBe(400);
    expect(badDate.body.errors?.[0]).toMatch(/fromDateTime/);
  });

  it('returns one call by id, and 404 for an unknown id', async () => {
    const id = sandbox.tenant('initech').calls.call(7).metaData.id;
    const found = await api.get(`/v2/calls/${id}`);
    expect(found.status).toBe(200);
    expect(found.body.call).toMatchObject({ id, url: `https://app.gong.io/call?id=${id}` });
    const missing = await api.get('/v2/calls/1234567890123456789');
    expect(missing.status).toBe(404);
  });
});
