// Signed webhooks: the events an endpoint can subscribe to, what each delivery carries, and the inputs and outputs of
// the webhooks procedures. The settings form and the procedures validate with the same schemas.
import { z } from 'zod';
import { idField } from './fields.ts';

export const webhookEventTypes = [
  'run.finished',
  'report.ready',
  'gong.needs-attention',
  'quota.reached-80',
  'quota.reached-100',
  'schedule.occurrence-failed',
] as const;
export const webhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof webhookEventType>;

/** What the settings form shows next to each event's checkbox. */
export const webhookEventLabels: Record<WebhookEventType, string> = {
  'run.finished': 'Run finished (done, partial or failed)',
  'report.ready': 'Report ready',
  'gong.needs-attention': 'Gong needs attention',
  'quota.reached-80': 'Monthly quota at 80 %',
  'quota.reached-100': 'Monthly quota at 100 %',
  'schedule.occurrence-failed': 'Scheduled run could not start',
};

/** Sent by `webhooks.sendTest` only; nobody subscribes to it. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

// The `data` of each event: ids and headline figures only. Never a secret, a transcript or report contents.
export const webhookEventData = {
  'run.finished': z.object({
    runId: z.string(),
    name: z.string().nullable(),
    /** `partial`: done, but the monthly quota left some selected calls out. */
    outcome: z.enum(['done', 'partial', 'failed']),
    callsAnalyzed: z.number().int().nullable(),
    reportId: z.string().nullable(),
    /** A plain reason when the run failed (the same text the Runs page shows). */
    error: z.string().nullable(),
  }),
  'report.ready': z.object({
    reportId: z.string(),
    runId: z.string(),
    name: z.string(),
    fromDay: z.string(),
    toDay: z.string(),
    callsAnalyzed: z.number().int(),
  }),
  'gong.needs-attention': z.object({
    /** 'rejected' (Gong refused the credential) or 'unreadable' (Callmine cannot open it). */
    status: z.enum(['rejected', 'unreadable']),
  }),
  'quota.reached-80': z.object({ month: z.string(), used: z.number().int(), allowance: z.number().int() }),
  'quota.reached-100': z.object({ month: z.string(), used: z.number().int(), allowance: z.number().int() }),
  'schedule.occurrence-failed': z.object({
    scheduleId: z.string(),
    occurrenceId: z.string(),
    slot: z.iso.datetime(),
    reason: z.string(),
  }),
} satisfies Record<WebhookEventType, z.ZodType>;
export type WebhookEventData<T extends WebhookEventType> = z.infer<(typeof webhookEventData)[T]>;

/** The JSON body of every delivery. `id` is the event's id; the `Callmine-Webhook-Id` header is the delivery's. */
export const webhookBody = z.object({
  id: z.string(),
  type: z.union([webhookEventType, z.literal(WEBHOOK_TEST_EVENT)]),
  workspaceId: z.string(),
  createdAt: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});
export type WebhookBody = z.infer<typeof webhookBody>;

// try/catch, not URL.canParse: the SPA's tests run under jsdom, whose URL may lack it.
function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

const URL_MESSAGE = 'Enter the full address the events go to, like https://hooks.example.com/callmine.';

/**
 * The shape every webhook URL must have: http(s), no user name or password (the signature authenticates Callmine,
 * not a URL secret in the authority), no fragment. Whether http is allowed and where the address points is decided by
 * the server (`webhookUrlVerdict` below, then the address check when the worker connects).
 */
export const webhookUrlField = z
  .string({ error: URL_MESSAGE })
  .trim()
  .min(1, URL_MESSAGE)
  .max(2048, 'Use at most 2048 characters.')
  // As for the Gong base URL: WHATWG silently drops tabs and newlines and guesses "https:host" into
  // "https://host"; refuse both, so the URL stored is exactly the one typed.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  .refine((value) => !/[\u0000-\u0020\u007f]/.test(value), URL_MESSAGE)
  .refine((value) => /^https?:\/\//i.test(value), URL_MESSAGE)
  .refine((value) => ['https:', 'http:'].includes(parseUrl(value)?.protocol ?? ''), URL_MESSAGE)
  .refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), {
    message: 'The URL must not contain a user name or password.',
  })
  .refine((value) => !value.includes('#'), { message: 'The URL must not contain a fragment (#…).' });

