import type { Db } from '@callmine/db';
import type { Gong, GongError, GongErrorKind } from '@callmine/gong';
import type { Logger } from '@callmine/logger';
import type { Opener } from '@callmine/vault/open';
import { and, eq, gt, isNull, lt, lte, or } from 'drizzle-orm';
import { CredentialUnavailable, markNeedsAttention } from './credential.ts';
import { requestTimeCredential } from './request-credential.ts';
import type { TokenRefresher } from './token-refresher.ts';

// The daily health check: each connected credential gets one cheap Gong request (a page of users, counted in its
// daily budget like any request) so that a revoked key, a key without API permission or an inactive company shows
// "Needs attention" on the card before a run or a schedule fails on it. No run is started or failed here.
//
// When: a credential whose last check is more than a day old is due. The daily sweep for all of them runs at most
// hourly (a quiet worker); every tick (the scheduler's cadence) also checks the credentials of slots due within
// 15 minutes, so a slot never starts on a key last checked more than a day ago. Transient answers (rate limit,
// budget, Gong down, network) change nothing and are tried again an hour later by this process.

const DAY_MS = 86_400_000;
export const PRE_SLOT_LOOKAHEAD_MS = 15 * 60_000;
const SWEEP_EVERY_MS = 60 * 60_000;
const TRANSIENT_RETRY_MS = 60 * 60_000;

/** What the card says when the check found a key Gong refuses, per Gong answer and connection method. */
const checkFindings: Partial<Record<GongErrorKind, { basic: string; oauth: string }>> = {
  'invalid-credentials': {
    basic:
      'The daily check found that Gong no longer accepts this key: it was revoked or deleted in Gong, or its secret changed. Create a new API key in Gong and paste it here (Replace key).',
    oauth:
      "The daily check found that Gong no longer accepts Callmine's OAuth authorization (it was revoked in Gong or has expired). Connect with OAuth again.",
  },
  forbidden: {
    basic:
      'The daily check found that Gong accepts this key but no longer gives it API permission. Ask a Gong technical administrator to grant it, or replace the key.',
    oauth:
      "The daily check found that Gong no longer grants Callmine's OAuth app the access it needs. Connect with OAuth again and approve every permission.",
  },
  'company-inactive': {
    basic:
      'The daily check found that Gong says this company’s account is inactive, so its keys do not work. Ask your Gong administrator or Gong support to reactivate it.',
    oauth:
      'The daily check found that Gong says this company’s account is inactive, so its keys do not work. Ask your Gong administrator or Gong support to reactivate it.',
  },
};

export interface HealthCheckDeps {
  db: Db;
  gong: Gong;
  opener: Opener;
  tokens: TokenRefresher;
  logger: Logger;
  now: () => Date;
  tickMs: number;
}

export type HealthOutcome = 'ok' | 'needs-attention' | 'transient';

export interface HealthChecker {
  /** Checks every credential that is due now; returns the outcome per workspace. */
  tick(): Promise<Map<string, HealthOutcome>>;
  start(): void;
  stop(): void;
}

/**
 * Workspaces whose active credential was last checked more than a day ago: all of them (the daily sweep), or only
 * those with a schedule slot due within 15 minutes.
 */
export async function dueForCheck(db: Db, now: Date, sweep: boolean): Promise<string[]> {
  const t = db.tables;
  const c = t.gongCredential;
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const daily = sweep
    ? await db
        .select({ workspaceId: c.workspaceId })
        .from(c)
        .where(and(eq(c.status, 'active'), or(isNull(c.lastCheckedAt), lt(c.lastCheckedAt, dayAgo))))
    : [];
  const beforeSlot = await db
    .selectDistinct({ workspaceId: c.workspaceId })
    .from(c)
    .innerJoin(t.schedule, eq(t.schedule.workspaceId, c.workspaceId))
    .where(
      and(
        eq(c.status, 'active'),
        or(isNull(c.lastCheckedAt), lt(c.lastCheckedAt, dayAgo)),
        eq(t.schedule.paused, false),
        gt(t.schedule.nextSlotAt, now),
        lte(t.schedule.nextSlotAt, new Date(now.getTime() + PRE_SLOT_LOOKAHEAD_MS)),
      ),
    );
  return [...new Set([...daily, ...beforeSlot].map((row) => row.workspaceId))];
}

