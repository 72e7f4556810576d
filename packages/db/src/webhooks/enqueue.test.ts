import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../index.ts';
import { organization, webhookDelivery, webhookEndpoint } from '../schema/index.ts';
import { enqueueWebhookEvent } from './enqueue.ts';

describe('enqueueWebhookEvent', () => {
  let dir: string;
  let opened: OpenedDatabase;
  const at = new Date('2026-03-01T10:00:00Z');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callmine-webhooks-'));
    opened = openDatabase(join(dir, 'callmine.db'));
    const { db } = opened;
    for (const id of ['ws1', 'ws2']) {
      await db.insert(organization).values({ id, name: id, slug: id, createdAt: at });
    }
    const endpoint = (id: string, workspaceId: string, events: string[], enabled = true) => ({
      id,
      workspaceId,
      url: `https://hooks.example.com/${id}`,
      events,
      secretSealed: 'v1.sealed',
      enabled,
      createdAt: at,
      updatedAt: at,
    });
    await db
      .insert(webhookEndpoint)
      .values([
        endpoint('a', 'ws1', ['run.finished', 'report.ready']),
        endpoint('b', 'ws1', ['report.ready']),
        endpoint('off', 'ws1', ['run.finished'], false),
        endpoint('other', 'ws2', ['run.finished']),
      ]);
  });
  afterEach(async () => {
    await opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = {
    workspaceId: 'ws1',
    type: 'run.finished',
    eventId: 'run.finished:r1',
    data: { runId: 'r1' },
    at,
  };

  it('enqueues once per subscribed, enabled endpoint of the workspace, and a second time not at all', async () => {
    const { db } = opened;
    expect(await enqueueWebhookEvent(db, event)).toBe(1);
    expect(await enqueueWebhookEvent(db, event)).toBe(0);
    const rows = await db
      .select({
        endpointId: webhookDelivery.endpointId,
        payload: webhookDelivery.payload,
        status: webhookDelivery.status,
      })
      .from(webhookDelivery);
    expect(rows).toEqual([
      {
        endpointId: 'a',
        status: 'pending',
        payload: {
          id: 'run.finished:r1',
          type: 'run.finished',
          workspaceId: 'ws1',
          createdAt: at.toISOString(),
          data: { runId: 'r1' },
        },
      },
    ]);
    expect(await enqueueWebhookEvent(db, { ...event, type: 'report.ready', eventId: 'report.ready:x' })).toBe(
      2,
    );
  });

  it('sends a test event to the one endpoint named, whatever it subscribed to', async () => {
    const { db } = opened;
    expect(
      await enqueueWebhookEvent(db, {
        ...event,
        type: 'webhook.test',
        eventId: 'webhook.test:1',
        endpointId: 'b',
      }),
    ).toBe(1);
    expect(
      await enqueueWebhookEvent(db, {
        ...event,
        type: 'webhook.test',
        eventId: 'webhook.test:2',
        endpointId: 'other',
      }),
    ).toBe(0);
  });
});
