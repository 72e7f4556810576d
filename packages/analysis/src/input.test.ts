import { type AnalysisInput, analysisInput } from '@callmine/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { analyze } from './analyze.ts';
import { readInput } from './input.ts';

// readInput checks input of the contract's shape in place and hands everything else to zod; it must accept exactly
// what `analysisInput` accepts and read it to the same values.

const corpus = (): Omit<AnalysisInput, 'previous'> => ({
  calls: [
    {
      id: 'c1',
      title: 'Intro',
      url: 'https://gong/c1',
      started: '2026-11-02T10:00:00Z',
      duration: 1800,
      primaryUserId: 'u1',
      parties: [
        { speakerId: 's1', affiliation: 'Internal', name: 'Rep', userId: 'u1' },
        { speakerId: null, affiliation: 'Unknown' },
        { speakerId: 's2', affiliation: 'External', name: 'Buyer' },
      ],
      deal: {
        system: 'Salesforce',
        account: { id: 'a1', name: null },
        opportunity: {
          id: 'o1',
          name: 'Big one',
          stage: 'Negotiation',
          amount: 12000,
          closeDate: null,
          outcome: 'open',
        },
      },
    },
    { id: 'c2', started: '2026-11-03T10:00:00Z', duration: 0, primaryUserId: 'u2', deal: null },
    {
      id: 'c3',
      started: '2026-11-04T10:00:00Z',
      duration: 60,
      primaryUserId: 'u2',
      parties: [],
      deal: { system: 'HubSpot', account: null, opportunity: null },
    },
  ],
  transcripts: [
    {
      callId: 'c1',
      transcript: [
        {
          speakerId: 's1',
          topic: null,
          sentences: [
            { start: 0, end: 900, text: 'What does the pricing look like?' },
            { start: 1000, end: 1500, text: 'Per seat.' },
          ],
        },
        { speakerId: 's2', topic: 'Pricing', sentences: [{ start: 1600, end: 2000, text: 'Fine.' }] },
        { speakerId: 's2', sentences: [] },
      ],
    },
    { callId: 'c3', transcript: [] },
  ],
});
const valid = (): AnalysisInput => ({ ...corpus(), previous: corpus() });

/** Every path to a value inside `value`, objects' keys and arrays' indexes. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [at];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [at, ...keys.flatMap((k) => pathsOf((value as Record<string | number, unknown>)[k], [...at, k]))];
}

function replaced(value: unknown, path: (string | number)[], by: unknown, remove: boolean): unknown {
  if (path.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove && !Array.isArray(parent)) delete parent[last];
  else parent[last] = by;
  return copy;
}

const PATHS = pathsOf(valid());
const odd = fc.constantFrom(
  undefined,
  null,
  '',
  'x',
  'Internal',
  'won',
  0,
  -1,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  {},
  [{}],
  new Date(0),
);

describe('readInput', () => {
  it('reads good input to what zod parses it to, defaults filled', () => {
    for (const input of [corpus(), valid()]) {
      expect(readInput(input)).toEqual(analysisInput.parse(input));
    }
  });

  it('accepts exactly what the contract accepts, whatever one value is replaced or removed', {
    timeout: 60_000,
  }, () => {
    fc.assert(
      fc.property(fc.nat(PATHS.length - 1), fc.oneof(odd, fc.anything()), fc.boolean(), (p, by, remove) => {
        const input = replaced(valid(), PATHS[p]!, by, remove);
        const zod = analysisInput.safeParse(input);
        let error: unknown;
        let read: unknown;
        try {
          read = readInput(input);
        } catch (e) {
          error = e;
        }
        if (zod.success) {
          expect(error).toBeUndefined();
          // Only the calls are copied; sentences are read in place, so compare what the engine reads.
          expect(JSON.parse(JSON.stringify(read))).toEqual(JSON.parse(JSON.stringify(zod.data)));
        } else expect(error).toBeInstanceOf(ZodError);
      }),
      { numRuns: 1500 },
    );
  });

  it('makes analyze() throw a ZodError on bad input before any work', () => {
    const bad = valid();
    (bad.transcripts[0]!.transcript[0]!.sentences[1] as { end: unknown }).end = '1500';
    expect(() => analyze(bad)).toThrow(ZodError);
    expect(() => analyze({ ...valid(), previous: { calls: [] } } as never)).toThrow(ZodError);
    expect(() => analyze(null as never)).toThrow(ZodError);
  });
});
