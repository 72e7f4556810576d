import { COMPETITORS, PRICING_TERMS, startGongSandbox, TRACKED_TERMS } from '@callmine/gong-sandbox';
import { sharedResource } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { sandboxAnalysisInput } from './testing/sandbox-input.ts';

// The sandbox's generator knows, sentence by sentence, which tracked words and questions it wrote; analysing its
// calls with trackers made of those words must reproduce its ground truth exactly.

const sandbox = sharedResource(() => startGongSandbox({ seed: 8, callsUntil: '2026-11-01T00:00:00Z' }));

const inputOf = (tenantId: string) => sandboxAnalysisInput(sandbox, tenantId);

const asPhrases = (terms: readonly string[]) => terms.map((phrase) => ({ phrase, synonyms: [] }));

describe('analyze over the Gong sandbox', () => {
  it("matches the sandbox's ground truth for tracked words and customer questions", {
    timeout: 60_000,
  }, () => {
    const tenantId = sandbox.tenants[0]!.id;
    const truth = sandbox.groundTruth(tenantId);
    const result = analyze(inputOf(tenantId), {
      trackers: [
        { name: 'Competitors', phrases: asPhrases(COMPETITORS) },
        { name: 'Pricing', phrases: asPhrases(PRICING_TERMS) },
      ],
    });
    expect(result.calls).toEqual({
      total: truth.callCount,
      withTranscript: truth.transcriptCount,
      sentences: truth.sentenceCount,
    });
    const phrases = result.trackers!.flatMap((t) => t.phrases);
    const mentions = Object.fromEntries(phrases.map((p) => [p.phrase, p.mentions]));
    const callsMentioning = Object.fromEntries(phrases.map((p) => [p.phrase, p.callsMentioning]));
    // The ground truth files Unknown speakers under Internal.
    const internal = Object.fromEntries(phrases.map((p) => [p.phrase, p.bySide.internal + p.bySide.unknown]));
    const external = Object.fromEntries(phrases.map((p) => [p.phrase, p.bySide.external]));
    expect(Object.values(truth.mentions).every((n) => n > 0)).toBe(true);
    expect(mentions).toEqual(truth.mentions);
    expect(callsMentioning).toEqual(truth.callsMentioning);
    expect(internal).toEqual(truth.mentionsByAffiliation.Internal);
    expect(external).toEqual(truth.mentionsByAffiliation.External);
    expect(result.questions!.total).toBe(truth.questionsByExternal);
    expect(truth.questionsByExternal).toBeGreaterThan(0);
    // The most common customer question is asked on many calls, and every piece of evidence is a question.
    const top = result.questions!.groups[0]!;
    expect(top.callCount).toBeGreaterThan(10);
    expect(top.evidence.every((e) => e.side === 'external' && e.text.endsWith('?'))).toBe(true);
    expect(result.talk!.length).toBeGreaterThan(1);
    expect(result.themes!.themes.length).toBeGreaterThan(10);
  });

  it('is deterministic and JSON-serialisable', { timeout: 60_000 }, () => {
    const input = inputOf(sandbox.tenants[0]!.id);
    const a = JSON.stringify(analyze(input, {}));
    const b = JSON.stringify(analyze(structuredClone(input), {}));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toEqual(analyze(input, {}));
  });
});

// Words a theme must never be or hold: the filler, small talk and time words of spoken calls (issue 16 saw "year",
// "good", "week", "fine" and "sounds" as top themes), and stop words at either end.
const FILLER =
  /\b(year|years|week|weeks|good|fine|sounds|thanks|okay|yeah|great|today|time|month|day|last|next|thing|things|lot)\b/i;
const STOP_EDGE =
  /^(the|a|an|and|or|of|to|in|for|with|on|at|we|you|it|is|are|our|your|this|that)\b|\b(the|a|an|and|or|of|to|in|for|with|on|at|is|are|our|your)$/i;

