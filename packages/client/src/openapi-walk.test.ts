// Walks /docs/openapi.json and calls every query it describes on a live, seeded server (Gong on the sandbox, a
// finished run, a report, a schedule, an invitation), over plain HTTP as a generated Python or Go client would,
// and validates every answer against the documented response schema with ajv (JSON Schema 2020-12, formats on).
// A documented query this test does not know how to call fails it by name: nothing is skipped silently.

import { sharedResource } from '@callmine/testing';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSeededEnv } from './testing/seeded-env.ts';

type Answers = Map<string, unknown>;
interface HowToCall {
  /** Another query whose answer this one's input comes from (a list, for an id). */
  after?: string;
  input?: (answers: Answers) => unknown;
  /** The token to use when a read token may not call it, and why. */
  admin?: string;
  /** The answer is a list that must have rows on the seeded server. */
  rows?: true;
}
interface Operation {
  parameters?: { name: string; in: string; required: boolean }[];
  responses: Record<string, { content?: { 'application/json': { schema: unknown } } }>;
  'x-callmine-token-roles': string[];
}
interface Document {
  paths: Record<string, { get?: Operation; post?: Operation }>;
  components: { schemas: { Error: unknown } };
}

/** The id of the first row of a list answer. */
function firstId(answers: Answers, path: string): string {
  const [row] = (answers.get(path) ?? []) as { id?: string }[];
  if (!row?.id) throw new Error(`${path} answered no row with an id`);
  return row.id;
}

let invitationId = '';
let webhookId = '';
const schedule = { kind: 'daily', time: '06:00', timeZone: 'UTC' } as const;

/** How to call each documented query. Keep in step with the router: the first test says what is missing. */
const queries: Record<string, HowToCall> = {
  'setup.status': {},
  'workspace.get': {},
  'members.list': { rows: true },
  'invitations.preview': {
    // members.invite is session-only (not in the document), so the invitation comes from the seed.
    input: () => ({ invitationId }),
  },
  'integrations.gong.get': {},
  'integrations.gong.oauthAvailability': {},
  'integrations.gong.auditLog': {
    rows: true,
    admin: 'admin-only (x-callmine-token-roles: admin); the read token is refused, as the next test checks',
  },
  'analyses.list': { rows: true },
  'analyses.templates': { rows: true },
  'analyses.get': { after: 'analyses.list', input: (a) => ({ id: firstId(a, 'analyses.list') }) },
  'analyses.estimate': { after: 'analyses.list', input: (a) => ({ id: firstId(a, 'analyses.list') }) },
  'runs.list': { rows: true },
  'runs.get': { after: 'runs.list', input: (a) => ({ id: firstId(a, 'runs.list') }) },
  'reports.list': { rows: true, input: () => ({ search: '' }) },
  'reports.get': { after: 'reports.list', input: (a) => ({ id: firstId(a, 'reports.list') }) },
  'schedules.list': { rows: true },
  'schedules.get': { after: 'schedules.list', input: (a) => ({ id: firstId(a, 'schedules.list') }) },
  'schedules.estimate': { after: 'schedules.list', input: (a) => ({ id: firstId(a, 'schedules.list') }) },
  'schedules.estimateDraft': {
    after: 'schedules.list',
    input: (a) => ({
      id: firstId(a, 'schedules.list'),
      schedule: { ...schedule, analysisId: firstId(a, 'analyses.list'), time: '07:30' },
    }),
  },
  'schedules.workspaceTimeZone': {},
  'usage.summary': {},
  'usage.estimate': { input: () => ({ from: '2025-12-01', to: '2026-05-31' }) },
  'analyses.schedules': { after: 'analyses.list', input: (a) => ({ id: firstId(a, 'analyses.list') }) },
  'reports.export': { after: 'reports.list', input: (a) => ({ id: firstId(a, 'reports.list') }) },
  'reports.calls': { after: 'reports.list', input: (a) => ({ reportId: firstId(a, 'reports.list') }) },
  'reports.evidence': {
    after: 'reports.list',
    input: (a) => ({ reportId: firstId(a, 'reports.list'), section: 'trackers' }),
  },
  'webhooks.list': {
    rows: true,
    admin:
      'admin-only (x-callmine-token-roles: admin): endpoints and their delivery logs are an admin setting',
  },
  'webhooks.deliveries': {
    input: () => ({ endpointId: webhookId }),
    admin:
      'admin-only (x-callmine-token-roles: admin): endpoints and their delivery logs are an admin setting',
  },
};

