// A real report in a test server's database (web component tests, API tests, the e2e and bench/report-page), computed by the real analysis engine over the Gong sandbox's seeded
// calls: the report view's tests get realistic data without running the worker. Writes the same row the worker does.
import { analyze, STARTER_TRACKERS } from '@callmine/analysis';
import { sandboxAnalysisInput } from '@callmine/analysis/testing';
import type { AnalysisSettings, ReportCall, ReportPartial } from '@callmine/contracts';
import { analysisSettings } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { COMPETITORS, type GongSandbox } from '@callmine/gong-sandbox';
import { asc } from 'drizzle-orm';
import type { TestServer } from './test-server.ts';

export interface SeedReportOptions {
  name?: string;
  tenantId?: string;
  /** How many of the tenant's calls to analyse (oldest first). */
  calls?: number;
  /** Defaults to every analyser with SEED_TRACKERS, 10 themes and question groups, 20 pieces of evidence each. */
  settings?: AnalysisSettings;
  partial?: ReportPartial | null;
  createdAt?: Date;
  /** The report's window; by default the first and last call's days. */
  window?: { from: string; to: string };
  /** The workspace to write it in; the first one by default. */
  workspaceId?: string;
}

/** The trackers a seeded report uses: the sandbox's competitor names (it writes them) plus the starter trackers. */
export const SEED_TRACKERS = [
  { name: 'Competitors', phrases: COMPETITORS.map((phrase) => ({ phrase, synonyms: [] })) },
  ...STARTER_TRACKERS.filter((t) => t.name !== 'Competitors'),
];

/** Inserts a report into the server's workspace and returns its id and the stored result. */
export async function seedReport(
  server: Pick<TestServer, 'database'> | { database: { db: Db } },
  sandbox: GongSandbox,
  options: SeedReportOptions = {},
) {
  const tenantId = options.tenantId ?? 'acme';
  const { calls, transcripts } = sandboxAnalysisInput(sandbox, tenantId, options.calls ?? 40);
  const settings = analysisSettings.parse(
    options.settings ?? { trackers: SEED_TRACKERS, topN: 10, evidenceLimit: 20 },
  );
  const result = analyze({ calls, transcripts }, settings);
  const reps: Record<string, string> = {};
  for (const user of sandbox.tenant(tenantId).users) reps[user.id] = `${user.firstName} ${user.lastName}`;
  const days = calls.map((c) => c.started.slice(0, 10)).sort();
  const reportCalls: ReportCall[] = calls.map((c) => ({
    id: c.id,
    title: c.title,
    url: c.url,
    started: c.started,
    durationSeconds: Math.round(c.duration),
    repId: c.primaryUserId,
    deal: c.deal ?? null,
  }));
  const db = server.database.db;
  const [workspace] = options.workspaceId
    ? [{ id: options.workspaceId }]
    : // The first workspace created (the owner's): without an order, SQLite may answer a test's second one.
      await db
        .select({ id: db.tables.organization.id })
        .from(db.tables.organization)
        .orderBy(asc(db.tables.organization.createdAt), asc(db.tables.organization.id))
        .limit(1);
  if (!workspace) throw new Error('seedReport needs a workspace: create the owner first');
  const id = `report-${Math.random().toString(36).slice(2, 10)}`;
  const from = options.window?.from ?? days[0] ?? '2026-01-01';
  const to = options.window?.to ?? days[days.length - 1] ?? from;
  const createdAt = options.createdAt ?? new Date();
  await db.insert(db.tables.report).values({
    id,
    workspaceId: workspace.id,
    name: options.name ?? 'Competitor watch',
    parameters: {
      selection: { from, to, repEmails: [], externalOnly: false, minDurationMinutes: 0, titleContains: '' },
      settings,
    },
    fromDay: from,
    toDay: to,
    callsAnalyzed: calls.length,
    calls: reportCalls,
    reps,
    result,
    partial: options.partial ?? null,
    createdByName: 'Ada Admin',
    credentialVersion: 1,
    runStartedAt: createdAt,
    createdAt,
  });
  return { id, workspaceId: workspace.id, result, calls: reportCalls, reps };
}
