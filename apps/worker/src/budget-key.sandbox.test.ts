// One daily Gong budget per credential across processes: the server's validation of a pasted key and the worker's
// runs with it count in the same row (keyed by the credential's limiter key), and that row is what the card shows.
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { isFinished, startRunEnv } from './testing/run-env.ts';

it('counts the connect validation and the runs in one budget row, also for a credential stored before the key', {
  timeout: 90_000,
}, async () => {
  await using env = await startRunEnv({ calls: 30 });
  const db = env.server.database.db;
  const t = db.tables;
  const budgetRows = () => db.select().from(t.gongRequestBudget);
  const cardBudget = async () => {
    const card = await env.admin.integrations.gong.get.query();
    return card.status === 'disconnected' ? undefined : card.budget.used;
  };
  const today = new Date().toISOString().slice(0, 10);
  // Connecting sent two requests (users, workspaces).
  expect(env.sandbox.requests).toHaveLength(2);

  const first = await env.startRun();
  await env.startWorker();
  expect((await env.waitFor(first.id, isFinished)).status).toBe('done');
  const sent = env.sandbox.requests.length;
  expect(sent).toBeGreaterThan(2);
  const [row, ...others] = await budgetRows();
  expect(others).toEqual([]);
  expect(row).toMatchObject({
    credentialKey: expect.stringMatching(/^key:[0-9a-f]{24}$/),
    day: today,
    used: sent,
  });
  expect(row?.credentialKey).not.toContain(env.key().accessKey);
  expect(await cardBudget()).toBe(sent);

  // A credential saved before Callmine stored its limiter key: the worker names it on its next run, in the same row.
  await db.update(t.gongCredential).set({ limiterKey: null });
  const second = await env.startRun();
  expect((await env.waitFor(second.id, isFinished)).status).toBe('done');
  const [stored] = await db.select({ key: t.gongCredential.limiterKey }).from(t.gongCredential);
  expect(stored?.key).toBe(row?.credentialKey);
  const after = await budgetRows();
  expect(after).toEqual([{ ...row, used: env.sandbox.requests.length }]);
  expect(await cardBudget()).toBe(env.sandbox.requests.length);
  expect(await db.select().from(t.gongRequestBudget).where(eq(t.gongRequestBudget.day, today))).toHaveLength(
    1,
  );
});
