// The example script's full path: with a member token it lists reports, runs a saved analysis, waits for the real
// worker (on the Gong sandbox) and prints the new report's headline numbers — the same ones reports.get returns.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startRunEnv, WHOLE_HISTORY } from '@callmine/worker/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../examples/list-reports-and-run.ts', import.meta.url));

describe('the example script', () => {
  it('runs a saved analysis and prints its report', { timeout: 90_000 }, async () => {
    await using env = await startRunEnv({ calls: 40 });
    await env.startWorker();
    await env.admin.analyses.create.mutate({
      name: 'Competitor watch',
      window: { kind: 'absolute', ...WHOLE_HISTORY },
      filters: {},
      settings: { trackers: [{ name: 'Pricing', phrases: [{ phrase: 'price', synonyms: ['pricing'] }] }] },
    });
    const { token } = await env.admin.apiTokens.create.mutate({ name: 'warehouse', role: 'member' });

    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', example], {
      env: {
        ...process.env,
        CALLMINE_URL: env.server.url,
        CALLMINE_TOKEN: token,
        CALLMINE_ANALYSIS: 'Competitor watch',
        CALLMINE_WAIT_SECONDS: '60',
      },
    });
    expect(stderr).toBe('');
    expect(stdout).not.toContain(token);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.slice(0, 2)).toEqual([{ workspace: 'Acme' }, { reports: [] }]);
    expect(lines[2]).toMatchObject({ status: 'queued', ...WHOLE_HISTORY });

    const [stored] = await env.admin.reports.list.query({ search: '' });
    expect(stored).toBeDefined();
    const full = await env.admin.reports.export.query({ id: stored?.id ?? '' });
    expect(full.callsAnalyzed).toBeGreaterThan(0);
    // The sandbox's transcripts talk about pricing, so the headline carries real numbers, not an empty tracker.
    expect(full.result.trackers?.[0]?.mentions).toBeGreaterThan(0);
    expect(lines[3]).toEqual({
      report: {
        id: full.id,
        name: full.name,
        ...WHOLE_HISTORY,
        callsAnalyzed: full.callsAnalyzed,
        partial: false,
        trackers: (full.result.trackers ?? []).map((t) => ({
          name: t.name,
          mentions: t.mentions,
          shareOfCalls: t.shareOfCalls,
        })),
        questions: full.result.questions?.total ?? null,
      },
    });
  });
});
