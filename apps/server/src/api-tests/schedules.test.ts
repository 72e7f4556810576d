// schedules.* over real HTTP: create, validate (the shared schema, then croner), edit, pause, resume, run now, delete;
// who may do what; and key rotation leaving schedules exactly as they were.
import type { AppRouter } from '@callmine/api';
import type { SandboxTenant } from '@callmine/gong-sandbox';
import { sharedResource } from '@callmine/testing';
import { TRPCClientError } from '@trpc/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { startSandboxedServer } from '../testing/sandboxed-server.ts';
import { type TableName, tableSnapshot } from '../testing/table-rows.ts';

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const e = error as TRPCClientError<AppRouter>;
      return {
        code: e.data?.code,
        fieldErrors: e.data?.fieldErrors,
        message: e.message,
        reason: e.data?.reason,
      };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const key = (tenant: SandboxTenant, label = 'primary') => {
  const c = tenant.credentials.find((k) => k.label === label)!;
  return { accessKey: c.accessKey, secretKey: c.secretKey };
};

describe('schedules', () => {
  const env = sharedResource(() =>
    startSandboxedServer(
      { CALLMINE_GONG_REQUESTS_PER_SECOND: '100' },
      { rateLimit: { perSecond: 100, perDay: 100_000 } },
    ),
  );
  let analysisId: string;
  beforeAll(async () => {
    const acme = env.sandbox.tenants.find((t) => t.cluster === 'standard')!;
    await env.admin.integrations.gong.connectBasic.mutate({ ...key(acme), baseUrl: '' });
    analysisId = (
      await env.admin.analyses.create.mutate({
        name: 'Pricing questions',
        window: { kind: 'relative', lastDays: '7' },
        filters: {},
        settings: { analysers: ['questions'] },
      })
    ).id;
  });

  it('creates a weekly schedule in the workspace zone, lists it with its next run, edits, pauses and resumes it', async () => {
    const { admin } = env;
    expect(await admin.schedules.workspaceTimeZone.query()).toEqual({ timeZone: 'UTC' });
    await admin.schedules.setWorkspaceTimeZone.mutate({ timeZone: 'Europe/Berlin' });
    const zone = (await admin.schedules.workspaceTimeZone.query()).timeZone;
    expect(zone).toBe('Europe/Berlin');

    const created = await admin.schedules.create.mutate({
      analysisId,
      kind: 'weekly',
      weekday: 'monday',
      time: '09:00',
      timeZone: zone,
    });
    expect(created).toMatchObject({
      analysisName: 'Pricing questions',
      cadence: { kind: 'weekly', weekday: 'monday', time: '09:00' },
      timeZone: 'Europe/Berlin',
      description: 'Every Monday at 09:00 (Europe/Berlin)',
      paused: false,
      lastOccurrence: null,
      createdBy: 'Ada Admin',
    });
    const next = new Date(created.nextRunAt!);
    expect(next.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    expect(
      next.toLocaleString('en-GB', {
        timeZone: 'Europe/Berlin',
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }),
    ).toBe('Monday 09:00');
    expect((await admin.schedules.list.query()).map((s) => s.id)).toContain(created.id);

    const edited = await admin.schedules.update.mutate({
      id: created.id,
      schedule: {
        analysisId,
        kind: 'monthly',
        dayOfMonth: '31',
        time: '07:30',
        timeZone: 'America/New_York',
      },
    });
    expect(edited.description).toBe(
      'Monthly on the 31st (or the month’s last day) at 07:30 (America/New_York)',
    );
    const monthly = new Date(edited.nextRunAt!);
    expect(
      monthly.toLocaleString('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' }),
    ).toBe('07:30');

    const paused = await admin.schedules.pause.mutate({ id: created.id });
    expect(paused).toMatchObject({ paused: true, nextRunAt: null });
    const resumed = await admin.schedules.resume.mutate({ id: created.id });
    expect(resumed).toMatchObject({ paused: false, nextRunAt: edited.nextRunAt });
  });

  it('validates with the shared schema and croner, with field errors the editor can show', async () => {
    const { admin } = env;
    const badTime = await failure(
      admin.schedules.create.mutate({ analysisId, kind: 'daily', time: '25:00', timeZone: 'UTC' }),
    );
    expect(badTime).toMatchObject({
      code: 'BAD_REQUEST',
      fieldErrors: { time: ['Enter a time like 09:00 (24-hour clock).'] },
    });
    const badZone = await failure(
      admin.schedules.create.mutate({ analysisId, kind: 'daily', time: '09:00', timeZone: 'Mars/Olympus' }),
    );
    expect(badZone.fieldErrors?.timeZone).toEqual(['Choose a time zone from the list, like Europe/Berlin.']);
    const tooOften = await failure(
      admin.schedules.create.mutate({ analysisId, kind: 'cron', cron: '*/5 * * * *', timeZone: 'UTC' }),
    );
    expect(tooOften.fieldErrors?.cron).toEqual([
      'Schedules run at most every 15 minutes; choose a sparser cron expression.',
    ]);
    const noSuchAnalysis = await failure(
      admin.schedules.create.mutate({ analysisId: 'nope', kind: 'daily', time: '09:00', timeZone: 'UTC' }),
    );
    expect(noSuchAnalysis.fieldErrors?.analysisId).toEqual([
      'That analysis does not exist in this workspace any more.',
    ]);
    // Strict inputs: nobody passes a workspace or a next run.
    const sneaky = await failure(
      admin.schedules.create.mutate({
        analysisId,
        kind: 'daily',
        time: '09:00',
        timeZone: 'UTC',
        workspaceId: 'other',
      } as never),
    );
    expect(sneaky.code).toBe('BAD_REQUEST');
  });

  it('lets a member run a schedule now (a run of the last period appears) and delete it; only admins set the zone', async () => {
    const { admin, server } = env;
    const invitation = await admin.members.invite.mutate({ email: 'max@example.com', role: 'member' });
    const member = apiClient(server.url, browserLikeFetch(server.url));
    await member.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Max',
      password: 'max long password',
    });

    const created = await member.schedules.create.mutate({
      analysisId,
      kind: 'daily',
      time: '18:00',
      timeZone: 'UTC',
      windowMode: 'since-previous',
    });
    expect(created.windowMode).toBe('since-previous');
    const ran = await member.schedules.runNow.mutate({ id: created.id });
    expect(ran.nextRunAt).toBe(created.nextRunAt);
    const occurrence = ran.occurrences[0]!;
    expect(occurrence).toMatchObject({ trigger: 'manual', result: 'queued', caughtUp: false });
    // A daily schedule's run now, since the previous run, covers the last 24 hours.
    expect(Date.parse(occurrence.windowTo!) - Date.parse(occurrence.windowFrom!)).toBe(86_400_000);

    // Switched to the analysis's own window ("last 7 days"), run now covers the 7 UTC days ending today, up to now.
    const own = await member.schedules.update.mutate({
      id: created.id,
      schedule: { analysisId, kind: 'daily', time: '18:00', timeZone: 'UTC', windowMode: 'analysis' },
    });
    expect(own.windowMode).toBe('analysis');
    const before = Date.now();
    const ranOwn = await member.schedules.runNow.mutate({ id: created.id });
    const ownOccurrence = ranOwn.occurrences.find((o) => o.id !== occurrence.id)!;
    const today = Date.parse(`${new Date(before).toISOString().slice(0, 10)}T00:00:00Z`);
    expect(Date.parse(ownOccurrence.windowFrom!)).toBe(today - 6 * 86_400_000);
    expect(Date.parse(ownOccurrence.windowTo!)).toBeGreaterThanOrEqual(before);
    const ownRun = await member.runs.get.query({ id: ownOccurrence.runId! });
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(ownRun.name).toBe(`Pricing questions · ${day(today - 6 * 86_400_000)} to ${day(today)}`);
    const run = await member.runs.get.query({ id: occurrence.runId! });
    expect(run).toMatchObject({
      status: 'queued',
      analysis: { id: analysisId, name: 'Pricing questions' },
      startedBy: 'Max',
    });
    expect((await admin.runs.list.query()).map((r) => r.id)).toContain(run.id);

    expect((await failure(member.schedules.setWorkspaceTimeZone.mutate({ timeZone: 'UTC' }))).code).toBe(
      'FORBIDDEN',
    );
    await member.schedules.delete.mutate({ id: created.id });
    expect((await failure(member.schedules.get.query({ id: created.id }))).code).toBe('NOT_FOUND');
    // The run it made stays.
    expect((await admin.runs.get.query({ id: run.id })).id).toBe(run.id);
  });

  it('replacing the Gong key 30 times leaves schedules, their occurrences and next runs exactly as they were', async () => {
    const { admin, server, sandbox } = env;
    for (const [i, kind] of (['daily', 'weekly', 'monthly', 'cron'] as const).entries()) {
      const created = await admin.schedules.create.mutate({
        analysisId,
        kind,
        time: `0${i}:15`,
        weekday: 'friday',
        dayOfMonth: '29',
        cron: '0 8 * * 1-5',
        timeZone: ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney'][i]!,
      });
      await admin.schedules.runNow.mutate({ id: created.id });
    }
    const snapshot = (table: TableName) => tableSnapshot(server.database.db, table);
    const tables: TableName[] = [
      'schedule',
      'scheduleOccurrence',
      'workspaceScheduleSettings',
      'analysis',
      'analysisRun',
      'job',
    ];
    const before = await Promise.all(tables.map(snapshot));
    const listBefore = await admin.schedules.list.query();
    expect(listBefore.length).toBeGreaterThanOrEqual(4);

    const [standard, regional] = [
      sandbox.tenants.find((t) => t.cluster === 'standard')!,
      sandbox.tenants.find((t) => t.cluster !== 'standard')!,
    ];
    for (let i = 0; i < 30; i += 1) {
      const tenant = i % 2 ? regional : standard;
      if (i % 5 === 4) {
        await failure(
          admin.integrations.gong.connectBasic.mutate({
            ...key(tenant),
            secretKey: `wrong-${i}`,
            baseUrl: tenant.baseUrl,
          }),
        );
      } else {
        await admin.integrations.gong.connectBasic.mutate({
          ...key(tenant),
          baseUrl: i % 2 ? tenant.baseUrl : '',
          confirmCompanyChange: true,
        });
      }
    }
    expect(await Promise.all(tables.map(snapshot))).toEqual(before);
    expect(await admin.schedules.list.query()).toEqual(listBefore);
  });
});
