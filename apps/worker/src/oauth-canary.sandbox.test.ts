// Canary for the worker's OAuth refresh: every access and refresh token Gong handed out (at connect, on a refresh
// ahead of expiry, on a refresh after a 401) and Callmine's client secret go through the worker's paths — success,
// a refused refresh token, a failed run — and then no byte of them may be found in the logs, the data directory or
// any API response.
import { startTokenProxy, storedAtRest, tokensIn } from '@callmine/server/testing';
import { describe, expect, it } from 'vitest';
import { isFinished, startRunEnv } from './testing/run-env.ts';

const DAY = 86_400_000;
const slow = { CALLMINE_GONG_REQUESTS_PER_SECOND: '5' };

describe('Gong OAuth refresh canary', () => {
  it('leaves no trace of refreshed tokens or the client secret in logs, the data dir or API responses', async () => {
    let offset = 0;
    const clock = () => Date.now() + offset;
    const clientSecret = `canary-client-secret-${crypto.randomUUID()}`;
    let tokenUrl = '';
    await using proxy = await startTokenProxy(() => tokenUrl);
    const proxyUrl = proxy.url;
    await using env = await startRunEnv({
      connect: 'oauth',
      calls: 600,
      sandbox: { clock },
      env: (sandbox) => {
        tokenUrl = `${sandbox.appOrigin}/oauth2/generate-customer-token`;
        sandbox.oauth.registerClient({
          clientId: 'callmine-canary',
          clientSecret,
          redirectUris: [],
          allowLoopbackRedirects: true,
        });
        return {
          ...slow,
          CALLMINE_GONG_OAUTH_CLIENT_ID: 'callmine-canary',
          CALLMINE_GONG_OAUTH_CLIENT_SECRET: clientSecret,
          CALLMINE_GONG_OAUTH_TOKEN_URL: proxyUrl,
          CALLMINE_LOG_LEVEL: 'trace',
        };
      },
    });
    const e = env;
    const worker = await e.startWorker(
      { CALLMINE_LOG_LEVEL: 'trace' },
      {
        now: () => new Date(clock()),
      },
    );
    const responses: unknown[] = [];
    const untilRequests = async (n: number) => {
      while (e.runRequests().length < n) await new Promise((resolve) => setTimeout(resolve, 10));
    };

    // Run 1: a refresh ahead of expiry, then one after Gong refuses a token that looked valid.
    const first = await e.startRun();
    await untilRequests(3);
    offset += DAY + 1000;
    await untilRequests(6);
    e.sandbox.oauth.expireAccessTokens();
    responses.push(await e.waitFor(first.id, isFinished));
    expect(responses.at(-1)).toMatchObject({ status: 'done' });
    expect(e.sandbox.oauth.refreshes()).toEqual({ granted: 2, refused: 0 });

    // Run 2: Gong refuses the refresh token; the run fails and the card needs attention.
    e.sandbox.oauth.revokeRefreshTokens();
    const second = await e.startRun({ from: '2026-03-01', to: '2026-05-31' });
    offset += DAY + 1000;
    responses.push(await e.waitFor(second.id, isFinished));
    expect(responses.at(-1)).toMatchObject({ status: 'failed' });
    expect(e.sandbox.oauth.refreshes()).toEqual({ granted: 2, refused: 1 });

    responses.push(
      await e.admin.runs.list.query(),
      await e.admin.runs.get.query({ id: first.id }),
      await e.admin.integrations.gong.get.query(),
      await e.admin.integrations.gong.auditLog.query(),
    );
    const tokens = tokensIn(proxy.answers);
    // The connect pair plus two refreshed pairs.
    expect(tokens).toHaveLength(6);
    const canaries = [
      clientSecret,
      Buffer.from(`callmine-canary:${clientSecret}`).toString('base64'),
      ...tokens,
      ...tokens.map((token) => Buffer.from(token).toString('base64')),
    ];

    const dataFiles = await storedAtRest({ database: worker.database, dataDir: e.server.dataDir }, [
      'keyring.json',
      'auth-secret',
    ]);
    const logs = [...worker.logLines, ...e.server.logLines].join('\n');
    expect(logs).toContain('gong oauth token refreshed');
    expect(logs).toContain('gong oauth refresh failed');
    const answers = JSON.stringify(responses);
    for (const canary of canaries) {
      for (const file of dataFiles) {
        expect(file.bytes.includes(Buffer.from(canary, 'utf8')), `a canary in ${file.name}`).toBe(false);
      }
      expect(logs.includes(canary), 'a canary in the logs').toBe(false);
      expect(answers.includes(canary), 'a canary in an API response').toBe(false);
    }
  });
});
