// `await using` on the test resources: leaving the scope closes the worker, the server and the sandbox.
import { describe, expect, it } from 'vitest';
import { startRunEnv } from './run-env.ts';

describe('disposable test resources', () => {
  it('closes the worker, the server and the sandbox when the scope ends', async () => {
    let origin = '';
    let url = '';
    {
      await using env = await startRunEnv({ calls: 10 });
      const worker = await env.startWorker();
      origin = env.sandbox.clusters.standard?.origin ?? '';
      url = env.server.url;
      expect((await fetch(`${url}/healthz`)).ok).toBe(true);
      expect(worker.logLines.length).toBeGreaterThan(0);
    }
    await expect(fetch(url)).rejects.toThrow();
    await expect(fetch(origin)).rejects.toThrow();
  });
});
