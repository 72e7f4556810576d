import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { startGongSandbox } from '../index.ts';
import { aTenant } from '../testing/builders.ts';
import { asTenant, NO_LIMITS } from '../testing/client.ts';

describe('users, workspaces and trackers', () => {
  const sandbox = sharedResource(() =>
    startGongSandbox({
      tenants: [aTenant({ userCount: 230, workspaceCount: 2 })],
      rateLimit: NO_LIMITS,
    }),
  );
  let api: ReturnType<typeof asTenant>;
  beforeAll(async () => {
    api = asTenant(sandbox, 'initech');
  });

  it('pages users 100 at a time with a cursor', async () => {
    const emails: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await api.get(`/v2/users${cursor ? `?cursor=${cursor}` : ''}`);
      const records = response.body.records as { totalRecords: number; cursor?: string };
      expect(records.totalRecords).toBe(230);
      emails.push(...(response.body.users as { emailAddress: string }[]).map((user) => user.emailAddress));
      cursor = records.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(emails).size).toBe(230);
    expect(emails[0]).toMatch(/@initech\.example$/);
  });

  it('lists the workspaces', async () => {
    const response = await api.get('/v2/workspaces');
    expect(response.body.workspaces).toEqual([
      { id: expect.stringMatching(/^\d{19}$/), name: 'Initech Sales', description: expect.any(String) },
      {
        id: expect.stringMatching(/^\d{19}$/),
        name: 'Initech Customer Success',
        description: expect.any(String),
      },
    ]);
  });

  it('lists keyword trackers for competitors and pricing', async () => {
    const workspaceId = sandbox.tenant('initech').workspaces[0]?.id;
    const response = await api.get(`/v2/settings/trackers?workspaceId=${workspaceId}`);
    const trackers = response.body.keywordTrackers as {
      trackerName: string;
      languageKeywords: { keywords: string[] }[];
    }[];
    expect(trackers.map((tracker) => tracker.trackerName)).toEqual(['Competitors', 'Pricing']);
    expect(trackers[0]?.languageKeywords[0]?.keywords).toContain('Chorus');
    expect(trackers[1]?.languageKeywords[0]?.keywords).toEqual(['price', 'discount', 'budget']);
  });

  it('answers unknown API paths with 404 and a Gong error body', async () => {
    const response = await api.get('/v2/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.errors).toHaveLength(1);
  });
});
