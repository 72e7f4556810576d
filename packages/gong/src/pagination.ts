import { z } from 'zod';
import { GongError } from './errors.ts';

// Gong's cursor pagination: a list response carries `records.cursor` while more pages exist; the same request is
// repeated with that cursor.

export const pageRecordsSchema = z.looseObject({
  totalRecords: z.number().optional(),
  currentPageSize: z.number().optional(),
  currentPageNumber: z.number().optional(),
  cursor: z.string().optional(),
});
export type PageRecords = z.infer<typeof pageRecordsSchema>;

export interface Page<T> {
  readonly items: readonly T[];
  readonly records: PageRecords;
  readonly requestId: string | undefined;
}

/** Iterate pages with `for await (const page of pages)`, or single items with `for await (const x of pages.items())`. */
export interface Pages<T> extends AsyncIterable<Page<T>> {
  items(): AsyncIterable<T>;
}

/** `fetchPage` returns undefined for "nothing there" (Gong's 404 on an empty calls filter): iteration just ends. */
export function paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<Page<T> | undefined>,
): Pages<T> {
  async function* pages(): AsyncGenerator<Page<T>> {
    let cursor: string | undefined;
    const seen = new Set<string>();
    do {
      const page = await fetchPage(cursor);
      if (!page) return;
      yield page;
      cursor = page.records.cursor || undefined;
      // A server handing back a cursor it already gave would otherwise keep us spending the daily budget forever.
      if (cursor !== undefined) {
        if (seen.has(cursor)) throw new GongError('bad-response', { detail: 'cursor-repeated' });
        seen.add(cursor);
      }
    } while (cursor !== undefined);
  }
  return withItems(pages);
}

/** Runs `pagesFor` on consecutive batches of `ids` (never on an empty batch) and chains their pages. */
export function inBatches<T>(
  ids: readonly string[],
  batchSize: number,
  pagesFor: (batch: string[]) => Pages<T>,
): Pages<T> {
  async function* pages(): AsyncGenerator<Page<T>> {
    for (let start = 0; start < ids.length; start += batchSize) {
      yield* pagesFor(ids.slice(start, start + batchSize));
    }
  }
  return withItems(pages);
}

function withItems<T>(pages: () => AsyncGenerator<Page<T>>): Pages<T> {
  return {
    [Symbol.asyncIterator]: () => pages(),
    async *items() {
      for await (const page of pages()) yield* page.items;
    },
  };
}