export function createHealthChecker(deps: HealthCheckDeps): HealthChecker {
  const { db, logger } = deps;
  const t = db.tables;
  const retryAfter = new Map<string, number>();
  let lastSweepAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const checkOne = async (workspaceId: string): Promise<HealthOutcome> => {
    const [row] = await db
      .select({
        id: t.gongCredential.id,
        baseUrl: t.gongCredential.baseUrl,
        method: t.gongCredential.method,
        version: t.gongCredential.version,
        status: t.gongCredential.status,
      })
      .from(t.gongCredential)
      .where(eq(t.gongCredential.workspaceId, workspaceId))
      .limit(1);
    if (row?.status !== 'active') return 'needs-attention';
    const credential = requestTimeCredential(db, deps.opener, workspaceId, deps.now, deps.tokens);
    let result: Awaited<ReturnType<ReturnType<Gong['client']>['check']>>;
    try {
      const client = deps.gong.client({
        baseUrl: row.baseUrl,
        credentialId: await credential.limiterKey(),
        auth: credential.auth,
        renewAuth: credential.renewAuth,
      });
      result = await client.check();
    } catch (error) {
      // The credential could not be opened or renewed: credential.ts / the refresher already flagged the card.
      if (error instanceof CredentialUnavailable) return 'needs-attention';
      throw error;
    }
    const at = deps.now();
    if (result.ok) {
      // Only the version that was checked: a key replaced meanwhile keeps its own (connect-time) check.
      await db
        .update(t.gongCredential)
        .set({ lastCheckedAt: at, lastValidatedAt: at })
        .where(and(eq(t.gongCredential.id, row.id), eq(t.gongCredential.version, row.version)));
      return 'ok';
    }
    return onRefused(row, result.error, at);
  };

  const onRefused = async (
    row: { id: string; method: 'basic' | 'oauth'; version: number },
    error: GongError,
    at: Date,
  ): Promise<HealthOutcome> => {
    const finding = checkFindings[error.kind];
    if (!finding) {
      retryAfter.set(row.id, at.getTime() + TRANSIENT_RETRY_MS);
      logger.warn({ credentialId: row.id, gong: error.toLog() }, 'gong health check inconclusive');
      return 'transient';
    }
    const workspaceId = await workspaceOf(row.id);
    if (!workspaceId) return 'needs-attention';
    await markNeedsAttention(db, {
      workspaceId,
      version: row.version,
      status: 'rejected',
      detail: `health-check: ${error.kind}`,
      statusReason: finding[row.method],
      at,
    });
    await db
      .update(t.gongCredential)
      .set({ lastCheckedAt: at })
      .where(and(eq(t.gongCredential.id, row.id), eq(t.gongCredential.version, row.version)));
    logger.info({ credentialId: row.id, kind: error.kind }, 'gong health check: needs attention');
    return 'needs-attention';
  };

  const workspaceOf = async (credentialId: string) => {
    const [found] = await db
      .select({ workspaceId: t.gongCredential.workspaceId })
      .from(t.gongCredential)
      .where(eq(t.gongCredential.id, credentialId))
      .limit(1);
    return found?.workspaceId;
  };

  const tick = async () => {
    const outcomes = new Map<string, HealthOutcome>();
    const now = deps.now();
    const sweep = now.getTime() - lastSweepAt >= SWEEP_EVERY_MS;
    if (sweep) lastSweepAt = now.getTime();
    for (const workspaceId of await dueForCheck(db, now, sweep)) {
      const [row] = await db
        .select({ id: t.gongCredential.id })
        .from(t.gongCredential)
        .where(eq(t.gongCredential.workspaceId, workspaceId))
        .limit(1);
      if (row && (retryAfter.get(row.id) ?? 0) > now.getTime()) continue;
      try {
        outcomes.set(workspaceId, await checkOne(workspaceId));
      } catch (error) {
        // One workspace's trouble (e.g. the database busy) must not stop the others.
        logger.error({ workspaceId, err: error }, 'gong health check failed');
      }
    }
    return outcomes;
  };

  const loop = async () => {
    if (stopped) return;
    try {
      await tick();
    } catch (error) {
      logger.error({ err: error }, 'gong health tick failed');
    } finally {
      if (!stopped) timer = setTimeout(() => void loop(), deps.tickMs);
    }
  };

  return {
    tick,
    start() {
      stopped = false;
      void loop();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
