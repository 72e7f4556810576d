// Tenant isolation, procedure by procedure. The procedures come from the API reference (what /docs/api is built
// from), so a new procedure is covered without anyone listing it: the suite fails until procedure-cases.ts has
// its input. Two workspaces with data in both (runs, reports, analyses, schedules, tokens, invitations, members,
// each with its own Gong sandbox tenant). A member, an admin and an admin API token of workspace B call every
// procedure with workspace A's ids, and the same input with random ids in their place. Asserted:
//   - revealed: nothing — the answer to A's ids is the answer to ids that never existed (same status, code,
//     reason and message), so NOT_FOUND is never FORBIDDEN for A's ids;
//   - read: no answer names any of A's ids, names or emails;
//   - changed: every row of A in every table is the same afterwards.
import { randomUUID } from 'node:crypto';
import { buildApiReference } from '@callmine/api';
import { apiClient, browserLikeFetch, testAdmin } from '@callmine/server/testing';
import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { type OwnIds, procedureCases, type TenantIds } from './isolation/procedure-cases.ts';
import { tenantRows } from './isolation/tenant-rows.ts';
import { isFinished, startRunEnv, WHOLE_HISTORY } from './testing/run-env.ts';

interface Answer {
  status: number;
  code?: string;
  reason?: string;
  message?: string;
  text: string;
}

interface Caller {
  label: string;
  headers: () => Record<string, string>;
  fetch: typeof fetch;
  /** What this caller may rightly see of A: a person in both workspaces knows A's name, id and their own email. */
  knows?: string[];
  /** A member of A too: procedures whose case says so (switching to A) are rightly allowed and not probed. */
  inBoth?: boolean;
}

