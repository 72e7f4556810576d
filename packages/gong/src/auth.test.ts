import { describe, expect, it } from 'vitest';
import { basicAuthorization, bearerAuthorization } from './auth.ts';
import { GongError } from './errors.ts';

describe('authorization headers', () => {
  it('builds Basic base64(accessKey:secret)', () => {
    expect(basicAuthorization('AK1', 's3cr3t')).toBe(`Basic ${btoa('AK1:s3cr3t')}`);
  });

  it('builds Bearer <token>', () => {
    expect(bearerAuthorization('eyJ.abc-_~+/=')).toBe('Bearer eyJ.abc-_~+/=');
  });

  it('refuses malformed credentials without echoing them', () => {
    for (const build of [
      () => basicAuthorization('has:colon', 'canary-secret-1'),
      () => basicAuthorization('AK', 'canary\r\nsecret-1'),
      () => bearerAuthorization('canary token-1'),
    ]) {
      let thrown: unknown;
      try {
        build();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(GongError);
      expect(JSON.stringify(thrown) + String(thrown) + (thrown as Error).stack).not.toMatch(/canary/);
    }
  });
});
