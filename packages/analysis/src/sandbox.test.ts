import { COMPETITORS, type GongSandbox, PRICING_TERMS, startGongSandbox } from '@callmine/gong-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { sandboxAnalysisInput } from './testing/sandbox-input.ts';

// The sandbox's generator knows, sentence by sentence, which tracked words and questions it wrote; analysing its
// calls with trackers made of those words must reproduce its ground truth exactly.

let sandbox: GongSandbox;
beforeAll(async () => {
  sandbox = await startGongSandbox({ seed: 8, callsUntil: '2026-11-01T00:00:00Z' });
});
afterAll(() => sandbox.close());

const inputOf = (tenantId: string) => sandboxAnalysisInput(sandbox, tenantId);

const asPhrases = (terms: readonly string[]) => terms.map((phrase) => ({ phrase, synonyms: [] }));

describe('analyze over the Gong sandbox', () => {
  it("matches the sandbox's ground truth for tracked words and customer questions", () => {
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

  it('is deterministic and JSON-serialisable', () => {
    const input = inputOf(sandbox.tenants[0]!.id);
    const a = JSON.stringify(analyze(input, {}));
    const b = JSON.stringify(analyze(structuredClone(input), {}));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toEqual(analyze(input, {}));
  });
});
