import { unitOf } from './random.ts';

const MINUTE = 60_000;
export const DAY = 86_400_000;

/**
 * Call start times, spread evenly (with jitter) over `days` before `until` and non-decreasing by index.
 * Monotonic order lets a date-range filter become an index range by binary search, so listing a window of
 * a 100,000-call tenant never generates calls outside it.
 */
export class Timeline {
  readonly from: number;

  constructor(
    private readonly seed: number,
    private readonly tenantId: string,
    readonly count: number,
    readonly until: number,
    days: number,
  ) {
    this.from = until - days * DAY;
  }

  startOf(index: number): number {
    const span = this.until - this.from;
    // Jitter below 1 slot keeps the sequence monotonic; flooring to the minute keeps it non-decreasing.
    const position = index + unitOf(this.seed, this.tenantId, 'jitter', index) * 0.9;
    const at = this.from + Math.floor((position * span) / this.count);
    return Math.floor(at / MINUTE) * MINUTE;
  }

  /** First index whose start is at or after `time` (count when none). */
  firstAtOrAfter(time: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.startOf(mid) < time) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Indexes [start, end) of calls started in [from, to): Gong treats fromDateTime inclusive, toDateTime exclusive. */
  rangeOf(from: number | undefined, to: number | undefined): { start: number; end: number } {
    const start = from === undefined ? 0 : this.firstAtOrAfter(from);
    const end = to === undefined ? this.count : this.firstAtOrAfter(to);
    return { start, end: Math.max(start, end) };
  }
}
