import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';

describe('createLogger', () => {
  it('redacts credential-named fields at any depth', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _e, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ service: 'test', level: 'info', destination: sink });
    logger.info({
      headers: { Authorization: 'Basic c2VjcmV0', Cookie: 'callmine.session_token=abc' },
      body: { password: 'hunter2hunter2', nested: [{ secretKey: 's3cr3t', accessToken: 'tok' }] },
      keep: 'visible',
    });
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line.keep).toBe('visible');
    expect(line.headers).toEqual({ Authorization: '[redacted]', Cookie: '[redacted]' });
    expect(line.body.password).toBe('[redacted]');
    expect(line.body.nested[0]).toEqual({ secretKey: '[redacted]', accessToken: '[redacted]' });
    expect(lines.join('')).not.toMatch(/hunter2|s3cr3t|c2VjcmV0|abc"/);
  });
});
