import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { countTerms } from '../data/terms.ts';
import { type GongMonologue, type GongParty, startGongSandbox } from '../index.ts';
import { aTenant } from '../testing/builders.ts';
import { asTenant, NO_LIMITS } from '../testing/client.ts';

interface TranscriptPage {
  records: { totalRecords: number; cursor?: string };
  callTranscripts: { callId: string; transcript: GongMonologue[] }[];
}
interface ExtensivePage {
  records: { cursor?: string };
  calls: { metaData: { id: string }; parties: GongParty[] }[];
}

describe('POST /v2/calls/transcript', () => {
  const sandbox = sharedResource(() =>
    startGongSandbox({ tenants: [aTenant({ callCount: 230 })], rateLimit: NO_LIMITS }),
  );
  let api: ReturnType<typeof asTenant>;
  beforeAll(async () => {
    api = asTenant(sandbox, 'initech');
  });

  async function all<T extends { records: { cursor?: string } }>(path: string, body: object): Promise<T[]> {
    const pages: T[] = [];
    let cursor: string | undefined;
    do {
      const response = await api.post(path, cursor ? { ...body, cursor } : body);
      expect(response.status).toBe(200);
      const page = response.body as unknown as T;
      pages.push(page);
      cursor = page.records.cursor;
    } while (cursor);
    return pages;
  }

  it('returns monologues with timed sentences for the requested call ids', async () => {
    const ids = [3, 5, 8].map((index) => sandbox.tenant('initech').calls.call(index).metaData.id);
    const response = await api.post('/v2/calls/transcript', { filter: { callIds: ids } });
    const page = response.body as unknown as TranscriptPage;
    expect(page.callTranscripts.map((t) => t.callId)).toEqual(
      ids.filter((_, i) => sandbox.tenant('initech').calls.call([3, 5, 8][i] ?? 0).hasTranscript),
    );
    const first = page.callTranscripts[0]?.transcript[0];
    expect(first).toMatchObject({ speakerId: expect.stringMatching(/^\d{19}$/), topic: 'Call Setup' });
    for (const sentence of first?.sentences ?? []) {
      expect(sentence.end).toBeGreaterThan(sentence.start);
      expect(sentence.text.length).toBeGreaterThan(0);
    }
  });

  it('matches the ground truth when a client counts mentions and questions from the API alone', async () => {
    const transcripts = (await all<TranscriptPage>('/v2/calls/transcript', { filter: {} })).flatMap(
      (page) => page.callTranscripts,
    );
    const extensive = (
      await all<ExtensivePage>('/v2/calls/extensive', {
        filter: {},
        contentSelector: { exposedFields: { parties: true } },
      })
    ).flatMap((page) => page.calls);
    const affiliation = new Map(extensive.flatMap((c) => c.parties.map((p) => [p.speakerId, p.affiliation])));

    const truth = sandbox.groundTruth('initech');
    const mentions: Record<string, number> = {};
    const external: Record<string, number> = {};
    let questionsByExternal = 0;
    for (const { transcript } of transcripts) {
      for (const monologue of transcript) {
        const isExternal = affiliation.get(monologue.speakerId) === 'External';
        for (const sentence of monologue.sentences) {
          if (isExternal && sentence.text.endsWith('?')) questionsByExternal++;
          for (const [term, count] of countTerms(sentence.text)) {
            mentions[term] = (mentions[term] ?? 0) + count;
            if (isExternal) external[term] = (external[term] ?? 0) + count;
          }
        }
      }
    }
    expect(transcripts).toHaveLength(truth.transcriptCount);
    expect(truth.transcriptCount).toBeLessThan(truth.callCount);
    expect(questionsByExternal).toBe(truth.questionsByExternal);
    for (const [term, count] of Object.entries(truth.mentions)) expect(mentions[term] ?? 0, term).toBe(count);
    for (const [term, count] of Object.entries(truth.mentionsByAffiliation.External)) {
      expect(external[term] ?? 0, term).toBe(count);
    }
    expect(truth.mentions.Chorus).toBeGreaterThan(0);
    expect(truth.mentions.price).toBeGreaterThan(0);
  });

  it('answers 400 for a malformed body and 404 when no call matches', async () => {
    expect((await api.post('/v2/calls/transcript', '{not json')).status).toBe(400);
    const wrongType = await api.post('/v2/calls/transcript', { filter: { callIds: 'abc' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors?.[0]).toMatch(/callIds/);
    const none = await api.post('/v2/calls/transcript', { filter: { toDateTime: '2001-01-01T00:00:00Z' } });
    expect(none.status).toBe(404);
  });
});
