import { describe, expect, it } from 'vitest';
import { basicAuth, bearerAuth } from './auth.ts';
import { collect, failure } from './test-support/outcomes.ts';
import { ACME_CALLS, ACME_USERS, ALL_TIME, GLOBEX_CALLS, useSandbox } from './test-support/sandbox.ts';

// Every endpoint and its pagination, against the local Gong over real HTTP.

const t = useSandbox();

describe('endpoints and pagination', () => {
  it('lists every user across cursor pages', async () => {
    const pages = await collect(t.acme().users.list());
    expect(pages.map((p) => p.items.length)).toEqual([100, 100, ACME_USERS - 200]);
    const ids = pages.flatMap((p) => p.items.map((u) => u.id));
    expect(ids).toEqual(t.sandbox.tenant('acme').users.map((u) => u.id));
    expect(pages[0]?.requestId).toMatch(/^[a-z0-9]+$/);
    expect(t.apiRequests('/v2/users')).toHaveLength(3);
  });

  it('lists every call in a date range, then nothing for an empty range (Gong 404s)', async () => {
    const client = t.acme();
    const calls = await collect(client.calls.list(ALL_TIME).items());
    expect(calls).toHaveLength(ACME_CALLS);
    expect(new Set(calls.map((c) => c.id)).size).toBe(ACME_CALLS);
    expect(calls[0]).toMatchObject({
      id: expect.any(String),
      started: expect.any(String),
      duration: expect.any(Number),
    });
    expect(t.apiRequests('/v2/calls')).toHaveLength(3);

    const none = await collect(
      client.calls.list({ fromDateTime: new Date('2001-01-01'), toDateTime: new Date('2001-02-01') }).items(),
    );
    expect(none).toEqual([]);
  });

  it('gets one call, and says not-found for an unknown id', async () => {
    const client = t.acme();
    const first = t.sandbox.tenant('acme').calls.call(0).metaData;
    expect(await client.calls.get(first.id)).toMatchObject({ id: first.id, title: first.title });
    const error = await failure(client.calls.get('1'));
    expect(error).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('reads extensive calls with parties, metadata and interaction stats', async () => {
    const calls = await collect(t.acme().calls.extensive(ALL_TIME).items());
    expect(calls).toHaveLength(ACME_CALLS);
    const call = calls[0]!;
    expect(call.metaData.id).toBe(t.sandbox.tenant('acme').calls.call(0).metaData.id);
    expect(call.parties?.length).toBeGreaterThan(0);
    expect(call.parties?.[0]).toMatchObject({
      affiliation: expect.stringMatching(/Internal|External|Unknown/),
    });
    expect(call.interaction?.interactionStats?.length).toBeGreaterThan(0);
  });

  it('batches extensive call ids by 100 and never sends an empty id filter', async () => {
    const client = t.acme();
    const ids = Array.from(
      { length: ACME_CALLS },
      (_, i) => t.sandbox.tenant('acme').calls.call(i).metaData.id,
    );
    const calls = await collect(client.calls.extensive({ callIds: ids }).items());
    expect(calls.map((c) => c.metaData.id).sort()).toEqual([...ids].sort());
    expect(t.apiRequests('/v2/calls/extensive')).toHaveLength(3);
    expect(await collect(client.calls.extensive({ callIds: [] }).items())).toEqual([]);
    expect(t.apiRequests('/v2/calls/extensive')).toHaveLength(3);
  });

  it('fetches transcripts for call ids in batches of 100', async () => {
    const client = t.acme();
    const data = t.sandbox.tenant('acme').calls;
    const ids = Array.from({ length: ACME_CALLS }, (_, i) => data.call(i).metaData.id);
    const withTranscript = ids.filter((_, i) => data.hasTranscriptAt(i));
    const transcripts = await collect(client.transcripts.get(ids).items());
    expect(transcripts.map((t) => t.callId).sort()).toEqual([...withTranscript].sort());
    const sample = transcripts[0]!;
    expect(sample.transcript[0]?.sentences[0]).toMatchObject({
      start: expect.any(Number),
      end: expect.any(Number),
      text: expect.any(String),
    });
    expect(t.apiRequests('/v2/calls/transcript')).toHaveLength(3);
    expect(await collect(client.transcripts.get([]).items())).toEqual([]);
    expect(t.apiRequests('/v2/calls/transcript')).toHaveLength(3);
  });

  it('works against a regional base URL', async () => {
    const { accessKey, secretKey } = t.credential('globex');
    const client = t.gong().client({
      baseUrl: t.sandbox.tenant('globex').baseUrl,
      credentialId: 'globex',
      auth: basicAuth(accessKey, secretKey),
    });
    expect(await collect(client.calls.list(ALL_TIME).items())).toHaveLength(GLOBEX_CALLS);
  });

  it('accepts an OAuth bearer token and the api_base_url_for_customer it came with', async () => {
    const { demoClient } = t.sandbox.oauth;
    const redirectUri = 'http://127.0.0.1:9/callback';
    const code = t.sandbox.oauth.issueCode({
      clientId: demoClient.clientId,
      tenantId: 'globex',
      redirectUri,
      scopes: ['api:users:read', 'api:workspaces:read', 'api:calls:read:basic'],
    });
    const tokenUrl = new URL('/oauth2/generate-customer-token', t.sandbox.appOrigin);
    tokenUrl.search = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: demoClient.clientId,
      redirect_uri: redirectUri,
    }).toString();
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa(`${demoClient.clientId}:${demoClient.clientSecret}`)}` },
    });
    const tokens = (await response.json()) as { access_token: string; api_base_url_for_customer: string };
    const g = t.gong();
    expect(g.normalizeBaseUrl(tokens.api_base_url_for_customer)).toMatchObject({ ok: true });
    const client = g.client({
      baseUrl: tokens.api_base_url_for_customer,
      credentialId: 'globex-oauth',
      auth: bearerAuth(tokens.access_token),
    });
    expect(await client.validate()).toMatchObject({ ok: true, usersSampled: 24 });
    // No extensive scope was granted: the typed error says so.
    expect(await failure(collect(client.calls.extensive(ALL_TIME)))).toMatchObject({ kind: 'forbidden' });
  });
});
