// Reads for Settings → Webhooks: explicit columns only (the sealed secret is never selected), always scoped to the
// caller's workspace, so another workspace's ids find nothing.
import {
  type WebhookDeliveriesPage,
  type WebhookEndpointView,
  type WebhookEventType,
  webhookEventTypes,
} from '@callmine/contracts';
import type { Db, Tables } from '@callmine/db';
import { and, desc, eq, lt, or } from 'drizzle-orm';

/** What leaves about an endpoint: never `secretSealed`. */
export const endpointColumns = (endpoint: Tables['webhookEndpoint']) => ({
  id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events,
  enabled: endpoint.enabled,
  disabledReason: endpoint.disabledReason,
  disabledAt: endpoint.disabledAt,
  failingSince: endpoint.failingSince,
  createdAt: endpoint.createdAt,
});

type EndpointRow = Pick<Tables['webhookEndpoint']['$inferSelect'], keyof ReturnType<typeof endpointColumns>>;
const known: ReadonlySet<string> = new Set(webhookEventTypes);

export function toEndpointView(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    events: row.events.filter((e): e is WebhookEventType => known.has(e)),
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listWebhooks(db: Db, workspaceId: string): Promise<WebhookEndpointView[]> {
  const endpoint = db.tables.webhookEndpoint;
  const rows = await db
    .select(endpointColumns(endpoint))
    .from(endpoint)
    .where(eq(endpoint.workspaceId, workspaceId))
    .orderBy(desc(endpoint.createdAt), desc(endpoint.id));
  return rows.map(toEndpointView);
}

export async function findWebhook(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<WebhookEndpointView | null> {
  const endpoint = db.tables.webhookEndpoint;
  const [row] = await db
    .select(endpointColumns(endpoint))
    .from(endpoint)
    .where(and(eq(endpoint.id, id), eq(endpoint.workspaceId, workspaceId)))
    .limit(1);
  return row ? toEndpointView(row) : null;
}

const PAGE_SIZE = 25;

/** Cursor: "<created ms>:<id>" of the last row of the previous page (newest first, id breaks ties). */
function parseCursor(cursor: string | undefined): { at: Date; id: string } | null {
  const match = cursor ? /^(\d{1,15}):([A-Za-z0-9_-]{1,100})$/.exec(cursor) : null;
  return match ? { at: new Date(Number(match[1])), id: match[2]! } : null;
}

/** The endpoint's deliveries, newest first; null when the endpoint is not in this workspace. */
export async function listDeliveries(
  db: Db,
  workspaceId: string,
  endpointId: string,
  cursor: string | undefined,
): Promise<WebhookDeliveriesPage | null> {
  if (!(await findWebhook(db, workspaceId, endpointId))) return null;
  const delivery = db.tables.webhookDelivery;
  const after = parseCursor(cursor);
  const rows = await db
    .select({
      id: delivery.id,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      status: delivery.status,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode,
      lastDurationMs: delivery.lastDurationMs,
      lastError: delivery.lastError,
      lastAttemptAt: delivery.lastAttemptAt,
      nextAttemptAt: delivery.nextAttemptAt,
      createdAt: delivery.createdAt,
    })
    .from(delivery)
    .where(
      and(
        eq(delivery.workspaceId, workspaceId),
        eq(delivery.endpointId, endpointId),
        after
          ? or(
              lt(delivery.createdAt, after.at),
              and(eq(delivery.createdAt, after.at), lt(delivery.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(delivery.createdAt), desc(delivery.id))
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      ...row,
      // A delivery that is waiting to retry shows when; a finished one has nothing due.
      nextAttemptAt:
        row.status === 'pending' || row.status === 'failed'
          ? (row.nextAttemptAt?.toISOString() ?? null)
          : null,
      lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > PAGE_SIZE && last ? `${last.createdAt.getTime()}:${last.id}` : null,
  };
}
