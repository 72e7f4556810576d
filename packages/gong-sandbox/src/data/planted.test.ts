import { describe, expect, it } from 'vitest';
import { computeGroundTruth } from './ground-truth.ts';
import { isPlanted } from './planted.ts';
import { TenantData } from './tenant-data.ts';
import { generateTranscript } from './transcript.ts';

const data = new TenantData({
  seed: 8,
  tenantId: 'acme',
  tenantName: 'Acme Robotics',
  callCount: 400,
  userCount: 8,
  workspaceCount: 1,
  callsUntil: Date.UTC(2026, 10, 1),
  days: 180,
});

const customerText = (index: number) =>
  data
    .transcript(index)
    .filter((m) => m.affiliation === 'External')
    .flatMap((m) => m.sentences.map((s) => s.text))
    .join(' ');

describe('planted ground truth', () => {
  it('leaves every generated sentence, its order and its timing as it was without planting', () => {
    for (let index = 0; index < 60; index++) {
      const call = data.call(index);
      if (!call.hasTranscript) continue;
      const plain = generateTranscript(8, 'acme', call);
      const planted = data.transcriptOf(call).map((m) => ({
        ...m,
        sentences: m.sentences.filter((s) => !isPlanted(s.template)),
      }));
      expect(planted).toEqual(plain);
    }
  });

  it('says each steady theme in many calls all along and the emerging one only in the newest calls', () => {
    const truth = computeGroundTruth(data);
    expect(truth.themes.steady).toHaveLength(4);
    const callsSaying = (phrase: string, from: number, to: number) => {
      let n = 0;
      for (let i = from; i < to; i++) if (customerText(i).toLowerCase().includes(phrase.toLowerCase())) n++;
      return n;
    };
    for (const phrase of truth.themes.steady) expect(callsSaying(phrase, 0, 200)).toBeGreaterThan(40);
    const { emerging, emergingFromIndex } = truth.themes;
    expect(callsSaying(emerging, 0, emergingFromIndex)).toBe(0);
    expect(callsSaying(emerging, emergingFromIndex, 400)).toBeGreaterThan(15);
  });

  it('groups the planted question wordings with the existing ones, per competitor', () => {
    const { questionGroups } = computeGroundTruth(data);
    expect(questionGroups.find((g) => g.id === 'compare:Salesloft')?.wordings).toEqual([
      'How are you different from Salesloft?',
      'Why would we pick you over Salesloft?',
      'What sets you apart from Salesloft?',
    ]);
    const wordings = questionGroups.flatMap((g) => g.wordings);
    expect(new Set(wordings).size).toBe(wordings.length);
    expect(wordings).toContain('What happens to our data if we cancel?');
  });

  it('gives about one call in five no CRM object and the rest an account, most with an opportunity', () => {
    const truth = computeGroundTruth(data);
    const { calls } = truth.deals;
    expect(calls.won + calls.lost + calls.open + calls.none).toBe(truth.transcriptCount);
    for (const bucket of ['won', 'lost', 'open'] as const) expect(calls[bucket]).toBeGreaterThan(20);
    const deals = [...data.calls()].map((c) => data.dealOf(c));
    const none = deals.filter((d) => d === null).length;
    expect(none / deals.length).toBeGreaterThan(0.1);
    expect(none / deals.length).toBeLessThan(0.3);
    expect(deals.some((d) => d !== null && d.opportunity === null)).toBe(true);
  });
});
