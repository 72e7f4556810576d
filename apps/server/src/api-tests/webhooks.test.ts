// Webhook endpoints over real HTTP: admins (and admin tokens) manage them, the secret is in the create and rotate
// answers only, URLs toward inside addresses are refused, and another workspace's ids are NOT_FOUND.
import { describe, expect, it } from 'vitest';
import { apiClient, trpcFailure as failure } from '../testing/api-client.ts';
import { storedAtRest } from '../testing/at-rest.ts';
import { aSecondWorkspace, tokenClient } from '../testing/second-workspace.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'correct horse battery',
  workspaceName: 'Acme',
};
const DEV_ORIGIN = 'http://127.0.0.1:4020';

/** The owner's session on a fresh server (each test starts its own). */
async function ownerOn(server: TestServer) {
  const admin = apiClient(server.url);
  await admin.setup.createOwner.mutate(owner);
  return admin;
}

describe('webhooks procedures', () => {
  it('shows the secret once, never again in a list, a log, an error or the data directory', async () => {
    await using server = await startTestServer({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: DEV_ORIGIN });
    const admin = await ownerOn(server);
    const created = await admin.webhooks.create.mutate({
      url: 'https://hooks.example.com/callmine',
      events: ['run.finished', 'report.ready', 'run.finished'],
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.endpoint).toMatchObject({
      url: 'https://hooks.example.com/callmine',
      events: ['run.finished', 'report.ready'],
      enabled: true,
      disabledReason: null,
      failingSince: null,
    });
    const listed = await admin.webhooks.list.query();
    expect(listed).toEqual([created.endpoint]);
    expect(JSON.stringify(listed)).not.toContain(created.secret);

    const rotated = await admin.webhooks.rotateSecret.mutate({ id: created.endpoint.id });
    expect(rotated.secret).not.toBe(created.secret);
    await admin.webhooks.update.mutate({ id: created.endpoint.id, events: ['quota.reached-80'] });
    const log = await admin.webhooks.deliveries.query({ endpointId: created.endpoint.id });
    expect(log).toEqual({ items: [], nextCursor: null });

    // Sealed at rest: neither secret appears in the database (or the data dir), nor in any log line.
    const stored = (await storedAtRest(server)).map((file) => file.bytes.toString('latin1')).join('\n');
    for (const secret of [created.secret, rotated.secret]) {
      expect(stored).not.toContain(secret);
      expect(server.logLines.join('\n')).not.toContain(secret);
    }
    const audit = await server.database.db
      .select({
        action: server.database.db.tables.auditEvent.action,
        detail: server.database.db.tables.auditEvent.detail,
      })
      .from(server.database.db.tables.auditEvent);
    expect(audit.map((a) => a.action)).toEqual([
      'webhook.created',
      'webhook.secret-rotated',
      'webhook.updated',
    ]);
    expect(JSON.stringify(audit)).not.toContain('whsec_');
  });

  it('refuses URLs toward inside addresses or over http, except the listed development origin', async () => {
    await using server = await startTestServer({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: DEV_ORIGIN });
    const admin = await ownerOn(server);
    for (const url of [
      'http://hooks.example.com/x',
      'https://127.0.0.1/x',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/x',
      'https://localhost/x',
      'https://0x7f000001/x',
      'http://127.0.0.1:4021/x',
    ]) {
      expect(
        await failure(admin.webhooks.create.mutate({ url, events: ['run.finished'] })),
        url,
      ).toMatchObject({
        code: 'BAD_REQUEST',
        reason: 'webhook-url-not-allowed',
      });
    }
    expect(
      await failure(
        admin.webhooks.create.mutate({ url: 'https://u:p@hooks.example.com/x', events: ['run.finished'] }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    expect(
      await failure(admin.webhooks.create.mutate({ url: 'https://hooks.example.com/x', events: [] })),
    ).toMatchObject({ code: 'BAD_REQUEST' });
    const dev = await admin.webhooks.create.mutate({ url: `${DEV_ORIGIN}/hook`, events: ['run.finished'] });
    expect(dev.endpoint.url).toBe(`${DEV_ORIGIN}/hook`);
    expect(
      await failure(admin.webhooks.update.mutate({ id: dev.endpoint.id, url: 'https://10.1.2.3/x' })),
    ).toMatchObject({ code: 'BAD_REQUEST', reason: 'webhook-url-not-allowed' });
    expect(await admin.webhooks.list.query()).toHaveLength(1);
  });

  it('lets an admin token manage endpoints, refuses member and read tokens', async () => {
    await using server = await startTestServer({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: DEV_ORIGIN });
    const admin = await ownerOn(server);
    const tokens = {
      admin: (await admin.apiTokens.create.mutate({ name: 'admin script', role: 'admin' })).token,
      member: (await admin.apiTokens.create.mutate({ name: 'member script', role: 'member' })).token,
      read: (await admin.apiTokens.create.mutate({ name: 'read script', role: 'read' })).token,
    };
    const script = tokenClient(server.url, tokens.admin);
    const created = await script.webhooks.create.mutate({ url: `${DEV_ORIGIN}/a`, events: ['report.ready'] });
    const test = await script.webhooks.sendTest.mutate({ endpointId: created.endpoint.id });
    const log = await script.webhooks.deliveries.query({ endpointId: created.endpoint.id });
    expect(log.items).toEqual([
      expect.objectContaining({
        id: test.deliveryId,
        eventType: 'webhook.test',
        status: 'pending',
        attempts: 0,
      }),
    ]);
    await script.webhooks.update.mutate({ id: created.endpoint.id, enabled: false });
    expect(await failure(script.webhooks.sendTest.mutate({ endpointId: created.endpoint.id }))).toMatchObject(
      {
        code: 'PRECONDITION_FAILED',
      },
    );
    expect(await failure(tokenClient(server.url, tokens.member).webhooks.list.query())).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(tokenClient(server.url, tokens.read).webhooks.list.query())).toMatchObject({
      code: 'FORBIDDEN',
    });
    await script.webhooks.delete.mutate({ id: created.endpoint.id });
    expect(await admin.webhooks.list.query()).toEqual([]);
    const audit = await server.database.db
      .select({
        via: server.database.db.tables.auditEvent.via,
        action: server.database.db.tables.auditEvent.action,
      })
      .from(server.database.db.tables.auditEvent);
    expect(audit).toContainEqual({ via: 'token', action: 'webhook.deleted' });
  });

  it('answers NOT_FOUND for another workspace’s endpoints and deliveries', async () => {
    await using server = await startTestServer({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: DEV_ORIGIN });
    const admin = await ownerOn(server);
    const { script: beta } = await aSecondWorkspace(server.url, admin);
    const theirs = await beta.webhooks.create.mutate({ url: `${DEV_ORIGIN}/b`, events: ['run.finished'] });
    const { deliveryId } = await beta.webhooks.sendTest.mutate({ endpointId: theirs.endpoint.id });

    const id = theirs.endpoint.id;
    // One at a time: a call started before the previous one is awaited could reject with no handler yet.
    for (const attempt of [
      () => admin.webhooks.update.mutate({ id, enabled: false }),
      () => admin.webhooks.delete.mutate({ id }),
      () => admin.webhooks.rotateSecret.mutate({ id }),
      () => admin.webhooks.deliveries.query({ endpointId: id }),
      () => admin.webhooks.sendTest.mutate({ endpointId: id }),
      () => admin.webhooks.resend.mutate({ deliveryId }),
    ]) {
      expect(await failure(attempt())).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await admin.webhooks.list.query()).toEqual([]);
    expect(await beta.webhooks.list.query()).toMatchObject([{ id, enabled: true }]);
  });
});
