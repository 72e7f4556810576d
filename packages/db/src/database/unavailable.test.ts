// Which errors mean "the database is not answering" (the worker pauses) and which are a statement's own failure.
import { describe, expect, it } from 'vitest';
import { databaseUnavailableReason, isDatabaseUnavailable } from './unavailable.ts';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('databaseUnavailableReason', () => {
  it('names socket failures, PostgreSQL shutdown states and lost connections', () => {
    expect(databaseUnavailableReason(coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(
      'connection refused',
    );
    expect(
      databaseUnavailableReason(coded('terminating connection due to administrator command', '57P01')),
    ).toBe('the server is shutting down');
    expect(databaseUnavailableReason(coded('the database system is starting up', '57P03'))).toBe(
      'the server is starting up or shutting down',
    );
    expect(databaseUnavailableReason(coded('connection failure', '08006'))).toBe('connection failure');
    expect(databaseUnavailableReason(new Error('Connection terminated unexpectedly'))).toBe(
      'connection lost',
    );
    expect(
      databaseUnavailableReason(new Error('Client has encountered a connection error and is not queryable')),
    ).toBe('connection lost');
  });

  it('follows causes (drizzle wraps the driver error) and never quotes the message', () => {
    const wrapped = new Error('Failed query: insert into "job" … params: secret-looking', {
      cause: coded('connect ECONNREFUSED 10.0.0.5:5432', 'ECONNREFUSED'),
    });
    expect(databaseUnavailableReason(wrapped)).toBe('connection refused');
  });

  it('leaves a statement’s own failures and SQLite’s busy database alone', () => {
    expect(isDatabaseUnavailable(coded('duplicate key value violates unique constraint', '23505'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(coded('database is locked', 'SQLITE_BUSY'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });
});