async function call(
  url: string,
  caller: Caller,
  path: string,
  type: string,
  input: unknown,
): Promise<Answer> {
  const response =
    type === 'query'
      ? await caller.fetch(
          `${url}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          { headers: caller.headers() },
        )
      : await caller.fetch(`${url}/trpc/${path}`, {
          method: 'POST',
          headers: { ...caller.headers(), 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
  const text = await response.text();
  const body = JSON.parse(text) as { error?: { message: string; data: { code: string; reason?: string } } };
  return {
    status: response.status,
    code: body.error?.data.code,
    reason: body.error?.data.reason,
    message: body.error?.message,
    text,
  };
}

const analysisBody = (name: string) => ({
  name,
  window: { kind: 'absolute' as const, ...WHOLE_HISTORY },
  filters: {},
  settings: {
    analysers: ['trackers' as const],
    trackers: [{ name: 'Pricing', phrases: [{ phrase: 'price' }] }],
  },
});

const env = sharedResource(() => startRunEnv({ calls: 40 }), 120_000);
const a = {} as TenantIds;
const own = {} as OwnIds;
const callers: Caller[] = [];

async function joinByLink(invitationId: string, name: string, email: string) {
  const jar = browserLikeFetch(env.server.url);
  const client = apiClient(env.server.url, jar);
  await client.invitations.accept.mutate({ invitationId, name, password: `${email} long password` });
  return { jar, client };
}

async function runToReport(client: ReturnType<typeof apiClient>, analysisId: string) {
  const queued = await client.analyses.run.mutate({ id: analysisId });
  const deadline = Date.now() + 45_000;
  for (;;) {
    const run = await client.runs.get.query({ id: queued.id });
    if (isFinished(run)) {
      expect(run.status).toBe('done');
      return { runId: run.id, reportId: run.reportId ?? '' };
    }
    if (Date.now() > deadline) throw new Error(`run stuck: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  // Nothing in the background: the suite compares A's rows before and after, and a webhook delivery attempt would
  // change them.
  await env.startWorker({}, { scheduler: false, webhooks: false });
  const ada = env.admin;

  // Workspace A: Ada's, on the sandbox's acme tenant, renamed to a name no other data could contain.
  const acme = await ada.workspace.rename.mutate({ name: 'Zephyrine Isolation Co' });
  a.workspaceId = acme.id;
  a.workspaceName = acme.name;
  a.analysisId = (await ada.analyses.create.mutate(analysisBody('Zephyrine pipeline review'))).id;
  Object.assign(a, await runToReport(ada, a.analysisId));
  a.scheduleId = (
    await ada.schedules.create.mutate({
      analysisId: a.analysisId,
      kind: 'daily',
      time: '09:00',
      timeZone: 'UTC',
    })
  ).id;
  a.tokenId = (await ada.apiTokens.create.mutate({ name: 'Zephyrine export', role: 'admin' })).view.id;
  a.webhookId = (
    await ada.webhooks.create.mutate({ url: 'https://hooks.zephyrine.example/in', events: ['run.finished'] })
  ).endpoint.id;
  await ada.webhooks.sendTest.mutate({ endpointId: a.webhookId });
  a.webhookDeliveryId = (await ada.webhooks.deliveries.query({ endpointId: a.webhookId })).items[0]?.id ?? '';
  a.memberEmail = 'mia@zephyrine.example';
  const miaInvite = await ada.members.invite.mutate({ email: a.memberEmail, role: 'member' });
  a.usedInvitationId = miaInvite.id;
  await joinByLink(miaInvite.id, 'Mia Zephyrine', a.memberEmail);
  const danEmail = 'dan@both.example';
  const dan = await joinByLink(
    (await ada.members.invite.mutate({ email: danEmail, role: 'member' })).id,
    'Dan Both',
    danEmail,
  );
  a.memberId = (await ada.members.list.query()).find((m) => m.email === a.memberEmail)?.id ?? '';
  a.pendingInvitationId = (
    await ada.members.invite.mutate({ email: 'pending@zephyrine.example', role: 'admin' })
  ).id;

  // Workspace B: created by the operator, its first admin Bea joins by link; Ben is a member; Gong is globex.
  const created = await ada.operator.createWorkspace.mutate({
    name: 'Beta Corp',
    adminEmail: 'bea@beta.example',
  });
  const bea = await joinByLink(created.invitation.id, 'Bea Beta', 'bea@beta.example');
  const benInvite = await bea.client.members.invite.mutate({ email: 'ben@beta.example', role: 'member' });
  const ben = await joinByLink(benInvite.id, 'Ben Beta', 'ben@beta.example');
  const globex = env.sandbox.tenant('globex');
  const key = globex.credentials[0];
  if (!key) throw new Error('globex has no key');
  await bea.client.integrations.gong.connectBasic.mutate({
    accessKey: key.accessKey,
    secretKey: key.secretKey,
    baseUrl: globex.baseUrl,
  });
  own.analysisId = (await bea.client.analyses.create.mutate(analysisBody('Beta weekly'))).id;
  await runToReport(bea.client, own.analysisId);
  own.scheduleId = (
    await bea.client.schedules.create.mutate({
      analysisId: own.analysisId,
      kind: 'daily',
      time: '10:00',
      timeZone: 'UTC',
    })
  ).id;
  const token = (await bea.client.apiTokens.create.mutate({ name: 'Beta script', role: 'admin' })).token;
  // Dan is a member of A and an admin of B, acting in B: A's ids must be as unknown to him there as to anyone.
  const danToB = await bea.client.members.invite.mutate({ email: danEmail, role: 'admin' });
  await dan.client.invitations.join.mutate({
    invitationId: danToB.id,
    password: `${danEmail} long password`,
  });
  expect((await dan.client.workspace.get.query()).name).toBe('Beta Corp');

  callers.push(
    { label: 'member of B', headers: () => ({}), fetch: ben.jar },
    { label: 'admin of B', headers: () => ({}), fetch: bea.jar },
    { label: 'admin API token of B', headers: () => ({ authorization: `Bearer ${token}` }), fetch },
    {
      label: 'admin of B who is also a member of A',
      headers: () => ({}),
      fetch: dan.jar,
      inBoth: true,
      knows: [a.workspaceId, a.workspaceName],
    },
  );
}, 120_000);

