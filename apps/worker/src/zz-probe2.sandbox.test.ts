import { startTestServer } from '@callmine/server/testing';
import { it } from 'vitest';
import { startRunEnv } from './testing/run-env.ts';

it('probe start-up', async () => {
  for (let i = 0; i < 3; i += 1) {
    let t = Date.now();
    const s = await startTestServer();
    const up = Date.now() - t;
    t = Date.now();
    await s.close();
    console.log(`server up ${up} ms, close ${Date.now() - t} ms`);
  }
  for (let i = 0; i < 2; i += 1) {
    let t = Date.now();
    const env = await startRunEnv({ calls: 10 });
    const up = Date.now() - t;
    t = Date.now();
    const w = await env.startWorker();
    const wup = Date.now() - t;
    t = Date.now();
    await w.close();
    const wclose = Date.now() - t;
    t = Date.now();
    await env.close();
    console.log(
      `runEnv up ${up} ms, worker up ${wup} ms, worker close ${wclose} ms, env close ${Date.now() - t} ms`,
    );
  }
}, 120_000);
