import type { GongExtensiveCall } from '@callmine/gong';
import { describe, expect, it } from 'vitest';
import { analysisCallOf, repNamesOf, reportCallOf } from './report-input.ts';

function aCall(
  overrides: Partial<GongExtensiveCall['metaData']> = {},
  parties: GongExtensiveCall['parties'] = [],
) {
  return { metaData: { id: 'c1', ...overrides }, parties } as GongExtensiveCall;
}

describe('Gong records for the engine and the report', () => {
  it('fills what Gong left out with empty values rather than dropping the call', () => {
    const call = aCall({}, [{ speakerId: null, affiliation: 'Partner' }]);
    expect(analysisCallOf(call)).toEqual({
      id: 'c1',
      title: '',
      url: '',
      started: '',
      duration: 0,
      primaryUserId: '',
      // An affiliation Gong may add one day counts as Unknown, not as a parse failure.
      parties: [{ speakerId: null, affiliation: 'Unknown', name: '' }],
      // No CRM context (a call cached before it was asked for, or one with no CRM object): no deal.
      deal: null,
    });
    expect(reportCallOf(aCall({ duration: 1799.6, url: 'https://app.gong.io/call?id=c1' }))).toEqual({
      id: 'c1',
      title: '',
      url: 'https://app.gong.io/call?id=c1',
      started: '',
      durationSeconds: 1800,
      repId: '',
      deal: null,
    });
  });

  it('keeps the CRM deal from the call context with the engine input and the report call', () => {
    const call = {
      ...aCall({ id: 'c9' }),
      context: [
        {
          system: 'Salesforce',
          objects: [
            { objectType: 'Account', objectId: '001X', fields: [{ name: 'Name', value: 'Northwind' }] },
            {
              objectType: 'Opportunity',
              objectId: '006X',
              fields: [
                { name: 'StageName', value: 'Closed Lost' },
                { name: 'IsClosed', value: true },
                { name: 'IsWon', value: false },
              ],
            },
          ],
        },
      ],
    } as GongExtensiveCall;
    const deal = {
      system: 'Salesforce',
      account: { id: '001X', name: 'Northwind' },
      opportunity: {
        id: '006X',
        name: null,
        stage: 'Closed Lost',
        amount: null,
        closeDate: null,
        outcome: 'lost',
      },
    };
    expect(analysisCallOf(call).deal).toEqual(deal);
    expect(reportCallOf(call).deal).toEqual(deal);
  });

  it("names each call's rep from the party carrying their user id, and only reps", () => {
    const calls = [
      aCall({ id: 'c1', primaryUserId: 'u1' }, [
        { userId: 'u1', name: ' Ada Lovelace ', affiliation: 'Internal' },
        { userId: 'u2', name: 'Colleague', affiliation: 'Internal' },
        { name: 'Customer', affiliation: 'External' },
      ]),
      aCall({ id: 'c2', primaryUserId: 'u3' }, [{ userId: 'u3', name: '', affiliation: 'Internal' }]),
      aCall({ id: 'c3', primaryUserId: 'u1' }, [{ userId: 'u1', name: 'Ada L.', affiliation: 'Internal' }]),
    ];
    // u2 was on a call but owns none; u3 has no name anywhere, so the report shows the id.
    expect(repNamesOf(calls)).toEqual({ u1: 'Ada Lovelace' });
  });
});
