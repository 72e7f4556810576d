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
        `CALLMINE_GONG_ALLOWED_ORIGINS=${sandbox.clusters.standard?.origin},${sandbox.clusters['us-44392']?.origin}`,
      );
    } finally {
      await sandbox.close();
    }
  });
});