describe('every query in /docs/openapi.json, called on a live server', { timeout: 120_000 }, () => {
  const seeded = sharedResource(() => startSeededEnv(), 180_000);
  let document: Document;
  const tokens = { read: '', admin: '' };
  const ajv = addFormats(new Ajv2020({ allErrors: true }));

  beforeAll(async () => {
    const { admin } = seeded.env;
    const [analysis] = await admin.analyses.list.query();
    await admin.schedules.create.mutate({ analysisId: analysis?.id ?? '', ...schedule });
    invitationId = (await admin.members.invite.mutate({ email: 'newcomer@example.com', role: 'member' })).id;
    webhookId = (
      await admin.webhooks.create.mutate({
        url: 'https://hooks.example.com/callmine',
        events: ['run.finished'],
      })
    ).endpoint.id;
    await admin.webhooks.sendTest.mutate({ endpointId: webhookId });
    tokens.read = (await admin.apiTokens.create.mutate({ name: 'walk (read)', role: 'read' })).token;
    tokens.admin = (await admin.apiTokens.create.mutate({ name: 'walk (admin)', role: 'admin' })).token;
    document = (await (await fetch(`${seeded.env.server.url}/docs/openapi.json`)).json()) as Document;
  }, 180_000);

  const documentedQueries = () =>
    Object.entries(document.paths)
      .filter(([, item]) => item.get)
      .map(([path, item]) => ({ path: path.replace(/^\/trpc\//, ''), operation: item.get as Operation }));

  async function get(path: string, token: string, input: unknown) {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    const response = await fetch(`${seeded.env.server.url}/trpc/${path}${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  function check(schema: unknown, body: unknown, label: string) {
    const validate = ajv.compile(schema as object);
    const ok = validate(body);
    expect(ok ? [] : validate.errors, `${label}: ${JSON.stringify(body).slice(0, 500)}`).toEqual([]);
  }

  it('knows how to call every query the document describes (a new one fails here by name)', () => {
    const documented = documentedQueries().map((q) => q.path);
    expect(documented.length).toBeGreaterThan(15);
    expect(
      documented.filter((p) => !(p in queries)),
      'documented queries with no way to call them',
    ).toEqual([]);
    expect(
      Object.keys(queries).filter((p) => !documented.includes(p)),
      'queries no longer documented',
    ).toEqual([]);
  });

  it('answers each with 200 and a body matching its documented response schema', async () => {
    const answers: Answers = new Map();
    const ordered = documentedQueries().sort(
      (a, b) => Number(Boolean(queries[a.path]?.after)) - Number(Boolean(queries[b.path]?.after)),
    );
    for (const { path, operation } of ordered) {
      const how = queries[path] ?? {};
      const roles = operation['x-callmine-token-roles'];
      // The read token whenever the document says it may call this; otherwise the reason is named in the table.
      expect(roles.includes('read') || Boolean(how.admin), `${path}: tokens ${roles}`).toBe(true);
      const input = how.input?.(answers);
      if (operation.parameters?.[0]?.required)
        expect(input, `${path}: documented input required`).toBeDefined();
      const answer = await get(path, roles.includes('read') ? tokens.read : tokens.admin, input);
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
      check(operation.responses['200']?.content?.['application/json'].schema, answer.body, path);
      const data = (answer.body as { result: { data: unknown } }).result.data;
      if (how.rows) expect((data as unknown[]).length, `${path} rows`).toBeGreaterThan(0);
      answers.set(path, data);
    }
    expect(answers.size).toBe(Object.keys(queries).length);
    // The schemas are strict enough to catch a wrong answer: a count as text, or an unknown field.
    const schema =
      document.paths['/trpc/workspace.get']?.get?.responses['200']?.content?.['application/json'].schema;
    const workspace = answers.get('workspace.get') as Record<string, unknown>;
    expect(ajv.validate(schema as object, { result: { data: { ...workspace, memberCount: '1' } } })).toBe(
      false,
    );
    expect(ajv.validate(schema as object, { result: { data: { ...workspace, extra: true } } })).toBe(false);
  });

  it('answers failures with the documented error shape and status', async () => {
    const errorSchema = document.components.schemas.Error;
    const refused = await get('integrations.gong.auditLog', tokens.read, undefined);
    expect(refused.status).toBe(403);
    check(errorSchema, refused.body, 'auditLog with a read token');
    const missing = await get('reports.get', tokens.read, { id: 'no-such-report' });
    expect(missing.status).toBe(404);
    expect(document.paths['/trpc/reports.get']?.get?.responses['404']).toBeDefined();
    check(errorSchema, missing.body, 'reports.get unknown id');
    const invalid = await get('usage.estimate', tokens.read, { from: 'yesterday', to: '2026-05-31' });
    expect(invalid.status).toBe(400);
    check(errorSchema, invalid.body, 'usage.estimate invalid input');
    expect(invalid.body).toMatchObject({ error: { data: { fieldErrors: { from: expect.any(Array) } } } });
  });
});
