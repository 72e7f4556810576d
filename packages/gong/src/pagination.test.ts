import { describe, expect, it } from 'vitest';
import { inBatches, type Page, paginate } from './pagination.ts';
import { collect, failure } from './test-support/outcomes.ts';

const page = (items: number[], cursor?: string): Page<number> => ({
  items,
  records: cursor ? { cursor } : {},
  requestId: undefined,
});

describe('paginate', () => {
  it('follows cursors until Gong stops sending one', async () => {
    const asked: (string | undefined)[] = [];
    const pages = paginate(async (cursor) => {
      asked.push(cursor);
      return cursor === undefined ? page([1, 2], 'a') : cursor === 'a' ? page([3], 'b') : page([4]);
    });
    expect(await collect(pages.items())).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([undefined, 'a', 'b']);
  });

  it('ends quietly when the first page is "nothing there"', async () => {
    expect(await collect(paginate(async () => undefined))).toEqual([]);
  });

  it('refuses a cursor it has already followed', async () => {
    const error = await failure(collect(paginate(async () => page([1], 'same'))));
    expect(error).toMatchObject({ kind: 'bad-response', detail: 'cursor-repeated' });
  });
});

describe('inBatches', () => {
  it('splits ids into batches of the given size and never asks for an empty one', async () => {
    const batches: string[][] = [];
    const ids = ['1', '2', '3', '4', '5'];
    const pages = inBatches(ids, 2, (batch) => {
      batches.push(batch);
      return paginate(async () => page(batch.map(Number)));
    });
    expect(await collect(pages.items())).toEqual([1, 2, 3, 4, 5]);
    expect(batches).toEqual([['1', '2'], ['3', '4'], ['5']]);

    const none = inBatches([], 2, () => {
      throw new Error('must not be called');
    });
    expect(await collect(none)).toEqual([]);
  });
});
