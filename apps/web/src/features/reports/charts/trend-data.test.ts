// The trend charts' numbers: partial weeks never join the line, and a rep is measured against the team per call.
import type { ReportTrends } from '@callmine/contracts';
import { describe, expect, it } from 'vitest';
import { repRows, weeklySeries } from './trend-data.ts';

const trends: ReportTrends = {
  weeks: [
    { week: '2026-W44', from: '2026-10-26', to: '2026-11-01', calls: 2, coverage: 'window-start' },
    { week: '2026-W45', from: '2026-11-02', to: '2026-11-08', calls: 10, coverage: 'full' },
    { week: '2026-W46', from: '2026-11-09', to: '2026-11-15', calls: 20, coverage: 'full' },
  ],
  trackers: [{ name: 'Pricing', mentions: [1, 10, 40], callsMentioning: [1, 5, 16] }],
  reps: [
    { repId: 'u1', calls: 12, trackers: [{ name: 'Pricing', mentions: 36, callsMentioning: 12 }] },
    { repId: 'u2', calls: 20, trackers: [{ name: 'Pricing', mentions: 15, callsMentioning: 10 }] },
  ],
  team: { calls: 32, trackers: [{ name: 'Pricing', mentions: 51, callsMentioning: 22 }] },
  previous: null,
};

describe('trend data', () => {
  it('puts a partial week apart from the line, per call and as a share', () => {
    expect(weeklySeries(trends, ['Pricing'], 'perCall')).toEqual([
      { name: 'Pricing', full: [null, 1, 2], partial: [0.5, null, null] },
    ]);
    const either = (metric: 'share' | 'count') =>
      weeklySeries(trends, ['Pricing'], metric)[0]!.full.map(
        (v, w) => v ?? weeklySeries(trends, ['Pricing'], metric)[0]!.partial[w],
      );
    expect(either('share')).toEqual([0.5, 0.5, 0.8]);
    expect(either('count')).toEqual([1, 10, 40]);
    // A tracker the trends don't hold has no values, not zeros.
    expect(weeklySeries(trends, ['Nope'], 'count')[0]!.full).toEqual([null, null, null]);
  });

  it('sets each rep beside the team average, counts compared per call', () => {
    const perCall = repRows(trends, 'Pricing', 'perCall', { u1: 'Ann', u2: 'Bo' });
    expect(perCall.team).toBeCloseTo(51 / 32, 3);
    expect(perCall.rows.map((r) => [r.rep, r.value, r.difference])).toEqual([
      ['Ann', 3, Math.round((3 - 51 / 32) * 1000) / 1000],
      ['Bo', 0.75, Math.round((0.75 - 51 / 32) * 1000) / 1000],
    ]);
    expect(repRows(trends, 'Pricing', 'count', {}).metric).toBe('perCall');
  });
});
