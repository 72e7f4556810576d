import { count, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestPostgresDatabase, openTestPostgresDatabase } from '../testing/postgres-database.ts';
import { openPostgresDatabase } from './postgres.ts';
import type { Db } from './types.ts';

const aUser = (id: string) => ({ id, name: id, email: `${id}@example.test` });
const userIds = async (db: Db) =>
  (await db.select({ id: db.tables.user.id }).from(db.tables.user).orderBy(db.tables.user.id)).map(
    (r) => r.id,
  );

describe('PostgreSQL transactions', () => {
  it('commits, and rolls back everything when the callback throws', async () => {
    await using database = await openTestPostgresDatabase();
    const { db } = database;
    await db.transaction(async (tx) => {
      await tx.insert(tx.tables.user).values(aUser('kept'));
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(tx.tables.user).values(aUser('lost'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await userIds(db)).toEqual(['kept']);
  });

  it('is reentrant, and the handle itself runs inside the open transaction', async () => {
    await using database = await openTestPostgresDatabase();
    const { db, pool } = database;
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(tx.tables.user).values(aUser('outer'));
        await db.transaction(async (inner) => {
          await inner.insert(inner.tables.user).values(aUser('inner'));
        });
        // The service's own handle sees the uncommitted rows (same connection); another connection does not.
        expect(await userIds(db)).toEqual(['inner', 'outer']);
        expect((await pool.query('select count(*)::int as n from "user"')).rows[0].n).toBe(0);
        throw new Error('roll back both');
      }),
    ).rejects.toThrow('roll back both');
    expect(await userIds(db)).toEqual([]);
  });

  it('serialises transactions that share a lock key across processes (here: two pools)', async () => {
    await using created = await createTestPostgresDatabase();
    const a = await openPostgresDatabase(created.url, { poolSize: 5 });
    const b = await openPostgresDatabase(created.url, { poolSize: 5 });
    try {
      await a.db
        .insert(a.db.tables.gongRequestBudget)
        .values({ credentialKey: 'k', day: '2026-11-30', used: 0 });
      // Read, wait, write: without the lock concurrent transactions read the same value and lose updates.
      const increment = (db: Db, lock: string | undefined, beforeWrite: () => Promise<void>) =>
        db.transaction(
          async (tx) => {
            const budget = tx.tables.gongRequestBudget;
            const [row] = await tx.select({ used: budget.used }).from(budget).limit(1);
            await beforeWrite();
            await tx.update(budget).set({ used: row!.used + 1 });
          },
          lock === undefined ? {} : { lock },
        );
      const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 20));
      await Promise.all([a.db, b.db, a.db, b.db, a.db].map((db) => increment(db, 'budget:k', pause)));
      const used = async () => (await a.db.select().from(a.db.tables.gongRequestBudget))[0]!.used;
      expect(await used()).toBe(5);

      // The control: the same five without a key all read before anyone writes (a barrier), and four updates are lost.
      let arrived = 0;
      let release!: () => void;
      const allRead = new Promise<void>((resolve) => {
        release = resolve;
      });
      const barrier = async () => {
        arrived += 1;
        if (arrived === 5) release();
        await allRead;
      };
      await Promise.all([a.db, b.db, a.db, b.db, a.db].map((db) => increment(db, undefined, barrier)));
      expect(await used()).toBe(6);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('PostgreSQL raw SQL through the interface', () => {
  it('answers all, get, values and run, inside a transaction on its connection', async () => {
    await using database = await openTestPostgresDatabase();
    const { db } = database;
    await db.insert(db.tables.user).values([aUser('a'), aUser('b')]);
    expect(await db.all(sql`select id from "user" order by id`)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(await db.get(sql`select count(*) as n from "user"`)).toEqual({ n: 2 });
    expect(await db.values(sql`select id, name from "user" order by id`)).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
    await db.transaction(async () => {
      expect(await db.run(sql`update "user" set name = 'renamed'`)).toEqual({
        changes: 2,
        lastInsertRowid: 0,
      });
      expect(await db.all(sql`select distinct name from "user"`)).toEqual([{ name: 'renamed' }]);
      const others = await database.pool.query('select distinct name from "user" order by name');
      expect(others.rows).toEqual([{ name: 'a' }, { name: 'b' }]);
    });
    expect(await db.all('select distinct name from "user"')).toEqual([{ name: 'renamed' }]);
  });
});

describe('PostgreSQL numbers', () => {
  it('gives numbers for count, sum and avg, like SQLite, for this pool only', async () => {
    await using database = await openTestPostgresDatabase();
    const { db } = database;
    await db.insert(db.tables.user).values([aUser('a'), aUser('b'), aUser('c')]);
    const budget = db.tables.gongRequestBudget;
    await db.insert(budget).values([
      { credentialKey: 'k', day: '2026-11-29', used: 2 },
      { credentialKey: 'k', day: '2026-11-30', used: 3 },
    ]);
    expect(await db.select({ n: count() }).from(db.tables.user)).toEqual([{ n: 3 }]);
    const [raw] = await db
      .select({
        n: sql<number>`count(*)`,
        total: sql<number>`sum(${budget.used})`,
        mean: sql<number>`avg(${budget.used})`,
      })
      .from(budget)
      .where(eq(budget.credentialKey, 'k'));
    expect(raw).toEqual({ n: 2, total: 5, mean: 2.5 });
    expect((await database.pool.query('select count(*) as n from "user"')).rows[0].n).toBe(3);
    // An int8 JavaScript can't hold is refused rather than rounded.
    const big = await db
      .select({ big: sql<number>`9007199254740993::int8` })
      .from(db.tables.user)
      .catch((error: Error) => error);
    expect((big as Error).cause).toBeInstanceOf(RangeError);
    expect(((big as Error).cause as Error).message).toBe(
      'int8 9007199254740993 does not fit a JavaScript number',
    );
    // pg's global parsers are untouched (another library in the process keeps its strings).
    expect(pg.types.getTypeParser(20, 'text')('7')).toBe('7');
  });
});
