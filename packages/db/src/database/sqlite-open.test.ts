import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase as openDatabase } from './sqlite.ts';

describe('openDatabase', () => {
  const dirs: string[] = [];
  const tempPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'callmine-db-'));
    dirs.push(dir);
    return join(dir, 'nested', 'callmine.db');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the file and its WAL readable by the owner only, and tightens an older, looser file', () => {
    const path = tempPath();
    const mode = (file: string) => statSync(file).mode & 0o777;
    const opened = openDatabase(path);
    try {
      opened.sqlite.exec('create table canary (x)');
      expect(mode(path)).toBe(0o600);
      expect(mode(`${path}-wal`)).toBe(0o600);
    } finally {
      opened.close();
    }
    const loose = join(dirname(path), 'loose.db');
    writeFileSync(loose, '');
    chmodSync(loose, 0o644);
    openDatabase(loose).close();
    expect(mode(loose)).toBe(0o600);
  });

  it('creates the file, applies migrations and sets the durability pragmas', () => {
    const opened = openDatabase(tempPath());
    try {
      expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
      const tables = opened.sqlite
        .prepare("select name from sqlite_master where type = 'table' order by name")
        .pluck()
        .all();
      expect(tables).toEqual(
        expect.arrayContaining(['user', 'session', 'organization', 'member', 'invitation']),
      );
    } finally {
      opened.close();
    }
  });

  it('is idempotent: opening an existing database applies nothing twice', () => {
    const path = tempPath();
    openDatabase(path).close();
    const again = openDatabase(path);
    try {
      const applied = again.sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get();
      const journal = JSON.parse(
        readFileSync(new URL('../../migrations/meta/_journal.json', import.meta.url), 'utf8'),
      );
      expect(applied).toBe(journal.entries.length);
    } finally {
      again.close();
    }
  });
});
