// The x-callmine-client header over real HTTP: @callmine/client sends its version with every call; a version the
// server does not serve gets one PRECONDITION_FAILED naming the versions that fit, before tokens or input are
// looked at. Requests without the header (the SPA, curl) are not affected.
import { supportedClientVersions } from '@callmine/api';
import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { startTestServer } from '../testing/test-server.ts';

interface Answer {
  status: number;
  body: { result?: { data: unknown }; error?: { message: string; data: { code: string; reason?: string } } };
}

describe('client version check', () => {
  const server = sharedResource(() => startTestServer());
  let token: string;
  beforeAll(async () => {
    const admin = apiClient(server.url);
    await admin.setup.createOwner.mutate({
      name: 'Olivia Owner',
      email: 'olivia@example.com',
      password: 'correct horse battery',
      workspaceName: 'Acme',
    });
    token = (await admin.apiTokens.create.mutate({ name: 'script', role: 'member' })).token;
  });

  async function listReports(
    input: unknown,
    headers: Record<string, string>,
    bearer = token,
  ): Promise<Answer> {
    const response = await fetch(
      `${server.url}/trpc/reports.list?input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { authorization: `Bearer ${bearer}`, ...headers } },
    );
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }

  it('serves calls without the header and from supported versions', async () => {
    const current = `${supportedClientVersions.major}.0.0`;
    const headerSets: Record<string, string>[] = [
      {},
      { 'x-callmine-client': supportedClientVersions.minimum },
      { 'x-callmine-client': current },
    ];
    for (const headers of headerSets) {
      const answer = await listReports({ search: '' }, headers);
      expect(answer, JSON.stringify(headers)).toEqual({ status: 200, body: { result: { data: [] } } });
    }
  });

  it('refuses older, newer and unreadable versions with one clear error, before input or token', async () => {
    const next = `${supportedClientVersions.major + 1}.0.0`;
    for (const version of ['0.9.0', next]) {
      // Wrong input and a dead token too: the version answer comes first, so the script learns what to fix.
      const answer = await listReports({ serach: 1 }, { 'x-callmine-client': version }, 'cm_not_a_token');
      expect(answer.status).toBe(412);
      expect(answer.body.error?.data).toMatchObject({
        code: 'PRECONDITION_FAILED',
        reason: 'client-version-unsupported',
      });
      expect(answer.body.error?.message).toBe(
        `@callmine/client ${version} is not supported by this Callmine server, which serves @callmine/client ${supportedClientVersions.major}.x from ${supportedClientVersions.minimum} on. Install a client of a supported version (npm run client:pack in this Callmine's repository builds it).`,
      );
    }
    const garbage = await listReports({ search: '' }, { 'x-callmine-client': '<script>alert(1)</script>' });
    expect(garbage.status).toBe(412);
    expect(garbage.body.error?.message).toMatch(/^This version of @callmine\/client is not supported/);
    expect(JSON.stringify(garbage.body)).not.toContain('<script>');
  });

  it('answers every call of a batch with the same error', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { search: '' }, 1: undefined }));
    const response = await fetch(`${server.url}/trpc/reports.list,workspace.get?batch=1&input=${input}`, {
      headers: { authorization: `Bearer ${token}`, 'x-callmine-client': '0.1.0' },
    });
    const body = (await response.json()) as Answer['body'][];
    expect(body.map((b) => b.error?.data.reason)).toEqual([
      'client-version-unsupported',
      'client-version-unsupported',
    ]);
  });
});
