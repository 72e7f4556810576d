import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { monthlyCallQuotaRange } from './monthly-call-quota.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.databasePath).toMatch(/\.callmine\/callmine\.db$/);
    expect(config.monthlyCallQuota).toBe(1000);
  });

  it('names every bad variable and what it allows, without echoing secrets', () => {
    try {
      loadConfig({ PORT: 'eighty', CALLMINE_LOG_LEVEL: 'loud', CALLMINE_AUTH_SECRET: 'tooshort-secret' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT: PORT must be a whole number from 1 to 65535');
      expect(message).toContain('CALLMINE_LOG_LEVEL must be one of fatal, error, warn, info');
      expect(message).toContain('CALLMINE_AUTH_SECRET must be at least 32 characters');
      expect(message).not.toContain('tooshort-secret');
    }
  });

  it('reads a PostgreSQL URL, and refuses any other without echoing it', () => {
    expect(loadConfig({}).databaseUrl).toBeUndefined();
    for (const url of [
      'postgres://cm:pw@db.internal:5432/callmine',
      'postgresql://cm@127.0.0.1/callmine?sslmode=require',
    ]) {
      expect(loadConfig({ CALLMINE_DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    for (const bad of [
      'mysql://cm:s3cret-canary@db/callmine',
      'db.internal:5432',
      'postgres//cm:s3cret-canary@db',
    ]) {
      expect(() => loadConfig({ CALLMINE_DATABASE_URL: bad })).toThrow(
        'CALLMINE_DATABASE_URL: CALLMINE_DATABASE_URL must be a postgres:// or postgresql:// URL',
      );
      try {
        loadConfig({ CALLMINE_DATABASE_URL: bad });
      } catch (error) {
        expect(String((error as Error).message)).not.toContain('s3cret-canary');
      }
    }
  });

  it('reads the scheduler tick, 15 seconds by default, and names the variable when it is out of range', () => {
    expect(loadConfig({}).worker.schedulerTickMs).toBe(15_000);
    expect(loadConfig({ CALLMINE_SCHEDULER_TICK_MS: '500' }).worker.schedulerTickMs).toBe(500);
    expect(() => loadConfig({ CALLMINE_SCHEDULER_TICK_MS: '10' })).toThrow(/CALLMINE_SCHEDULER_TICK_MS/);
  });

  it('reads the Gong retry backoff, 500 ms base and 8 s cap by default, the cap never below the base', () => {
    expect(loadConfig({}).gong.retryBackoff).toEqual({ baseMs: 500, capMs: 8000 });
    expect(
      loadConfig({ CALLMINE_GONG_RETRY_BASE_MS: '10', CALLMINE_GONG_RETRY_CAP_MS: '50' }).gong.retryBackoff,
    ).toEqual({ baseMs: 10, capMs: 50 });
    expect(
      loadConfig({ CALLMINE_GONG_RETRY_BASE_MS: '900', CALLMINE_GONG_RETRY_CAP_MS: '50' }).gong.retryBackoff,
    ).toEqual({ baseMs: 900, capMs: 900 });
    expect(() => loadConfig({ CALLMINE_GONG_RETRY_BASE_MS: '0' })).toThrow(/CALLMINE_GONG_RETRY_BASE_MS/);
  });

  it('reads the monthly call quota and names the variable when it is not a whole number', () => {
    expect(loadConfig({ CALLMINE_MONTHLY_CALL_QUOTA: '250' }).monthlyCallQuota).toBe(250);
    expect(() => loadConfig({ CALLMINE_MONTHLY_CALL_QUOTA: 'lots' })).toThrow(
      /CALLMINE_MONTHLY_CALL_QUOTA must be a whole number of calls from 0 to 10,000,000/,
    );
    expect(loadConfig({ CALLMINE_MONTHLY_CALL_QUOTA: '10000000' }).monthlyCallQuota).toBe(10_000_000);
    expect(() => loadConfig({ CALLMINE_MONTHLY_CALL_QUOTA: '10000001' })).toThrow(/from 0 to 10,000,000/);
  });

  it('states the allowance range in the README as the schema accepts it', () => {
    const readme = readFileSync(
      resolve(dirname(fileURLToPath(import.meta.url)), '../../../README.md'),
      'utf8',
    );
    const row = readme.split('\n').find((line) => line.startsWith('| `CALLMINE_MONTHLY_CALL_QUOTA`'));
    expect(row).toContain(`(${monthlyCallQuotaRange})`);
    expect(monthlyCallQuotaRange).toBe('0 to 10,000,000');
  });

  it('treats blank values as unset and derives the public URL', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', CALLMINE_DATA_DIR: ' ' });
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ CALLMINE_PUBLIC_URL: 'https://cm.example.com/' }).publicUrl).toBe(
      'https://cm.example.com',
    );
  });

  it('turns OAuth with Gong on only with both client id and secret, with Gong’s URLs and our callback', () => {
    expect(loadConfig({}).gong.oauth).toBeNull();
    const config = loadConfig({
      CALLMINE_PUBLIC_URL: 'https://cm.example.com',
      CALLMINE_GONG_OAUTH_CLIENT_ID: 'callmine',
      CALLMINE_GONG_OAUTH_CLIENT_SECRET: 'client-secret-value',
    });
    expect(config.gong.oauth).toEqual({
      clientId: 'callmine',
      clientSecret: 'client-secret-value',
      authorizeUrl: 'https://app.gong.io/oauth2/authorize',
      tokenUrl: 'https://app.gong.io/oauth2/generate-customer-token',
      redirectUri: 'https://cm.example.com/integrations/gong/oauth/callback',
    });
    try {
      loadConfig({ CALLMINE_GONG_OAUTH_CLIENT_SECRET: 'lonely-secret-value' });
      expect.unreachable();
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('set both (OAuth with Gong) or neither');
      expect(message).not.toContain('lonely-secret-value');
    }
    expect(() => loadConfig({ CALLMINE_GONG_OAUTH_TOKEN_URL: 'ftp://x' })).toThrow(
      /CALLMINE_GONG_OAUTH_TOKEN_URL must be an http\(s\) URL/,
    );
  });
});
