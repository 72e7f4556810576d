import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from './sqlite.ts';
import type { Db } from './types.ts';

// The vault canary table is a convenient key/value table: key_id (primary key), envelope (text).
const put = (db: Db, key: string, value: string) =>
  db.insert(db.tables.vaultKeyCanary).values({ keyId: key, envelope: value });
const read = async (db: Db, key: string) => {
  const { vaultKeyCanary: t } = db.tables;
  const [row] = await db.select({ v: t.envelope }).from(t).where(eq(t.keyId, key)).limit(1);
  return row?.v;
};

describe('the SQLite database handle', () => {
  let dir: string;
  let database: SqliteDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callmine-sqlite-'));
    database = openSqliteDatabase(join(dir, 'callmine.db'));
  });
  afterEach(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('describes itself and answers ping', async () => {
    expect(database.dialect).toBe('sqlite');
    expect(database.db.dialect).toBe('sqlite');
    expect(database.db.tables.vaultKeyCanary).toBeDefined();
    await expect(database.ping()).resolves.toBeUndefined();
  });

  it('commits a transaction and returns its value', async () => {
    const result = await database.db.transaction(async (tx) => {
      await put(tx, 'a', '1');
      await put(tx, 'b', '2');
      expect(database.sqlite.inTransaction).toBe(true);
      return 'done';
    });
    expect(result).toBe('done');
    expect(database.sqlite.inTransaction).toBe(false);
    expect(await read(database.db, 'a')).toBe('1');
    expect(await read(database.db, 'b')).toBe('2');
  });

  it('rolls back everything when the callback throws, and rethrows', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await put(tx, 'a', '1');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(database.sqlite.inTransaction).toBe(false);
    expect(await read(database.db, 'a')).toBeUndefined();
  });

  it('serialises concurrent transactions: 50 read-modify-write increments end at 50', async () => {
    await put(database.db, 'counter', '0');
    const increment = () =>
      database.db.transaction(async (tx) => {
        const value = Number(await read(tx, 'counter'));
        // Yield to the event loop between the read and the write: without the lock, others would read the same value.
        await new Promise((resolve) => setImmediate(resolve));
        const { vaultKeyCanary: t } = tx.tables;
        await tx
          .update(t)
          .set({ envelope: String(value + 1) })
          .where(eq(t.keyId, 'counter'));
      });
    await Promise.all(Array.from({ length: 50 }, increment));
    expect(await read(database.db, 'counter')).toBe('50');
  });

  it('is reentrant: a nested transaction joins the outer one and rolls back with it', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await put(tx, 'outer', '1');
        const inner = await database.db.transaction(async (nested) => {
          await put(nested, 'inner', '2');
          return 'inner-done';
        });
        expect(inner).toBe('inner-done');
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await read(database.db, 'outer')).toBeUndefined();
    expect(await read(database.db, 'inner')).toBeUndefined();
  });

  it('keeps a statement issued outside the transaction out of it (it waits its turn)', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let proceed!: () => void;
    const gate = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    const failing = database.db.transaction(async (tx) => {
      await put(tx, 'in-tx', '1');
      entered();
      await gate;
      throw new Error('roll back');
    });
    await inside;
    // Another request writes while the transaction is open on the same connection.
    const outside = put(database.db, 'outside', '2');
    proceed();
    await expect(failing).rejects.toThrow('roll back');
    await outside;
    expect(await read(database.db, 'in-tx')).toBeUndefined();
    expect(await read(database.db, 'outside')).toBe('2');
  });

  it('takes turns with a second handle on the same file in this process', async () => {
    const second = openSqliteDatabase(join(dir, 'callmine.db'));
    try {
      await put(database.db, 'counter', '0');
      const increment = (db: Db) =>
        db.transaction(async (tx) => {
          const value = Number(await read(tx, 'counter'));
          await new Promise((resolve) => setImmediate(resolve));
          await tx
            .update(tx.tables.vaultKeyCanary)
            .set({ envelope: String(value + 1) })
            .where(eq(tx.tables.vaultKeyCanary.keyId, 'counter'));
        });
      await Promise.all(Array.from({ length: 20 }, (_, i) => increment(i % 2 ? second.db : database.db)));
      expect(await read(database.db, 'counter')).toBe('20');
    } finally {
      await second.close();
    }
  });

  it("waits for another process's write transaction (busy timeout) instead of failing", async () => {
    const path = join(dir, 'callmine.db');
    // The child holds the write lock for 400 ms, then commits.
    const script = `
      import Database from 'better-sqlite3';
      const db = new Database(process.argv[1]);
      db.pragma('busy_timeout = 5000');
      db.exec('BEGIN IMMEDIATE');
      db.prepare("insert into vault_key_canary (key_id, envelope) values ('child', 'x')").run();
      process.stdout.write('locked\\n');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
      db.exec('COMMIT');
      db.close();
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script, path], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('locked')) resolve();
      });
      child.on('exit', () => reject(new Error(`child exited early: ${stderr}`)));
    });
    const started = Date.now();
    await database.db.transaction(async (tx) => {
      await put(tx, 'parent', 'y');
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(await exited).toBe(0);
    const rows = await database.db.all<{ n: number }>(sql`select count(*) as n from vault_key_canary`);
    expect(rows).toEqual([{ n: 2 }]);
  });
});
