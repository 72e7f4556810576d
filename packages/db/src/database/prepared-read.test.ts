// Prepared reads and SQLite's statement cache: built once, they still read what is in the database now, on both
// dialects; a cached statement switched to raw rows by one query answers objects to the next.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dialects, openTestDatabase } from '../testing/test-databases.ts';
import { preparedRead } from './prepared-read.ts';
import { openSqliteDatabase } from './sqlite.ts';
import type { Db } from './types.ts';

const userById = preparedRead('test_user_by_id', (db: Db) => {
  const t = db.tables;
  return db
    .select({ name: t.user.name, verified: t.user.emailVerified })
    .from(t.user)
    .where(eq(t.user.id, sql.placeholder('id')));
});

describe.each(dialects)('preparedRead on %s', (dialect) => {
  it('reads the current rows on every call, for each value given', async () => {
    await using database = await openTestDatabase(dialect);
    const { db } = database;
    const t = db.tables;
    expect(await userById(db, { id: 'u1' })).toEqual([]);
    await db.insert(t.user).values([
      { id: 'u1', name: 'Ada', email: 'ada@example.test' },
      { id: 'u2', name: 'Grace', email: 'grace@example.test', emailVerified: true },
    ]);
    expect(await userById(db, { id: 'u1' })).toEqual([{ name: 'Ada', verified: false }]);
    expect(await userById(db, { id: 'u2' })).toEqual([{ name: 'Grace', verified: true }]);
    await db.update(t.user).set({ name: 'Ada Lovelace' }).where(eq(t.user.id, 'u1'));
    expect(await userById(db, { id: 'u1' })).toEqual([{ name: 'Ada Lovelace', verified: false }]);
    await db.delete(t.user).where(eq(t.user.id, 'u1'));
    expect(await userById(db, { id: 'u1' })).toEqual([]);
  });
});

describe('the SQLite statement cache', () => {
  it('answers objects after the same text was run for raw rows', async () => {
    await using database = await openTestDatabase('sqlite');
    const { db } = database;
    const t = db.tables;
    await db.insert(t.user).values({ id: 'u1', name: 'Ada', email: 'ada@example.test' });
    const text = sql`select "id", "name" from "user" where "id" = ${'u1'}`;
    // values() puts the cached statement in raw mode; all() must not inherit it.
    expect(await db.values(text)).toEqual([['u1', 'Ada']]);
    expect(await db.all(text)).toEqual([{ id: 'u1', name: 'Ada' }]);
    expect(await db.get(text)).toEqual({ id: 'u1', name: 'Ada' });
  });

  it('reuses one compiled statement per text', async () => {
    const database = openSqliteDatabase(':memory:');
    try {
      const prepare = database.sqlite.prepare.bind(database.sqlite);
      let compiled = 0;
      database.sqlite.prepare = ((source: string) => {
        compiled += 1;
        return prepare(source);
      }) as typeof database.sqlite.prepare;
      const t = database.db.tables;
      for (let i = 0; i < 5; i += 1) {
        await database.db
          .select({ id: t.user.id })
          .from(t.user)
          .where(eq(t.user.id, `u${i}`));
      }
      expect(compiled).toBe(1);
    } finally {
      await database.close();
    }
  });
});
