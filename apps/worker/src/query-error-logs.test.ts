// A failed query's bound values never reach a log line or a job's stored error: drizzle puts them in the error's
// message and a `params` field, and a value can be a sealed secret or a token's hash. Real queries on both dialects.
import { Writable } from 'node:stream';
import { dialects, openTestDatabase } from '@callmine/db/testing/databases';
import { createLogger, errorSummary } from '@callmine/logger';
import { describe, expect, it } from 'vitest';

const CANARY = 'canary-9f2c4e7a1b-sealed-value';

describe.each(dialects)('a failed query on %s', (dialect) => {
  it('is logged and summarised with its SQL but without its values, also as the cause of another error', async () => {
    await using database = await openTestDatabase(dialect);
    const { db } = database;
    const row = { id: 'u1', name: CANARY, email: `${CANARY}@example.com` };
    await db.insert(db.tables.user).values(row);
    const failure = await db
      .insert(db.tables.user)
      .values(row)
      .then(() => undefined)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    // On PostgreSQL drizzle wraps the driver's error with the values (what this guards against is real); on SQLite
    // the driver's own error comes through, which names the column only.
    if (dialect === 'postgres') expect((failure as Error).message).toContain(CANARY);
    else expect((failure as Error).message).toBe('UNIQUE constraint failed: user.email');

    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ service: 'test', level: 'info', destination: sink });
    logger.error({ err: failure }, 'query failed');
    logger.error({ err: new Error('run failed', { cause: failure }) }, 'wrapped');
    const logged = lines.join('');
    expect(lines).toHaveLength(2);
    expect(logged).toContain(
      dialect === 'postgres' ? 'Failed query: insert into' : 'UNIQUE constraint failed',
    );
    expect(logged).not.toContain(CANARY);

    const summary = errorSummary(failure);
    expect(summary).toMatch(
      dialect === 'postgres' ? /^\w+: Failed query: insert into/ : /^SqliteError: UNIQUE/,
    );
    expect(summary).not.toContain(CANARY);
  });
});
