import { describe, expect, it } from 'vitest';
import { startGongSandbox } from './index.ts';
import { aTenant } from './testing/builders.ts';

describe('startGongSandbox', () => {
  it('starts a listener per cluster plus the app host, each on its own free port', async () => {
    const sandbox = await startGongSandbox({
      tenants: [aTenant({ id: 'a', cluster: 'standard' }), aTenant({ id: 'b', cluster: 'eu-12345' })],
    });
    try {
      const origins = [
        sandbox.clusters.standard?.origin,
        sandbox.clusters['eu-12345']?.origin,
        sandbox.appOrigin,
      ];
      expect(new Set(origins).size).toBe(3);
      expect(sandbox.tenant('b').baseUrl).toBe(sandbox.clusters['eu-12345']?.origin);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses duplicate tenant ids and bad cluster names before listening', async () => {
    await expect(startGongSandbox({ tenants: [aTenant(), aTenant()] })).rejects.toThrow(/Duplicate/);
    await expect(startGongSandbox({ tenants: [aTenant({ cluster: 'Not A Host' })] })).rejects.toThrow(
      /cluster/,
    );
  });

  it('only arms failures with an error status', async () => {
    const sandbox = await startGongSandbox({ tenants: [aTenant({ callCount: 1 })] });
    try {
      expect(() => sandbox.faults.failNext(1, 200)).toThrow(/4xx\/5xx/);
    } finally {
      await sandbox.close();
    }
  });
});
