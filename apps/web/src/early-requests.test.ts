// The entry's early requests against a real server: the app's tRPC client asks with the same URLs, so it takes
// their answers instead of asking again (a changed URL on either side would silently send every request twice).
import type { AppRouter } from '@callmine/api';
import { seedReport, startSandboxedServer } from '@callmine/server/testing';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { describe, expect, it } from 'vitest';
import { startEarlyRequests } from './early-requests.ts';
import { createApiClient } from './lib/trpc.ts';

describe('early requests', { timeout: 60_000 }, () => {
  it('a report link asks for the session and the report once, and the app takes both answers', async () => {
    await using env = await startSandboxedServer({}, { callsPerTenant: 20 });
    const report = await seedReport(env.server, env.sandbox, { calls: 20 });
    const sent: string[] = [];
    // jsdom's AbortSignal is not the one Node's fetch accepts.
    const fetcher: typeof fetch = (input, init) => {
      sent.push(new URL(String(input)).pathname);
      return env.adminFetch(input, { ...init, signal: null });
    };
    const base = `${env.server.url}/trpc`;
    for (const search of ['', '?rep=nobody']) {
      sent.length = 0;
      const early = startEarlyRequests({ pathname: `/reports/${report.id}`, search }, base, fetcher);
      await early.firstPage;
      // The first page's code is in once the report has been asked for (a filtered link's once zod has loaded).
      expect(sent).toHaveLength(2);
      const client = createApiClient({ url: base, fetch: fetcher, early: early.responses });
      const queryClient = new QueryClient();
      const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
      // Asked as mount-app asks them: together, so they go as one batch.
      const [setup, session] = await Promise.all([
        queryClient.fetchQuery(trpc.setup.status.queryOptions()),
        queryClient.fetchQuery(trpc.auth.session.queryOptions()),
      ]);
      const filters = search ? { rep: 'nobody' } : {};
      // The app asks for the report with the input the entry used (mount-app.tsx).
      expect(early.responses.reportInput).toEqual({ id: report.id, ...filters });
      const got = await client.reports.get.query(early.responses.reportInput!);
      expect(setup).toMatchObject({ needsOwner: false });
      expect(session?.user.email).toBe('ada@example.com');
      expect(got.callsAnalyzed).toBe(20);
      expect(got.matchingCalls).toBe(search ? 0 : 20);
      expect(sent).toEqual(['/trpc/setup.status,auth.session', `/trpc/reports.get`]);
    }
  });

  it('other pages ask for the session only', async () => {
    await using env = await startSandboxedServer({}, { callsPerTenant: 1 });
    const sent: string[] = [];
    const fetcher: typeof fetch = (input, init) => {
      sent.push(new URL(String(input)).pathname);
      return env.adminFetch(input, { ...init, signal: null });
    };
    const early = startEarlyRequests({ pathname: '/runs', search: '' }, `${env.server.url}/trpc`, fetcher);
    await early.firstPage;
    expect(sent).toEqual(['/trpc/setup.status,auth.session']);
  });
});
