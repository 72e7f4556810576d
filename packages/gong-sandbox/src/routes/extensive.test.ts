import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { startGongSandbox } from '../index.ts';
import { aTenant } from '../testing/builders.ts';
import { asTenant, NO_LIMITS } from '../testing/client.ts';

type ExtensiveCall = Record<string, unknown> & {
  metaData: { id: string };
  parties?: { speakerId: string | null; affiliation: string; userId?: string }[];
  interaction?: { interactionStats?: { name: string; value: number }[]; speakers?: unknown[] };
  content?: { trackers?: { name: string; count: number }[] };
};

describe('POST /v2/calls/extensive', () => {
  const sandbox = sharedResource(() =>
    startGongSandbox({ tenants: [aTenant({ callCount: 120 })], rateLimit: NO_LIMITS }),
  );
  let api: ReturnType<typeof asTenant>;
  beforeAll(async () => {
    api = asTenant(sandbox, 'initech');
  });

  const extensive = async (body: object) => {
    const response = await api.post('/v2/calls/extensive', body);
    return { ...response, calls: (response.body.calls ?? []) as ExtensiveCall[] };
  };

  it('returns only metaData unless the content selector asks for more', async () => {
    const { status, calls } = await extensive({ filter: {} });
    expect(status).toBe(200);
    expect(calls).toHaveLength(100);
    expect(Object.keys(calls[0] ?? {})).toEqual(['metaData']);
  });

  it('returns parties with speaker ids and affiliation, and interaction stats when asked', async () => {
    const { calls } = await extensive({
      filter: {},
      contentSelector: {
        exposedFields: {
          parties: true,
          interaction: { interactionStats: true, speakers: true },
          content: { trackers: true },
        },
      },
    });
    const call = calls.find((c) => c.parties?.some((p) => p.affiliation === 'External'));
    expect(call?.parties?.[0]).toMatchObject({ affiliation: 'Internal', userId: expect.any(String) });
    expect(call?.parties?.every((p) => /^\d{19}$/.test(p.speakerId ?? ''))).toBe(true);
    expect(call?.interaction?.interactionStats?.map((stat) => stat.name)).toContain('Talk Ratio');
    expect(call?.content?.trackers?.map((tracker) => tracker.name)).toEqual(['Competitors', 'Pricing']);
  });

  it('adds the CRM context when the content selector asks for it; some calls have no CRM object', async () => {
    const { calls } = await extensive({ filter: {}, contentSelector: { context: 'Extended' } });
    type Context = {
      system: string;
      objects: { objectType: string; fields: { name: string; value: unknown }[] }[];
    }[];
    const contexts = calls.map((call) => call.context as Context);
    expect(contexts.every(Array.isArray)).toBe(true);
    expect(contexts.some((c) => c.length === 0)).toBe(true);
    const opportunity = contexts
      .flatMap((c) => c.flatMap((s) => s.objects))
      .find((o) => o.objectType === 'Opportunity');
    expect(opportunity?.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(['Name', 'StageName', 'Amount', 'CloseDate', 'IsWon', 'IsClosed']),
    );
    expect(contexts.find((c) => c.length > 0)?.[0]?.system).toBe('Salesforce');
    const withoutContext = await extensive({ filter: {}, contentSelector: { context: 'None' } });
    expect(withoutContext.calls.every((call) => !('context' in call))).toBe(true);
  });

  it('filters by call ids and pages with the cursor in the body', async () => {
    const ids = [0, 1, 2].map((index) => sandbox.tenant('initech').calls.call(index).metaData.id);
    const byId = await extensive({ filter: { callIds: [...ids, '1111111111111111111'] } });
    expect(byId.calls.map((call) => call.metaData.id)).toEqual(ids);

    const first = await extensive({ filter: {} });
    const cursor = (first.body.records as { cursor: string }).cursor;
    const second = await extensive({ filter: {}, cursor });
    expect(second.calls).toHaveLength(20);
    const changed = await extensive({
      filter: {},
      cursor,
      contentSelector: { exposedFields: { parties: true } },
    });
    expect(changed.status).toBe(400);
  });

  it('ignores unknown fields but refuses a body without a filter', async () => {
    const lenient = await extensive({ filter: { somethingNew: true }, futureOption: 1 });
    expect(lenient.status).toBe(200);
    const noFilter = await extensive({});
    expect(noFilter.status).toBe(400);
    expect(noFilter.body).toEqual({
      requestId: expect.any(String),
      errors: [expect.stringMatching(/filter/)],
    });
  });
});
