import { decodeCursor, encodeCursor } from './cursor.ts';

/** Gong's fixed page size for calls, transcripts and users. */
export const PAGE_SIZE = 100;

/** The ordered call (or user) indexes a request selects, without materialising ranges that need no scan. */
export interface Selection {
  total: number;
  slice(offset: number, size: number): number[];
}

export function rangeSelection(start: number, end: number): Selection {
  return {
    total: end - start,
    slice: (offset, size) => {
      const from = start + offset;
      const to = Math.min(end, from + size);
      return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
    },
  };
}

export function listSelection(indexes: number[]): Selection {
  return { total: indexes.length, slice: (offset, size) => indexes.slice(offset, offset + size) };
}

export interface Records {
  totalRecords: number;
  currentPageSize: number;
  currentPageNumber: number;
  cursor?: string;
}

export type PageResult = { ok: true; indexes: number[]; records: Records } | { ok: false; error: string };

/** One page of the selection; the cursor is present only when more records follow, as in Gong. */
export function pageOf(selection: Selection, fingerprint: string, cursor: string | undefined): PageResult {
  const decoded = decodeCursor(cursor, fingerprint);
  if (!decoded.ok) return decoded;
  const { pageNumber, offset } = decoded.position;
  const indexes = selection.slice(offset, PAGE_SIZE);
  const nextOffset = offset + indexes.length;
  const records: Records = {
    totalRecords: selection.total,
    currentPageSize: indexes.length,
    currentPageNumber: pageNumber,
  };
  if (nextOffset < selection.total) {
    records.cursor = encodeCursor(fingerprint, { pageNumber: pageNumber + 1, offset: nextOffset });
  }
  return { ok: true, indexes, records };
}
