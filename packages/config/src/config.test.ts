import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.databasePath).toMatch(/\.callmine\/callmine\.db$/);
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

  it('treats blank values as unset and derives the public URL', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', CALLMINE_DATA_DIR: ' ' });
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({ CALLMINE_PUBLIC_URL: 'https://cm.example.com/' }).publicUrl).toBe(
      'https://cm.example.com',
    );
  });
});
