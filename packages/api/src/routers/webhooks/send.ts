// Resending a delivery and sending a test event: both only write rows; the worker sends them.

import { randomUUID } from 'node:crypto';
import { WEBHOOK_TEST_EVENT } from '@callmine/contracts';
import { enqueueWebhookEvent } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { AdminContext } from '../../procedure-context.ts';
import { findWebhook } from './queries.ts';
import { webhookNotFound } from './write.ts';

/**
 * One more attempt as soon as the worker gets to it, with the same Callmine-Webhook-Id (a receiver that already
 * processed it can drop it). If it fails, it is retried only within the event's original retry window.
 */
export async function resendDelivery(ctx: AdminContext, deliveryId: string): Promise<void> {
  const at = ctx.deps.now();
  const delivery = ctx.deps.db.tables.webhookDelivery;
  const rows = await ctx.deps.db
    .update(delivery)
    .set({ status: 'pending', nextAttemptAt: at, leaseUntil: null, updatedAt: at })
    .where(and(eq(delivery.id, deliveryId), eq(delivery.workspaceId, ctx.workspace.id)))
    .returning({ id: delivery.id });
  if (rows.length === 0) {
    throw webhookNotFound();
  }
}

/** A `webhook.test` event to this one endpoint (even one not subscribed to anything in particular). */
export async function sendTestWebhook(
  ctx: AdminContext,
  endpointId: string,
): Promise<{ deliveryId: string }> {
  const found = await findWebhook(ctx.deps.db, ctx.workspace.id, endpointId);
  if (!found) throw webhookNotFound();
  if (!found.enabled) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'Turn the endpoint on before sending a test event.',
    });
  }
  const eventId = `${WEBHOOK_TEST_EVENT}:${randomUUID()}`;
  await enqueueWebhookEvent(ctx.deps.db, {
    workspaceId: ctx.workspace.id,
    type: WEBHOOK_TEST_EVENT,
    eventId,
    data: { message: 'A test event from Callmine.' },
    at: ctx.deps.now(),
    endpointId,
  });
  const delivery = ctx.deps.db.tables.webhookDelivery;
  const [row] = await ctx.deps.db
    .select({ id: delivery.id })
    .from(delivery)
    .where(and(eq(delivery.endpointId, endpointId), eq(delivery.eventId, eventId)))
    .limit(1);
  if (!row) throw webhookNotFound();
  return { deliveryId: row.id };
}
