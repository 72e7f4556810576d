import { describe, expect, it } from 'vitest';
import { emptyState, trackerKey, validate } from './editor-state.ts';

const valid = () => ({ ...emptyState(Date.parse('2026-11-29T12:00:00Z')), name: 'Competitor watch' });

describe('validate (the analyses procedures’ schema, mapped to the editor’s fields)', () => {
  it('accepts a valid definition and sends the fields as typed', () => {
    const result = validate({
      ...valid(),
      trackers: [{ key: trackerKey(), name: 'Competitors', phrases: 'Chorus: Chorus.ai\nClari' }],
    });
    expect(result).toEqual({
      ok: true,
      data: expect.objectContaining({
        window: { kind: 'relative', lastDays: '30' },
        settings: expect.objectContaining({
          trackers: [
            {
              name: 'Competitors',
              phrases: [
                { phrase: 'Chorus', synonyms: ['Chorus.ai'] },
                { phrase: 'Clari', synonyms: [] },
              ],
            },
          ],
        }),
      }),
    });
  });

  it('puts each schema message under its field, naming the line of a bad phrase', () => {
    const result = validate({
      ...valid(),
      name: ' ',
      windowKind: 'absolute',
      from: '2026-05-10',
      to: '2026-05-01',
      repEmails: 'bob',
      analysers: ['trackers'],
      trackers: [
        { key: trackerKey(), name: '', phrases: 'ok\n\n: nothing before the colon' },
        { key: trackerKey(), name: 'Empty', phrases: '  ' },
      ],
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: 'Give the analysis a name.',
        to: 'The last day must be on or after the first day.',
        repEmails: 'Enter the reps as email addresses separated by commas.',
        'trackers.0.name': 'Give the tracker a name.',
        'trackers.0.phrases': 'Line 3: A phrase needs at least one character.',
        'trackers.1.phrases': 'Add at least one phrase.',
      },
    });
  });

  it('asks for at least one analyser and ignores trackers when the tracker analyser is off', () => {
    expect(validate({ ...valid(), analysers: [] })).toEqual({
      ok: false,
      errors: { analysers: 'Pick at least one analysis.' },
    });
    const result = validate({
      ...valid(),
      analysers: ['talk'],
      trackers: [{ key: trackerKey(), name: '', phrases: '' }],
    });
    expect(result.ok).toBe(true);
  });
});
