// The client and the example script against a real Callmine server, with a token made through the API.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { apiClient, startTestServer, type TestServer } from '@callmine/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callmineError, createCallmineClient } from './index.ts';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../examples/list-reports-and-run.ts', import.meta.url));

describe('@callmine/client', () => {
  let server: TestServer;
  let admin: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    server = await startTestServer();
    admin = apiClient(server.url);
    await admin.setup.createOwner.mutate({
      name: 'Dana Dev',
      email: 'dana@example.com',
      password: 'dana long password',
      workspaceName: 'Acme Sales',
    });
  });
  afterAll(async () => {
    await server.close();
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

  it('refuses anything but a Callmine token before making a request', () => {
    expect(() => createCallmineClient({ url: server.url, token: 'gong-secret-key' })).toThrow(
      /starts with cm_/,
    );
  });
});
