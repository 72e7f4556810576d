// The client and the example script against a real Callmine server, with a token made through the API.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { apiClient, freePort, startTestServer } from '@callmine/server/testing';
import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallmineSetupError, callmineError, clientVersion, createCallmineClient } from './index.ts';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../examples/list-reports-and-run.ts', import.meta.url));

// Most tests spawn the example script through tsx (a few seconds each, more on a busy machine).
describe('@callmine/client', { timeout: 60_000 }, () => {
  const server = sharedResource(() => startTestServer());
  let admin: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    admin = apiClient(server.url);
    await admin.setup.createOwner.mutate({
      name: 'Dana Dev',
      email: 'dana@example.com',
      password: 'dana long password',
      workspaceName: 'Acme Sales',
    });
  });

  it('runs the example script with a member token', async () => {
    const { token } = await admin.apiTokens.create.mutate({ name: 'example', role: 'member' });
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', example], {
      env: { ...process.env, CALLMINE_URL: server.url, CALLMINE_TOKEN: token },
    });
    expect(stderr).toBe('');
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([{ workspace: 'Acme Sales' }, { reports: [] }]);
    expect(stdout).not.toContain(token);
  });

  it('exits with the server’s error, not the token, when the token is revoked', async () => {
    const created = await admin.apiTokens.create.mutate({ name: 'gone', role: 'member' });
    await admin.apiTokens.revoke.mutate({ tokenId: created.view.id });
    const failed = await run(process.execPath, ['--import', 'tsx', example], {
      env: { ...process.env, CALLMINE_URL: server.url, CALLMINE_TOKEN: created.token },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(JSON.parse(failed?.stderr ?? '{}')).toMatchObject({
      code: 'UNAUTHORIZED',
      reason: 'invalid-token',
    });
    expect(failed?.stderr).not.toContain(created.token);
  });

  it('gives scripts the stable error shape: code, message, field errors', async () => {
    const { token } = await admin.apiTokens.create.mutate({ name: 'admin script', role: 'admin' });
    const callmine = createCallmineClient({ url: `${server.url}/`, token });
    const error = await callmine.workspace.rename.mutate({ name: '   ' }).catch((e: unknown) => e);
    expect(callmineError(error)).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Some fields need attention.',
      fieldErrors: { name: ['Enter a workspace name.'] },
    });
    expect(await callmine.workspace.rename.mutate({ name: 'Acme' })).toMatchObject({ name: 'Acme' });
  });

  it('sends its version with every call, which the server serves', async () => {
    const { token } = await admin.apiTokens.create.mutate({ name: 'versioned', role: 'read' });
    const sent: (string | null)[] = [];
    const callmine = createCallmineClient({
      url: server.url,
      token,
      fetch: (input, init) => {
        sent.push(new Headers(init?.headers).get('x-callmine-client'));
        return fetch(input, init);
      },
    });
    expect(await callmine.workspace.get.query()).toMatchObject({ name: expect.any(String) });
    expect(sent).toEqual([clientVersion]);
  });

  it('refuses anything but a Callmine token, or an address that is not http(s), before making a request', () => {
    expect(() => createCallmineClient({ url: server.url, token: 'gong-secret-key' })).toThrow(
      /start with cm_/,
    );
    expect(() => createCallmineClient({ url: 'localhost:3000', token: 'cm_x' })).toThrow(CallmineSetupError);
  });

  /** Runs the example script with these settings and returns its exit code and stderr lines. */
  async function exampleFails(env: Record<string, string>) {
    const failed = await run(process.execPath, ['--import', 'tsx', example], {
      env: { ...process.env, ...env },
    }).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    const lines = (failed?.stderr ?? '').trim().split('\n');
    return { exitCode: failed?.code, lines, stdout: failed?.stdout };
  }

  it('says in one JSON line to check CALLMINE_URL when nothing answers there, or something that is not Callmine', async () => {
    const { token } = await admin.apiTokens.create.mutate({ name: 'wrong url', role: 'read' });
    // A port nothing listens on (the test server's port, after a server there closed, would do too).
    const nobody = await freePort();
    for (const url of [`http://127.0.0.1:${nobody}`, `${server.url}/docs`]) {
      const failed = await exampleFails({ CALLMINE_URL: url, CALLMINE_TOKEN: token });
      expect(failed.exitCode, url).toBe(1);
      expect(failed.lines, url).toHaveLength(1);
      const printed = JSON.parse(failed.lines[0] ?? '{}') as { message: string; check: string };
      expect(printed.check).toBe('CALLMINE_URL');
      expect(printed.message).toMatch(/Check the url/);
      expect(failed.lines[0]).not.toContain(token);
    }
    const refused = JSON.parse(
      (await exampleFails({ CALLMINE_URL: `http://127.0.0.1:${nobody}`, CALLMINE_TOKEN: token })).lines[0] ??
        '{}',
    ) as { message: string };
    expect(refused.message).toMatch(/^Could not reach Callmine \(ECONNREFUSED\)/);
    const urlNotHttp = await exampleFails({ CALLMINE_URL: 'localhost:3000', CALLMINE_TOKEN: token });
    expect(urlNotHttp.exitCode).toBe(2);
    expect(JSON.parse(urlNotHttp.lines[0] ?? '{}')).toMatchObject({ check: 'CALLMINE_URL' });
  });

  it('says in one JSON line, without echoing it, that a token without cm_ is not an API token', async () => {
    const failed = await exampleFails({ CALLMINE_URL: server.url, CALLMINE_TOKEN: 'gong-secret-key-123' });
    expect(failed.exitCode).toBe(2);
    expect(failed.lines).toHaveLength(1);
    expect(JSON.parse(failed.lines[0] ?? '{}')).toEqual({
      message:
        'The token is not a Callmine API token: those start with cm_. Use the token shown once when it was created in Settings → API tokens (not a Gong key or a password).',
      check: 'CALLMINE_TOKEN',
    });
    expect(failed.lines[0]).not.toContain('gong-secret-key-123');
    expect(failed.stdout).toBe('');
  });
});