describe('tenant isolation, every procedure', () => {
  const reference = buildApiReference();

  it('has an input for every procedure of the router, and none for a procedure that is gone', () => {
    const paths = reference.procedures.map((p) => p.path);
    expect(
      paths.filter((p) => !(p in procedureCases)),
      'procedures without an isolation case',
    ).toEqual([]);
    expect(
      Object.keys(procedureCases).filter((p) => !paths.includes(p)),
      'cases for no procedure',
    ).toEqual([]);
  });

  it("never reads, changes or reveals workspace A to B's member, admin or API token", {
    timeout: 240_000,
  }, async () => {
    // A setup slip (an id left undefined) would make its cases prove nothing.
    for (const [name, value] of Object.entries(a)) expect(value, name).toMatch(/\S/);
    for (const [name, value] of Object.entries(own)) expect(value, name).toMatch(/\S/);
    const before = await tenantRows(env.server.database.db, a.workspaceId);
    // The snapshot must hold A's data, or comparing it would prove nothing.
    expect(before.organization).toHaveLength(1);
    expect(Object.values(before).filter((rows) => rows.length > 0).length).toBeGreaterThan(5);
    const aValues = Object.values(a) as string[];
    const random: TenantIds = Object.fromEntries(
      Object.keys(a).map((k) => [k, k.endsWith('Email') ? `${randomUUID()}@nowhere.example` : randomUUID()]),
    ) as unknown as TenantIds;
    const blank = (text: string | undefined, ids: TenantIds) =>
      Object.entries(ids).reduce((t, [k, v]) => t?.split(v).join(`<${k}>`), text);
    const ordered = [...reference.procedures].sort(
      (x, y) => Number(procedureCases[x.path]?.last ?? false) - Number(procedureCases[y.path]?.last ?? false),
    );
    const problems: string[] = [];
    let probes = 0;
    // Each caller must really be signed in to B throughout, or every answer would match for the wrong reason.
    const succeeded: Record<string, number> = {};
    for (const caller of callers) {
      for (const procedure of ordered) {
        const testCase = procedureCases[procedure.path];
        if (!testCase || (caller.inBoth && testCase.allowedToMemberOfBoth)) continue;
        const withA = testCase.inputs(a, own);
        const withRandom = testCase.inputs(random, own);
        for (const [i, input] of withA.entries()) {
          probes += 1;
          const where = `${caller.label} → ${procedure.path} ${JSON.stringify(input)}`;
          const answer = await call(env.server.url, caller, procedure.path, procedure.type, input);
          const leaked = aValues.filter(
            (v) =>
              v &&
              answer.text.includes(v) &&
              !JSON.stringify(input ?? null).includes(v) &&
              !caller.knows?.includes(v),
          );
          if (answer.status === 200) succeeded[caller.label] = (succeeded[caller.label] ?? 0) + 1;
          if (leaked.length > 0) problems.push(`${where}: the answer names A's ${leaked.join(', ')}`);
          if (!aValues.some((v) => JSON.stringify(input ?? null).includes(v))) continue;
          const control = await call(env.server.url, caller, procedure.path, procedure.type, withRandom[i]);
          const seen = {
            status: answer.status,
            code: answer.code,
            reason: answer.reason,
            message: blank(answer.message, a),
          };
          const unseen = {
            status: control.status,
            code: control.code,
            reason: control.reason,
            message: blank(control.message, random),
          };
          if (JSON.stringify(seen) !== JSON.stringify(unseen)) {
            problems.push(
              `${where}: answers ${JSON.stringify(seen)}, but for ids that don't exist ${JSON.stringify(unseen)}`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
    for (const caller of callers) expect(succeeded[caller.label], caller.label).toBeGreaterThan(15);
    expect(probes).toBeGreaterThan(callers.length * reference.procedures.length);
    expect(await tenantRows(env.server.database.db, a.workspaceId)).toEqual(before);
    // A is still whole from its own side too.
    expect((await env.admin.reports.get.query({ id: a.reportId })).id).toBe(a.reportId);
    expect((await env.admin.members.list.query()).map((m) => m.email)).toContain(a.memberEmail);
    expect(testAdmin.workspaceName).not.toBe(a.workspaceName);
  });
});
