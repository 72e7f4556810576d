import {
  createdWebhook,
  createWebhookInput,
  rotatedWebhookSecret,
  updateWebhookInput,
  webhookDeliveriesInput,
  webhookDeliveriesPage,
  webhookDeliveryIdInput,
  webhookEndpointIdInput,
  webhookEndpointView,
  webhookIdInput,
} from '@callmine/contracts';
import { z } from 'zod';
import { adminProcedure, router } from '../../trpc.ts';
import { listDeliveries, listWebhooks } from './queries.ts';
import { resendDelivery, sendTestWebhook } from './send.ts';
import {
  createWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  updateWebhook,
  webhookNotFound,
} from './write.ts';

const notFound = { code: 'NOT_FOUND', when: 'No such endpoint (or delivery) in this workspace.' } as const;
const urlRefused = {
  code: 'BAD_REQUEST',
  reason: 'webhook-url-not-allowed',
  when: 'The URL is not https, or points at this machine or a private address.',
} as const;

/** Signed webhooks (admins, or an admin API token so a script can manage its own endpoints). */
export const webhooksRouter = router({
  list: adminProcedure
    .meta({ summary: 'The workspace’s webhook endpoints with their state (never their secrets).' })
    .output(z.array(webhookEndpointView))
    .query(({ ctx }) => listWebhooks(ctx.deps.db, ctx.workspace.id)),
  create: adminProcedure
    .meta({
      summary:
        'Adds an endpoint for the chosen events; the answer holds its signing secret, shown this once.',
      errors: [urlRefused],
    })
    .input(createWebhookInput)
    .output(createdWebhook)
    .mutation(({ ctx, input }) => createWebhook(ctx, input)),
  update: adminProcedure
    .meta({
      summary:
        'Changes an endpoint’s URL or events, or turns it off or on (on again clears its failure state).',
      errors: [notFound, urlRefused],
    })
    .input(updateWebhookInput)
    .output(webhookEndpointView)
    .mutation(({ ctx, input }) => updateWebhook(ctx, input)),
  delete: adminProcedure
    .meta({ summary: 'Deletes an endpoint and its delivery log.', errors: [notFound] })
    .input(webhookIdInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteWebhook(ctx, input.id);
      return { deleted: true as const };
    }),
  rotateSecret: adminProcedure
    .meta({
      summary: 'Replaces the endpoint’s signing secret; the answer holds the new one, shown this once.',
      errors: [notFound],
    })
    .input(webhookIdInput)
    .output(rotatedWebhookSecret)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx, input.id)),
  deliveries: adminProcedure
    .meta({
      summary:
        'An endpoint’s delivery log, newest first, 25 a page: status, attempts, duration, event type, time.',
      errors: [notFound],
    })
    .input(webhookDeliveriesInput)
    .output(webhookDeliveriesPage)
    .query(async ({ ctx, input }) => {
      const page = await listDeliveries(ctx.deps.db, ctx.workspace.id, input.endpointId, input.cursor);
      if (!page) throw webhookNotFound();
      return page;
    }),
  resend: adminProcedure
    .meta({ summary: 'Sends a delivery again, with the same webhook id.', errors: [notFound] })
    .input(webhookDeliveryIdInput)
    .output(z.object({ queued: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await resendDelivery(ctx, input.deliveryId);
      return { queued: true as const };
    }),
  sendTest: adminProcedure
    .meta({
      summary: 'Queues a `webhook.test` event to the endpoint, to check the receiver verifies signatures.',
      errors: [notFound, { code: 'PRECONDITION_FAILED', when: 'The endpoint is turned off.' }],
    })
    .input(webhookEndpointIdInput)
    .output(z.object({ deliveryId: z.string() }))
    .mutation(({ ctx, input }) => sendTestWebhook(ctx, input.endpointId)),
});
