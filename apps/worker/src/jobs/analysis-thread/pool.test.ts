// The analysis thread gives exactly the engine's result, stops when asked, and survives a bad task.
import { analyze } from '@callmine/analysis';
import type { AnalysisInput, AnalysisSettings } from '@callmine/contracts';
import { disposable, sharedResource } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import { createAnalysisPool } from './pool.ts';

const REPS = ['u-ana', 'u-ben', 'u-cy'];
const LINES = [
  'What does the enterprise plan cost per seat?',
  'Our pricing is per seat, billed yearly.',
  'We compared you with Acme last quarter.',
  'Can the rollout start before March?',
  'Security review is the usual blocker for us.',
];

/** Calls by three reps with questions, tracker phrases and talk on both sides; `size` scales the corpus. */
function corpus(size: number): AnalysisInput {
  const calls = Array.from({ length: size }, (_, i) => ({
    id: `call-${i}`,
    title: `Call ${i}`,
    url: `https://app.gong.io/call?id=call-${i}`,
    started: new Date(Date.UTC(2026, 9, 1 + (i % 28), 9 + (i % 8))).toISOString(),
    duration: 900,
    primaryUserId: REPS[i % REPS.length] ?? 'u-ana',
    parties: [
      { speakerId: 'rep', affiliation: 'Internal' as const, name: 'Rep', userId: REPS[i % REPS.length] },
      { speakerId: 'cust', affiliation: 'External' as const, name: `Customer ${i}` },
    ],
  }));
  const transcripts = calls.map((call, i) => ({
    callId: call.id,
    transcript: Array.from({ length: 12 }, (_, m) => ({
      speakerId: m % 2 === 0 ? 'cust' : 'rep',
      topic: null,
      sentences: Array.from({ length: 4 }, (_, s) => {
        const start = (m * 4 + s) * 5_000;
        return { start, end: start + 4_000, text: LINES[(i + m + s) % LINES.length] ?? '' };
      }),
    })),
  }));
  return { calls, transcripts };
}

const settings: AnalysisSettings = {
  trackers: [
    { name: 'Pricing', phrases: [{ phrase: 'price', synonyms: ['pricing', 'cost'] }] },
    { name: 'Competitors', phrases: [{ phrase: 'Acme', synonyms: [] }] },
  ],
};

// One pool for the file, as the worker keeps one: its first test sees it before any thread has started.
const pool = sharedResource(async () => disposable(createAnalysisPool()));

describe('the analysis thread', () => {
  it('starts no thread until asked, then gives exactly what the engine gives in-process', async () => {
    expect(pool.threads).toBe(0);
    const input = corpus(60);
    const result = await pool.analyze(input, settings);
    expect(pool.threads).toBe(1);
    expect(result).toEqual(analyze(input, settings));
    expect(result.trackers?.find((t) => t.name === 'Pricing')?.mentions).toBeGreaterThan(0);
    expect(result.questions?.total).toBeGreaterThan(0);
  });

  it('rejects a bad task with the engine’s error and keeps working', async () => {
    const bad = { calls: [{ id: 'x' }], transcripts: [] } as unknown as AnalysisInput;
    await expect(pool.analyze(bad, settings)).rejects.toThrow(/started|duration|primaryUserId/);
    const input = corpus(5);
    expect(await pool.analyze(input, settings)).toEqual(analyze(input, settings));
  });

  it('stops the work when the signal aborts (shutdown, lost lease), and the next analysis still runs', async () => {
    const stop = new AbortController();
    const pending = pool.analyze(corpus(3000), settings, stop.signal);
    stop.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    const input = corpus(5);
    expect(await pool.analyze(input, settings)).toEqual(analyze(input, settings));
  });
});
