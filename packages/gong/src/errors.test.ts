import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { GongError } from './errors.ts';

describe('GongError', () => {
  it('carries the kind, status, request id and wait a UI needs', () => {
    const error = new GongError('rate-limited', { status: 429, requestId: 'r-1', retryAfterSeconds: 7 });
    expect(error).toMatchObject({
      kind: 'rate-limited',
      status: 429,
      requestId: 'r-1',
      retryAfterSeconds: 7,
    });
    expect(error.message).toBe('Gong is rate limiting requests for this account. Try again later.');
  });

  it('keeps the low-level detail out of JSON and default inspection', () => {
    const error = new GongError('unreachable', { detail: 'ECONNREFUSED' });
    expect(error.detail).toBe('ECONNREFUSED');
    expect(JSON.stringify(error)).not.toContain('ECONNREFUSED');
    expect(inspect(error)).not.toContain('ECONNREFUSED');
    expect(error.toLog()).toMatchObject({ kind: 'unreachable', detail: 'ECONNREFUSED' });
  });

  it('hints at the base URL when credentials are refused', () => {
    expect(new GongError('invalid-credentials').message).toMatch(/base URL/);
  });
});
