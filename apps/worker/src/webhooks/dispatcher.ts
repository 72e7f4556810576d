// The delivery loop: a plain timer, like the scheduler. Each tick finds due deliveries, claims each one with a lease
// (so several workers never send the same delivery at once), opens the endpoint's secret just for the signature,
// POSTs, and records the outcome. A worker killed after the receiver's 2xx but before the record leaves the lease to
// expire: the delivery is sent once more with the same Callmine-Webhook-Id, which receivers dedupe on.
import { webhookUrlVerdict } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import type { Logger } from '@callmine/logger';
import { webhookSecretContext } from '@callmine/vault';
import type { Opener } from '@callmine/vault/open';
import type { RetryPolicy } from './backoff.ts';
import { type ClaimedDelivery, claimDelivery, dueDeliveries, recordAttempt } from './delivery-store.ts';
import { signWebhook } from './signature.ts';
import type { WebhookAttempt, WebhookTransport } from './transport.ts';

export interface WebhookDispatcherDeps {
  db: Db;
  opener: Opener;
  transport: WebhookTransport;
  logger: Logger;
  now: () => Date;
  pollIntervalMs: number;
  /** Must outlive one attempt (the transport's timeout), or a second worker could send the same delivery. */
  leaseMs: number;
  policy: RetryPolicy & { disableAfterMs: number };
  allowedOrigins: readonly string[];
  /** Deliveries sent concurrently per tick. */
  batchSize?: number;
}

export interface WebhookDispatcher {
  /** Sends every delivery due now (up to one batch); returns how many were attempted. */
  tick(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createWebhookDispatcher(deps: WebhookDispatcherDeps): WebhookDispatcher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const attempt = async (claimed: ClaimedDelivery): Promise<WebhookAttempt> => {
    const verdict = webhookUrlVerdict(claimed.url, deps.allowedOrigins);
    if (!verdict.ok) return { ok: false, status: null, durationMs: 0, error: 'refused: address not allowed' };
    let secret: string;
    try {
      secret = deps.opener.open(claimed.secretSealed, webhookSecretContext(claimed));
    } catch {
      return { ok: false, status: null, durationMs: 0, error: 'signing secret unreadable' };
    }
    const body = JSON.stringify(claimed.payload);
    const timestamp = Math.floor(deps.now().getTime() / 1000);
    return deps.transport.post({
      url: verdict.url,
      body,
      headers: {
        'callmine-webhook-id': claimed.id,
        'callmine-webhook-timestamp': String(timestamp),
        'callmine-webhook-signature': signWebhook(secret, timestamp, body),
      },
    });
  };

  const deliver = async (id: string): Promise<boolean> => {
    const claimed = await claimDelivery(deps.db, id, deps.now(), deps.leaseMs);
    if (!claimed) return false;
    const result = await attempt(claimed);
    const recorded = await recordAttempt(
      deps.db,
      claimed,
      { ...result, error: result.ok ? null : result.error, at: deps.now() },
      deps.policy,
    );
    // Never the URL (it may carry the receiver's own token) nor the body.
    const log = {
      deliveryId: claimed.id,
      endpointId: claimed.endpointId,
      eventType: claimed.eventType,
      attempt: claimed.attempts + 1,
      status: result.status,
      durationMs: result.durationMs,
      outcome: recorded.kind,
      ...(result.ok ? {} : { error: result.error }),
    };
    if (recorded.kind === 'disabled') deps.logger.warn(log, 'webhook endpoint disabled after failing');
    else if (result.ok) deps.logger.info(log, 'webhook delivered');
    else deps.logger.warn(log, 'webhook delivery failed');
    return true;
  };

  const tick = async (): Promise<number> => {
    const due = await dueDeliveries(deps.db, deps.now(), deps.batchSize ?? 10);
    const results = await Promise.allSettled(due.map((id) => deliver(id)));
    for (const result of results) {
      if (result.status === 'rejected') deps.logger.error({ err: result.reason }, 'webhook delivery crashed');
    }
    return results.filter((r) => r.status === 'fulfilled' && r.value).length;
  };

  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((error: unknown) => deps.logger.error({ err: error }, 'webhook tick failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, deps.pollIntervalMs);
      });
  };

  return {
    tick,
    start: () => {
      stopped = false;
      loop();
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      // Attempts in flight finish and are recorded: nothing is left half-sent by a clean stop.
      await running;
    },
  };
}
