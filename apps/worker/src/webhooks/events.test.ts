import { webhookEventData } from '@callmine/contracts';
import { describe, expect, it } from 'vitest';
import { quotaEvents, runFinishedEvent } from './events.ts';

const at = new Date('2026-03-10T12:00:00Z');

describe('webhook events', () => {
  it('announces each quota threshold only on the charge that crosses it', () => {
    const q = (usedBefore: number, usedAfter: number, allowance = 100) =>
      quotaEvents('ws1', { month: '2026-03', allowance, usedBefore, usedAfter, at }).map((e) => e.eventId);
    expect(q(0, 79)).toEqual([]);
    expect(q(79, 80)).toEqual(['quota.reached-80:ws1:2026-03']);
    expect(q(80, 99)).toEqual([]);
    expect(q(50, 100)).toEqual(['quota.reached-80:ws1:2026-03', 'quota.reached-100:ws1:2026-03']);
    expect(q(100, 100)).toEqual([]);
    expect(q(0, 0, 0)).toEqual([]);
    // An allowance of 7: 80 % is 5.6 calls, so the 6th call crosses it.
    expect(q(5, 6, 7)).toEqual(['quota.reached-80:ws1:2026-03']);
  });

  it('builds payloads that match the documented schema and carry no more', () => {
    const e = runFinishedEvent(
      'ws1',
      { runId: 'r1', name: 'Weekly', outcome: 'partial', callsAnalyzed: 12, reportId: 'rep1', error: null },
      at,
    );
    expect(e.eventId).toBe('run.finished:r1');
    expect(webhookEventData['run.finished'].strict().parse(e.data)).toEqual(e.data);
  });
});
