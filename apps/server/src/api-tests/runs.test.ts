// runs.* over real HTTP: who may start, cancel and see runs, and what a run needs before it is queued.
// (The worker that moves runs is tested in apps/worker.)
import type { AppRouter } from '@callmine/api';
import { sharedResource } from '@callmine/testing';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { startSandboxedServer } from '../testing/sandboxed-server.ts';

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const e = error as TRPCClientError<AppRouter>;
      return { code: e.data?.code, reason: e.data?.reason, message: e.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const selection = { from: '2026-01-01', to: '2026-01-31' };

describe('runs', () => {
  const env = sharedResource(() => startSandboxedServer());

  it('refuses to queue a run before Gong is connected', async () => {
    const result = await failure(env.admin.runs.start.mutate(selection));
    expect(result).toMatchObject({ code: 'PRECONDITION_FAILED', reason: 'gong-not-connected' });
    expect(await env.admin.runs.list.query()).toEqual([]);
  });

  it('lets a member start, follow and cancel a run; inputs are strict', async () => {
    const acme = env.sandbox.tenant('acme').credentials[0]!;
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: acme.accessKey,
      secretKey: acme.secretKey,
    });
    const invitation = await env.admin.members.invite.mutate({ email: 'max@example.com', role: 'member' });
    const member = apiClient(env.server.url, browserLikeFetch(env.server.url));
    await member.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Max',
      password: 'max long password',
    });

    const run = await member.runs.start.mutate({
      ...selection,
      externalOnly: 'yes',
      minDurationMinutes: '5',
    });
    expect(run).toMatchObject({
      status: 'queued',
      startedBy: 'Max',
      selection: {
        ...selection,
        externalOnly: true,
        minDurationMinutes: 5,
        repEmails: [],
        titleContains: '',
      },
      progress: { callsTotal: 0, callsFetched: 0, callsAnalyzed: 0, listingDone: false },
    });
    expect((await env.admin.runs.list.query()).map((r) => r.id)).toContain(run.id);
    expect(await env.admin.runs.get.query({ id: run.id })).toEqual(run);

    // Anyone in the workspace may cancel; a queued run is canceled at once.
    const canceled = await env.admin.runs.cancel.mutate({ id: run.id });
    expect(canceled).toMatchObject({ status: 'canceled', cancelRequested: true });

    const sneaky = { ...selection, workspaceId: 'other' } as typeof selection;
    expect((await failure(member.runs.start.mutate(sneaky))).code).toBe('BAD_REQUEST');
    const backwards = await failure(member.runs.start.mutate({ from: '2026-02-01', to: '2026-01-01' }));
    expect(backwards.code).toBe('BAD_REQUEST');
    // A range that starts after today has no calls yet: refused, no run queued.
    const runsBefore = (await env.admin.runs.list.query()).length;
    const future = await failure(member.runs.start.mutate({ from: '2999-01-01', to: '2999-01-31' }));
    expect(future).toMatchObject({ code: 'BAD_REQUEST' });
    expect(future.message).toMatch(
      /^That day is in the future: no calls yet\. Choose a first day up to \d{4}-\d{2}-\d{2}\.$/,
    );
    expect(await env.admin.runs.list.query()).toHaveLength(runsBefore);
    expect((await failure(member.runs.get.query({ id: 'nope' }))).code).toBe('NOT_FOUND');
  });

  it('hides runs from people outside the workspace', async () => {
    const stranger = apiClient(env.server.url, browserLikeFetch(env.server.url));
    expect((await failure(stranger.runs.list.query())).code).toBe('UNAUTHORIZED');
  });
});
