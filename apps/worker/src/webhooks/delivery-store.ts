// Every write the delivery loop makes. A delivery is claimed with one conditional UPDATE (a lease), so two workers
// never send it at the same time; after the network answer, its outcome is recorded in one short transaction whose
// first statement is the delivery's own row: a 2xx is on disk before anything else happens.
import type { Db } from '@callmine/db';
import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { nextAttemptAt, type RetryPolicy } from './backoff.ts';

const tablesOf = (db: Db) => ({ delivery: db.tables.webhookDelivery, endpoint: db.tables.webhookEndpoint });

export interface ClaimedDelivery {
  id: string;
  workspaceId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
  url: string;
  secretSealed: string;
}

/** Ids of deliveries due now on enabled endpoints and not held by another worker, oldest first. */
export async function dueDeliveries(db: Db, now: Date, limit: number): Promise<string[]> {
  const { delivery, endpoint } = tablesOf(db);
  const rows = await db
    .select({ id: delivery.id })
    .from(delivery)
    .innerJoin(endpoint, eq(endpoint.id, delivery.endpointId))
    .where(
      and(
        inArray(delivery.status, ['pending', 'failed']),
        lte(delivery.nextAttemptAt, now),
        or(isNull(delivery.leaseUntil), lt(delivery.leaseUntil, now)),
        eq(endpoint.enabled, true),
      ),
    )
    .orderBy(asc(delivery.nextAttemptAt))
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Takes the delivery for `leaseMs` if it is still due and nobody holds it (one UPDATE: atomic on SQLite and
 * PostgreSQL alike). Returns it with its endpoint's URL and sealed secret, or null when another worker won.
 */
export async function claimDelivery(
  db: Db,
  id: string,
  now: Date,
  leaseMs: number,
): Promise<ClaimedDelivery | null> {
  const { delivery, endpoint } = tablesOf(db);
  const [claimed] = await db
    .update(delivery)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(
      and(
        eq(delivery.id, id),
        inArray(delivery.status, ['pending', 'failed']),
        lte(delivery.nextAttemptAt, now),
        or(isNull(delivery.leaseUntil), lt(delivery.leaseUntil, now)),
      ),
    )
    .returning({ id: delivery.id });
  if (!claimed) return null;
  const [row] = await db
    .select({
      id: delivery.id,
      workspaceId: delivery.workspaceId,
      endpointId: delivery.endpointId,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      payload: delivery.payload,
      attempts: delivery.attempts,
      createdAt: delivery.createdAt,
      url: endpoint.url,
      secretSealed: endpoint.secretSealed,
      enabled: endpoint.enabled,
    })
    .from(delivery)
    .innerJoin(endpoint, eq(endpoint.id, delivery.endpointId))
    .where(eq(delivery.id, id))
    .limit(1);
  if (!row?.enabled) {
    await releaseDelivery(db, id);
    return null;
  }
  const { enabled: _enabled, ...claimedRow } = row;
  return claimedRow;
}

/** Gives a claimed delivery back without an attempt (e.g. the worker is stopping). */
export async function releaseDelivery(db: Db, id: string): Promise<void> {
  const { delivery } = tablesOf(db);
  await db.update(delivery).set({ leaseUntil: null }).where(eq(delivery.id, id));
}

export interface AttemptOutcome {
  ok: boolean;
  status: number | null;
  durationMs: number;
  error: string | null;
  at: Date;
}

export type RecordResult =
  | { kind: 'succeeded' }
  | { kind: 'retry'; at: Date }
  | { kind: 'dead' }
  | { kind: 'disabled' };

/**
 * Records one attempt. Success: the delivery is 'succeeded' and the endpoint's failure streak ends. Failure: the next
 * attempt is scheduled (or the delivery is 'dead' past the retry window), the endpoint's streak starts if it had
 * none, and an endpoint failing for `disableAfterMs` is disabled with an audit row, in the same transaction.
 */
export async function recordAttempt(
  db: Db,
  claimed: Pick<ClaimedDelivery, 'id' | 'workspaceId' | 'endpointId' | 'attempts' | 'createdAt'>,
  outcome: AttemptOutcome,
  policy: RetryPolicy & { disableAfterMs: number },
): Promise<RecordResult> {
  const { delivery, endpoint } = tablesOf(db);
  const attempts = claimed.attempts + 1;
  const last = {
    attempts,
    lastStatusCode: outcome.status,
    lastDurationMs: outcome.durationMs,
    lastAttemptAt: outcome.at,
    leaseUntil: null,
    updatedAt: outcome.at,
  };
  return db.transaction(async (tx) => {
    if (outcome.ok) {
      await tx
        .update(delivery)
        .set({ ...last, status: 'succeeded', lastError: null, nextAttemptAt: null })
        .where(eq(delivery.id, claimed.id));
      await tx
        .update(endpoint)
        .set({ failingSince: null, updatedAt: outcome.at })
        .where(eq(endpoint.id, claimed.endpointId));
      return { kind: 'succeeded' } as const;
    }
    const next = nextAttemptAt(policy, { createdAt: claimed.createdAt, attempts, now: outcome.at });
    await tx
      .update(delivery)
      .set({ ...last, status: next ? 'failed' : 'dead', lastError: outcome.error, nextAttemptAt: next })
      .where(eq(delivery.id, claimed.id));
    await tx
      .update(endpoint)
      .set({ failingSince: outcome.at })
      .where(and(eq(endpoint.id, claimed.endpointId), isNull(endpoint.failingSince)));
    const cutoff = new Date(outcome.at.getTime() - policy.disableAfterMs);
    const disabled = await tx
      .update(endpoint)
      .set({ enabled: false, disabledReason: 'failing', disabledAt: outcome.at, updatedAt: outcome.at })
      .where(
        and(
          eq(endpoint.id, claimed.endpointId),
          eq(endpoint.enabled, true),
          lte(endpoint.failingSince, cutoff),
        ),
      )
      .returning({ url: endpoint.url });
    if (disabled.length > 0) {
      await tx.insert(tx.tables.auditEvent).values({
        workspaceId: claimed.workspaceId,
        actorId: null,
        actorName: 'Callmine',
        via: 'system',
        action: 'webhook.disabled-failing',
        subjectId: claimed.endpointId,
        detail: `every delivery attempt failed for ${Math.round(policy.disableAfterMs / 3_600_000)} hours`,
        createdAt: outcome.at,
      });
      return { kind: 'disabled' } as const;
    }
    return next ? ({ kind: 'retry', at: next } as const) : ({ kind: 'dead' } as const);
  });
}
