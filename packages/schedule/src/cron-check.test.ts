import { describe, expect, it } from 'vitest';
import { cronProblem } from './cron-check.ts';
import { describeCadence } from './describe.ts';

const now = new Date('2026-05-01T00:00:00Z');

describe('cronProblem', () => {
  it('accepts a weekday-mornings expression', () => {
    expect(cronProblem('0 9 * * 1-5', 'Europe/Berlin', now)).toBeNull();
  });
  it('refuses what does not parse, seconds fields, and slots closer than 15 minutes', () => {
    expect(cronProblem('0 25 * * *', 'UTC', now)).toMatch(/does not parse/);
    expect(cronProblem('0 0 9 * * *', 'UTC', now)).toMatch(/does not parse/);
    expect(cronProblem('*/5 * * * *', 'UTC', now)).toMatch(/at most every 15 minutes/);
    expect(cronProblem('*/15 * * * *', 'UTC', now)).toBeNull();
  });
});

describe('describeCadence', () => {
  it('says the cadence and zone in words', () => {
    expect(describeCadence({ kind: 'weekly', weekday: 'monday', time: '09:00' }, 'Europe/Berlin')).toBe(
      'Every Monday at 09:00 (Europe/Berlin)',
    );
    expect(describeCadence({ kind: 'monthly', day: 31, time: '07:30' }, 'UTC')).toBe(
      'Monthly on the 31st (or the month’s last day) at 07:30 (UTC)',
    );
  });
});
