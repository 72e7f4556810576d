import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatBanner } from './banner.ts';
import { startGongSandbox } from './index.ts';

describe('formatBanner', () => {
  it('prints every base URL, key and secret, the OAuth client and the allowed-origins env line', async () => {
    const sandbox = await startGongSandbox({ callsPerTenant: 5 });
    try {
      const banner = formatBanner(sandbox);
      for (const tenant of sandbox.tenants) {
        expect(banner).toContain(tenant.baseUrl);
        for (const credential of tenant.credentials) {
          expect(banner).toContain(credential.accessKey);
          expect(banner).toContain(credential.secretKey);
        }
      }
      expect(banner).toContain(sandbox.oauth.demoClient.clientSecret);
      expect(banner).toContain(
        `CALLMINE_GONG_ALLOWED_ORIGINS=${sandbox.clusters.standard?.origin},${sandbox.clusters['us-44392']?.origin} \\`,
      );
      expect(banner).toContain(`CALLMINE_GONG_DEFAULT_BASE_URL=${sandbox.clusters.standard?.origin} \\`);
      expect(banner).toContain(
        `CALLMINE_GONG_OAUTH_TOKEN_URL=${sandbox.appOrigin}/oauth2/generate-customer-token`,
      );
    } finally {
      await sandbox.close();
    }
  });

  it('prints every variable the README’s sandbox instructions set, so the two can’t drift apart', async () => {
    const readme = readFileSync(
      resolve(dirname(fileURLToPath(import.meta.url)), '../../../README.md'),
      'utf8',
    );
    // From the sandbox heading to the next second-level heading, whatever that is.
    const start = readme.indexOf('## Try it with the Gong sandbox');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const variables = new Set(section.match(/CALLMINE_[A-Z_]+(?==)/g));
    expect([...variables].sort()).toEqual([
      'CALLMINE_GONG_ALLOWED_ORIGINS',
      'CALLMINE_GONG_DEFAULT_BASE_URL',
      'CALLMINE_GONG_OAUTH_AUTHORIZE_URL',
      'CALLMINE_GONG_OAUTH_CLIENT_ID',
      'CALLMINE_GONG_OAUTH_CLIENT_SECRET',
      'CALLMINE_GONG_OAUTH_TOKEN_URL',
    ]);
    const sandbox = await startGongSandbox({ callsPerTenant: 5 });
    try {
      const banner = formatBanner(sandbox);
      for (const variable of variables) expect(banner).toContain(`${variable}=`);
      // The README's default-port example is what the banner prints for those ports.
      expect(section).toContain('CALLMINE_GONG_DEFAULT_BASE_URL=http://127.0.0.1:4010 \\');
      expect(section).toContain(
        'CALLMINE_GONG_ALLOWED_ORIGINS=http://127.0.0.1:4010,http://127.0.0.1:4011 \\',
      );
    } finally {
      await sandbox.close();
    }
  });
});
