import type { TenantData } from '../data/tenant-data.ts';
import { listSelection, rangeSelection, type Selection } from './pagination.ts';

export interface CallFilter {
  from?: number;
  to?: number;
  workspaceId?: string;
  callIds?: string[];
  primaryUserIds?: string[];
  /** Transcript requests skip calls that have none, as Gong does. */
  withTranscript?: boolean;
}

// Scanned selections are cached per tenant and filter so paging through 100,000 calls scans once, not
// once per page.
const scans = new WeakMap<TenantData, Map<string, number[]>>();
const MAX_CACHED_SCANS = 32;

export function selectCalls(data: TenantData, filter: CallFilter): Selection {
  const { start, end } = data.timeline.rangeOf(filter.from, filter.to);
  const needsScan =
    filter.callIds !== undefined ||
    filter.workspaceId !== undefined ||
    filter.primaryUserIds !== undefined ||
    filter.withTranscript === true;
  if (!needsScan) return rangeSelection(start, end);

  const key = JSON.stringify(filter);
  let cache = scans.get(data);
  if (!cache) {
    cache = new Map();
    scans.set(data, cache);
  }
  const cached = cache.get(key);
  if (cached) return listSelection(cached);

  const candidates = filter.callIds
    ? [...new Set(filter.callIds.map((id) => data.indexOfCallId(id)))]
        .filter((index): index is number => index !== undefined && index >= start && index < end)
        .sort((a, b) => a - b)
    : null;
  const matches = (index: number): boolean =>
    (filter.workspaceId === undefined || data.workspaceIdAt(index) === filter.workspaceId) &&
    (!filter.withTranscript || data.hasTranscriptAt(index)) &&
    (filter.primaryUserIds === undefined ||
      filter.primaryUserIds.includes(data.call(index).metaData.primaryUserId));
  const indexes: number[] = [];
  if (candidates) {
    for (const index of candidates) if (matches(index)) indexes.push(index);
  } else {
    for (let index = start; index < end; index++) if (matches(index)) indexes.push(index);
  }
  if (cache.size >= MAX_CACHED_SCANS) cache.clear();
  cache.set(key, indexes);
  return listSelection(indexes);
}
