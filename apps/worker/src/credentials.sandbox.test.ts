// Decrypt at request time: the worker reads and opens the credential row before every Gong request, so a key
// replaced mid-run is used by the next request, and a key Gong stops accepting fails the run once, plainly.
import { storedAtRest } from '@callmine/server/testing';
import { describe, expect, it } from 'vitest';
import { isFinished, type RunEnv, startRunEnv } from './testing/run-env.ts';
import type { TestWorker } from './testing/test-worker.ts';

const slow = { CALLMINE_GONG_REQUESTS_PER_SECOND: '5' };
const twoKeys = {
  tenants: [
    {
      id: 'acme',
      name: 'Acme Robotics',
      cluster: 'standard',
      credentials: [{ label: 'primary' }, { label: 'second' }],
    },
  ],
};

/** The secret must appear nowhere: not in the worker's logs, not in any byte of the data directory. */
async function expectNoTrace(e: RunEnv, w: TestWorker, secret: string) {
  expect(w.logLines.join('\n')).not.toContain(secret);
  expect(e.server.logLines.join('\n')).not.toContain(secret);
  for (const { name, bytes } of await storedAtRest({ database: w.database, dataDir: e.server.dataDir }))
    expect(bytes.includes(Buffer.from(secret, 'utf8')), name).toBe(false);
}

async function untilRequests(e: RunEnv, n: number) {
  while (e.runRequests().length < n) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the credential during a run', () => {
  it('uses a key replaced mid-run for the following requests', async () => {
    await using env = await startRunEnv({ env: slow, sandbox: twoKeys });
    const queued = await env.startRun();
    await env.startWorker(slow);
    await untilRequests(env, 4);
    const second = env.key('second');
    const view = await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: second.accessKey,
      secretKey: second.secretKey,
      baseUrl: '',
    });
    expect(view).toMatchObject({ status: 'connected', version: 2 });
    // From here the old key is unknown to Gong: the run can only finish if later requests use the new one.
    env.sandbox.faults.revoke(env.key('primary').accessKey);
    const before = env.runRequests().length;
    const run = await env.waitFor(queued.id, isFinished);
    expect(run).toMatchObject({ status: 'done', credentialVersion: 2, error: null });
    const after = env.runRequests().slice(before);
    // At most the one request already on its way with the old key is refused; everything after succeeds.
    expect(after.filter((r) => r.status === 401).length).toBeLessThanOrEqual(1);
    expect(after.at(-1)?.status).toBe(200);
    expect(await env.admin.integrations.gong.get.query()).toMatchObject({
      status: 'connected',
      attention: null,
    });
  });

  it('fails the run with the reason when Gong revokes the key mid-run, and the card needs attention', async () => {
    await using env = await startRunEnv({ env: slow });
    const queued = await env.startRun();
    const worker = await env.startWorker(slow);
    await untilRequests(env, 4);
    env.sandbox.faults.revoke(env.key('primary').accessKey);
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Gong rejected the stored credential/);
    // Rejected once is not a reason to loop: exactly one refused request.
    expect(env.runRequests().filter((r) => r.status === 401)).toHaveLength(1);
    const card = await env.admin.integrations.gong.get.query();
    expect(card).toMatchObject({ status: 'needs-attention', attention: { reason: 'rejected' } });
    const audit = await env.admin.integrations.gong.auditLog.query();
    expect(audit.map((a) => a.action)).toContain('marked-needs-attention');
    // A new run is refused until an admin replaces the key.
    await expect(env.startRun()).rejects.toThrow(/needs attention/);
    await expectNoTrace(env, worker, env.key('primary').secretKey);
  });

  it('fails the run plainly when Gong was disconnected before it started', async () => {
    await using env = await startRunEnv();
    const queued = await env.startRun();
    await env.admin.integrations.gong.disconnect.mutate();
    await env.startWorker();
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/Gong is not connected/);
    expect(env.runRequests()).toHaveLength(0);
  });
});
