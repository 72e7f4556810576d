// Creating, changing, deleting an endpoint and rotating its secret: each one transaction with its audit row. The
// secret is sealed before the transaction and returned only by create and rotateSecret.
import { randomUUID } from 'node:crypto';
import type {
  CreatedWebhook,
  CreateWebhookInput,
  UpdateWebhookInput,
  WebhookEndpointView,
} from '@callmine/contracts';
import { createWebhookInput, updateWebhookInput } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { AdminContext } from '../../procedure-context.ts';
import { auditWebhook } from './audit.ts';
import { endpointColumns, toEndpointView } from './queries.ts';
import { newWebhookSecret } from './secret.ts';
import { allowedWebhookUrl } from './webhook-url.ts';

export const webhookNotFound = () =>
  new TRPCError({ code: 'NOT_FOUND', message: 'That webhook endpoint does not exist in this workspace.' });

const ownEndpoint = (ctx: AdminContext, id: string) => {
  const endpoint = ctx.deps.db.tables.webhookEndpoint;
  return and(eq(endpoint.id, id), eq(endpoint.workspaceId, ctx.workspace.id));
};

export async function createWebhook(ctx: AdminContext, raw: CreateWebhookInput): Promise<CreatedWebhook> {
  const endpoint = ctx.deps.db.tables.webhookEndpoint;
  const input = createWebhookInput.parse(raw);
  const url = allowedWebhookUrl(input.url, ctx.deps.webhooks.allowedOrigins);
  const at = ctx.deps.now();
  const id = `whe_${randomUUID().replaceAll('-', '')}`;
  const { secret, sealed } = newWebhookSecret(ctx, id);
  const row = {
    id,
    workspaceId: ctx.workspace.id,
    url,
    events: input.events,
    secretSealed: sealed,
    enabled: true,
    disabledReason: null,
    disabledAt: null,
    failingSince: null,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.deps.db.transaction(async (tx) => {
    await tx.insert(endpoint).values(row);
    await auditWebhook(tx, ctx, {
      action: 'webhook.created',
      endpointId: id,
      detail: input.events.join(','),
      at,
    });
  });
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, endpointId: id, by: ctx.user.id },
    'webhook endpoint created',
  );
  return { secret, endpoint: toEndpointView(row) };
}

export async function updateWebhook(
  ctx: AdminContext,
  raw: UpdateWebhookInput,
): Promise<WebhookEndpointView> {
  const input = updateWebhookInput.parse(raw);
  const endpoint = ctx.deps.db.tables.webhookEndpoint;
  const url =
    input.url === undefined ? undefined : allowedWebhookUrl(input.url, ctx.deps.webhooks.allowedOrigins);
  const at = ctx.deps.now();
  const changes = {
    ...(url === undefined ? {} : { url }),
    ...(input.events === undefined ? {} : { events: input.events }),
    ...(input.enabled === undefined
      ? {}
      : input.enabled
        ? // Back on: a fresh start, so the 3-day rule counts from the next failure.
          { enabled: true, disabledReason: null, disabledAt: null, failingSince: null }
        : { enabled: false, disabledReason: 'admin' as const, disabledAt: at }),
    updatedAt: at,
  };
  const updated = await ctx.deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(endpoint)
      .set(changes)
      .where(ownEndpoint(ctx, input.id))
      .returning(endpointColumns(endpoint));
    if (!row) return null;
    const what = Object.keys(changes).filter(
      (k) => k !== 'updatedAt' && k !== 'disabledAt' && k !== 'disabledReason' && k !== 'failingSince',
    );
    await auditWebhook(tx, ctx, {
      action: 'webhook.updated',
      endpointId: input.id,
      detail: what.join(','),
      at,
    });
    return row;
  });
  if (!updated) throw webhookNotFound();
  return toEndpointView(updated);
}

export async function deleteWebhook(ctx: AdminContext, id: string): Promise<void> {
  const endpoint = ctx.deps.db.tables.webhookEndpoint;
  const at = ctx.deps.now();
  const deleted = await ctx.deps.db.transaction(async (tx) => {
    const rows = await tx.delete(endpoint).where(ownEndpoint(ctx, id)).returning({ id: endpoint.id });
    if (rows.length === 0) return false;
    await auditWebhook(tx, ctx, { action: 'webhook.deleted', endpointId: id, detail: null, at });
    return true;
  });
  if (!deleted) throw webhookNotFound();
}

/** A new secret takes effect at once: deliveries signed from now on (including retries) use it. */
export async function rotateWebhookSecret(ctx: AdminContext, id: string): Promise<{ secret: string }> {
  const endpoint = ctx.deps.db.tables.webhookEndpoint;
  const at = ctx.deps.now();
  const { secret, sealed } = newWebhookSecret(ctx, id);
  const rotated = await ctx.deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(endpoint)
      .set({ secretSealed: sealed, updatedAt: at })
      .where(ownEndpoint(ctx, id))
      .returning({ id: endpoint.id });
    if (rows.length === 0) return false;
    await auditWebhook(tx, ctx, { action: 'webhook.secret-rotated', endpointId: id, detail: null, at });
    return true;
  });
  if (!rotated) throw webhookNotFound();
  return { secret };
}