export type WebhookUrlRejection = 'not-https' | 'host-not-allowed';
export type WebhookUrlVerdict = { ok: true; url: string } | { ok: false; reason: WebhookUrlRejection };

/**
 * The server's rule for where a delivery may go (the worker applies it again before sending): https, except an origin
 * listed exactly for development (`CALLMINE_WEBHOOK_ALLOWED_ORIGINS`). Host names that name this machine are refused
 * here; every other address is checked when the worker connects (the resolved address must be public).
 */
export function webhookUrlVerdict(input: string, allowedOrigins: readonly string[]): WebhookUrlVerdict {
  const url = new URL(input);
  if (allowedOrigins.some((origin) => parseUrl(origin)?.origin === url.origin)) {
    return { ok: true, url: url.href };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'not-https' };
  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return { ok: false, reason: 'host-not-allowed' };
  return { ok: true, url: url.href };
}

export const webhookUrlRejectionMessages: Record<WebhookUrlRejection, string> = {
  'not-https': 'The URL must start with https://.',
  'host-not-allowed': 'The URL must point to a public internet address.',
};

const eventsField = z
  .array(webhookEventType, { error: 'Choose at least one event.' })
  .min(1, 'Choose at least one event.')
  .max(webhookEventTypes.length)
  .transform((events) => [...new Set(events)]);

export const createWebhookInput = z.strictObject({ url: webhookUrlField, events: eventsField });
export type CreateWebhookInput = z.input<typeof createWebhookInput>;

export const updateWebhookInput = z.strictObject({
  id: idField,
  url: webhookUrlField.optional(),
  events: eventsField.optional(),
  /** Turning an endpoint back on clears its failure state; its pending deliveries are sent again. */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;

export const webhookIdInput = z.strictObject({ id: idField });
export const webhookEndpointIdInput = z.strictObject({ endpointId: idField });
export const webhookDeliveryIdInput = z.strictObject({ deliveryId: idField });
export const webhookDeliveriesInput = z.strictObject({
  endpointId: idField,
  /** `nextCursor` of the previous page; omitted for the newest deliveries. */
  cursor: z.string().max(200).optional(),
});

export const webhookEndpointView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(webhookEventType),
  enabled: z.boolean(),
  /** `failing`: Callmine turned it off after 3 days of failed deliveries; `admin`: an admin did. */
  disabledReason: z.enum(['failing', 'admin']).nullable(),
  disabledAt: z.iso.datetime().nullable(),
  /** Since when every delivery attempt has failed (null when the last attempt succeeded). */
  failingSince: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookEndpointView = z.infer<typeof webhookEndpointView>;

/** The only responses that ever hold the signing secret: creation and rotation. */
export const createdWebhook = z.object({ secret: z.string(), endpoint: webhookEndpointView });
export type CreatedWebhook = z.infer<typeof createdWebhook>;
export const rotatedWebhookSecret = z.object({ secret: z.string() });

export const webhookDeliveryStatus = z.enum(['pending', 'succeeded', 'failed', 'dead']);
export type WebhookDeliveryStatus = z.infer<typeof webhookDeliveryStatus>;

export const webhookDeliveryView = z.object({
  /** Sent as `Callmine-Webhook-Id`: the same on every attempt and resend, so receivers can drop duplicates. */
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  /** pending: not yet sent or waiting to retry; failed: the last attempt failed, another is due; dead: gave up. */
  status: webhookDeliveryStatus,
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastDurationMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliveryView>;

export const webhookDeliveriesPage = z.object({
  items: z.array(webhookDeliveryView),
  nextCursor: z.string().nullable(),
});
export type WebhookDeliveriesPage = z.infer<typeof webhookDeliveriesPage>;

/** The settings form: the same URL and events rules, with the checked events as one comma-separated value. */
export const createWebhookForm = z.strictObject({
  url: webhookUrlField,
  events: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(eventsField),
});
