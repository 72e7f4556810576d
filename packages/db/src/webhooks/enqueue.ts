// The one way a webhook event becomes deliveries: one row per enabled endpoint of the workspace that subscribed to
// the event's type, written inside the caller's transaction (the one that makes the state change the event reports),
// so the event exists exactly when the change does. UNIQUE(endpoint, event id): enqueuing the same event again
// (a retried job, a second worker) writes nothing.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../database/types.ts';

export interface WebhookEventInput {
  workspaceId: string;
  /** contracts' WebhookEventType (or 'webhook.test'). */
  type: string;
  /** Stable for the cause (e.g. `run.finished:<runId>`), so the same cause never makes a second event. */
  eventId: string;
  /** Ids and headline figures only: this is sent to a URL outside Callmine. */
  data: Record<string, unknown>;
  at: Date;
  /** Only this endpoint (sendTest); otherwise every subscribed, enabled endpoint. */
  endpointId?: string;
}

/** The JSON body every delivery of the event carries. */
export function webhookPayload(event: WebhookEventInput) {
  return {
    id: event.eventId,
    type: event.type,
    workspaceId: event.workspaceId,
    createdAt: event.at.toISOString(),
    data: event.data,
  };
}

/** Returns how many deliveries were enqueued (0 when nobody subscribed or the event was already enqueued). */
export async function enqueueWebhookEvent(tx: Db, event: WebhookEventInput): Promise<number> {
  const { webhookDelivery, webhookEndpoint } = tx.tables;
  const endpoints = await tx
    .select({ id: webhookEndpoint.id, events: webhookEndpoint.events })
    .from(webhookEndpoint)
    .where(
      and(
        eq(webhookEndpoint.workspaceId, event.workspaceId),
        eq(webhookEndpoint.enabled, true),
        ...(event.endpointId ? [eq(webhookEndpoint.id, event.endpointId)] : []),
      ),
    );
  const targets = event.endpointId ? endpoints : endpoints.filter((e) => e.events.includes(event.type));
  if (targets.length === 0) return 0;
  const payload = webhookPayload(event);
  const inserted = await tx
    .insert(webhookDelivery)
    .values(
      targets.map((endpoint) => ({
        id: `whd_${randomUUID().replaceAll('-', '')}`,
        workspaceId: event.workspaceId,
        endpointId: endpoint.id,
        eventId: event.eventId,
        eventType: event.type,
        payload,
        status: 'pending' as const,
        nextAttemptAt: event.at,
        createdAt: event.at,
        updatedAt: event.at,
      })),
    )
    .onConflictDoNothing({ target: [webhookDelivery.endpointId, webhookDelivery.eventId] })
    .returning({ id: webhookDelivery.id });
  return inserted.length;
}