describe('themes, question groups and deal slices over the Gong sandbox', () => {
  for (const tenantId of ['acme', 'globex']) {
    it(`puts every planted theme of ${tenantId} in the top 10 and no filler or stop word`, () => {
      const truth = sandbox.groundTruth(tenantId);
      const result = analyze(inputOf(tenantId), { analysers: ['themes'] });
      const top = result.themes!.themes.slice(0, 10).map((t) => t.phrase);
      for (const planted of truth.themes.steady)
        expect(top.map((p) => p.toLowerCase())).toContain(planted.toLowerCase());
      for (const phrase of top) {
        expect(phrase).not.toMatch(FILLER);
        expect(phrase).not.toMatch(STOP_EDGE);
      }
    });

    it(`finds ${tenantId}'s emerging theme first among those up against the previous period`, () => {
      const truth = sandbox.groundTruth(tenantId);
      const from = truth.themes.emergingFromIndex;
      const length = truth.callCount - from;
      const now = sandboxAnalysisInput(sandbox, tenantId, { from, to: truth.callCount });
      const previous = sandboxAnalysisInput(sandbox, tenantId, { from: from - length, to: from });
      const themes = analyze({ ...now, previous }, { analysers: ['themes'] }).themes!;
      expect(themes.emerging![0]!.phrase.toLowerCase()).toBe(truth.themes.emerging.toLowerCase());
      const top = themes.themes.slice(0, 10);
      expect(top.find((t) => t.phrase.toLowerCase() === truth.themes.emerging.toLowerCase())?.emerging).toBe(
        true,
      );
      // Steady themes are said as often as before: none of them is emerging.
      const steady = new Set(truth.themes.steady.map((p) => p.toLowerCase()));
      expect(themes.emerging!.some((t) => steady.has(t.phrase.toLowerCase()))).toBe(false);
    });
  }

  it('groups the planted paraphrases as the ground truth does and merges no two distinct questions', () => {
    const tenantId = 'acme';
    const truth = sandbox.groundTruth(tenantId);
    const groupOf = new Map(truth.questionGroups.flatMap((g) => g.wordings.map((w) => [w, g.id] as const)));
    const { groups } = analyze(inputOf(tenantId), { analysers: ['questions'], topN: 500 }).questions!;
    const resultOf = new Map<string, number>();
    groups.forEach((group, index) => {
      const ids = new Set(group.wordings.map((w) => groupOf.get(w)));
      // Every wording the engine saw is one the generator can say, and one group holds one question.
      expect(ids.has(undefined)).toBe(false);
      expect([...ids]).toHaveLength(1);
      resultOf.set([...ids][0]!, index);
      for (const id of ids) expect(resultOf.get(id!)).toBe(index);
    });
    // The planted paraphrase groups were asked and came out whole, wordings included.
    for (const id of ['compare:Salesloft', 'compare:Clari', 'seat-price', 'salesforce', 'warehouse-export']) {
      const group = groups[resultOf.get(id)!]!;
      expect(new Set(group.wordings)).toEqual(
        new Set(truth.questionGroups.find((g) => g.id === id)!.wordings),
      );
    }
  });

  it("slices trackers by deal outcome and stage exactly as the sandbox's CRM says", () => {
    const tenantId = 'globex';
    const truth = sandbox.groundTruth(tenantId);
    const trackers = TRACKED_TERMS.map((term) => ({ name: term, phrases: [{ phrase: term, synonyms: [] }] }));
    const result = analyze(inputOf(tenantId), { analysers: ['trackers'], trackers });
    expect(result.deals!.outcome).toEqual(truth.deals.calls);
    expect(result.deals!.stage).toEqual(truth.deals.callsByStage);
    for (const tracker of result.trackers!) {
      for (const bucket of ['won', 'lost', 'open', 'none'] as const) {
        expect(tracker.byDeal!.outcome[bucket]).toBe(truth.deals.callsMentioning[bucket][tracker.name]);
      }
      for (const [stage, counts] of Object.entries(truth.deals.callsMentioningByStage)) {
        expect(tracker.byDeal!.stage[stage] ?? 0).toBe(counts[tracker.name]);
      }
    }
    // Lost and won deals differ: the slices are not the same numbers under two names.
    expect(truth.deals.calls.won).toBeGreaterThan(0);
    expect(truth.deals.calls.lost).toBeGreaterThan(0);
    expect(truth.deals.calls.none).toBeGreaterThan(0);
  });
});
