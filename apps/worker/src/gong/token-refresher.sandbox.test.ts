// Single-flight refresh, asked for directly: many callers in one process and in "another process" (a second
// connection to the same database, SQLite file or PostgreSQL, with its own refresher) make exactly one call to Gong's token endpoint, and a
// claim left behind by a crashed worker lapses instead of blocking refreshes for ever.
import { Writable } from 'node:stream';
import { loadConfig } from '@callmine/config';
import { openDatabaseFromConfig } from '@callmine/db';
import { createGongTokenEndpoint } from '@callmine/gong';
import { createLogger } from '@callmine/logger';
import { existingDatabaseEnv } from '@callmine/server/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type RunEnv, startRunEnv } from '../testing/run-env.ts';
import { startWorkerVault } from '../vault.ts';
import { createTokenRefresher } from './token-refresher.ts';

/** What one worker process holds: its own connection, vault and refresher; disposing closes the connection. */
async function workerRefresher(e: RunEnv, options: { claimTtlMs?: number } = {}) {
  const config = loadConfig({
    CALLMINE_DATA_DIR: e.server.dataDir,
    CALLMINE_LOG_LEVEL: 'silent',
    // The server's database: its SQLite file, or its PostgreSQL database in the "on PostgreSQL" project.
    ...existingDatabaseEnv(e.server.dataDir),
    ...e.workerEnv,
  });
  const oauth = config.gong.oauth;
  if (!oauth) throw new Error('OAuth is not configured');
  const logger = createLogger({
    service: 'test',
    level: 'silent',
    destination: new Writable({ write: (_c, _e, done) => done() }),
  });
  const database = await openDatabaseFromConfig(config);
  const vault = await startWorkerVault(config, database.db, logger);
  const tokens = createTokenRefresher({
    db: database.db,
    opener: vault.opener,
    sealer: vault.sealer,
    endpoint: createGongTokenEndpoint({ ...oauth, timeoutMs: 5000 }),
    logger,
    now: () => new Date(),
    pollMs: 20,
    ...options,
  });
  return { tokens, database, [Symbol.asyncDispose]: () => database.close() };
}

const tables = (e: RunEnv) => e.server.database.db.tables;

async function credential(e: RunEnv) {
  const [row] = await e.server.database.db.select().from(tables(e).gongCredential).limit(1);
  if (!row) throw new Error('not connected');
  return row;
}

describe('the token refresher', () => {
  it('refreshes once for ten simultaneous callers in two worker processes', async () => {
    await using env = await startRunEnv({ connect: 'oauth', calls: 10 });
    const { workspaceId, version } = await credential(env);
    await using one = await workerRefresher(env);
    await using two = await workerRefresher(env);
    const rows = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).tokens.refresh(workspaceId, version)),
    );
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 1, refused: 0 });
    expect(new Set(rows.map((row) => row.version))).toEqual(new Set([version + 1]));
    expect(new Set(rows.map((row) => row.accessTokenSealed)).size).toBe(1);
    expect((await credential(env)).version).toBe(version + 1);
    const audit = await env.admin.integrations.gong.auditLog.query();
    expect(audit.filter((a) => a.action === 'token-refreshed')).toHaveLength(1);
    // Nothing is left claimed.
    expect(await env.server.database.db.select().from(tables(env).gongTokenRefresh)).toEqual([]);
    // The new pair works with Gong: a later refresh of the new version is granted (the rotated token was stored).
    await one.tokens.refresh(workspaceId, version + 1);
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 2, refused: 0 });
  });

  it('takes over a claim left by a crashed worker once it lapses', async () => {
    await using env = await startRunEnv({ connect: 'oauth', calls: 10 });
    const { workspaceId, version, id } = await credential(env);
    // A worker claimed this version and died before calling Gong.
    await env.server.database.db.insert(tables(env).gongTokenRefresh).values({
      workspaceId,
      credentialId: id,
      credentialVersion: version,
      claimId: 'crashed-worker',
      claimedUntil: new Date(Date.now() + 300),
    });
    await using refresher = await workerRefresher(env);
    const row = await refresher.tokens.refresh(workspaceId, version);
    expect(row.version).toBe(version + 1);
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 1, refused: 0 });
    expect(
      await env.server.database.db
        .select()
        .from(tables(env).gongTokenRefresh)
        .where(eq(tables(env).gongTokenRefresh.workspaceId, workspaceId)),
    ).toEqual([]);
  });

  it('ignores a claim on the connection Gong had before it was disconnected and connected again', async () => {
    await using env = await startRunEnv({ connect: 'oauth', calls: 10 });
    const { workspaceId, version } = await credential(env);
    await env.server.database.db.insert(tables(env).gongTokenRefresh).values({
      workspaceId,
      credentialId: 'the-previous-connection',
      credentialVersion: version,
      claimId: 'previous',
      claimedUntil: new Date(Date.now() + 3_600_000),
    });
    await using refresher = await workerRefresher(env);
    const row = await refresher.tokens.refresh(workspaceId, version);
    expect(row.version).toBe(version + 1);
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 1, refused: 0 });
  });

  it('leaves a credential an admin replaced meanwhile alone', async () => {
    await using env = await startRunEnv({ connect: 'oauth', calls: 10 });
    const { workspaceId, version } = await credential(env);
    const primary = env.key();
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: primary.accessKey,
      secretKey: primary.secretKey,
      baseUrl: '',
    });
    await using refresher = await workerRefresher(env);
    const row = await refresher.tokens.refresh(workspaceId, version);
    expect(row).toMatchObject({ method: 'basic', version: version + 1 });
    expect(env.sandbox.oauth.refreshes()).toEqual({ granted: 0, refused: 0 });
  });
});
