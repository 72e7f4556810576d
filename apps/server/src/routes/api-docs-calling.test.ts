// "Calling the API" on /docs/api, taken at its word: the curl commands are read from the served page and sent with
// fetch exactly as curl would send them (URL, method, headers, body), with real tokens, against a real server whose
// Gong is the sandbox. The documented error is compared with the real one.
import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSandboxedServer } from '../testing/sandboxed-server.ts';

function unescapeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

function preById(html: string, id: string): string {
  const match = new RegExp(`<pre[^>]* id="${id}">([\\s\\S]*?)</pre>`).exec(html);
  if (!match?.[1]) throw new Error(`No <pre id="${id}"> on the page`);
  return unescapeHtml(match[1]);
}

/** The shell's word splitting for what the page uses: "…" (with $VAR), '…' (literal), and \ line breaks. */
function shellWords(command: string, env: Record<string, string>): string[] {
  const words: string[] = [];
  const text = command.replace(/\\\n/g, ' ');
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(pattern)) {
    if (m[1] !== undefined) words.push(m[1].replace(/\$(\w+)/g, (_, name: string) => env[name] ?? ''));
    else if (m[2] !== undefined) words.push(m[2]);
    else words.push(m[3] ?? '');
  }
  return words;
}

/** Sends what `curl [-X M] [-H h]… [--data d] URL` sends. */
async function runCurl(command: string, env: Record<string, string>) {
  const [program, ...args] = shellWords(command, env);
  expect(program).toBe('curl');
  let method: string | undefined;
  let body: string | undefined;
  let url = '';
  const headers = new Headers();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-X') method = args[++i];
    else if (arg === '-H') {
      const header = args[++i] ?? '';
      const colon = header.indexOf(':');
      headers.append(header.slice(0, colon).trim(), header.slice(colon + 1).trim());
    } else if (arg === '--data') body = args[++i];
    else if (arg.startsWith('-')) throw new Error(`The test does not know curl's ${arg}`);
    else url = arg;
  }
  // curl's --data means POST unless -X says otherwise.
  const response = await fetch(url, { method: method ?? (body ? 'POST' : 'GET'), headers, body });
  return { url, status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/docs/api: Calling the API', () => {
  const env = sharedResource(() => startSandboxedServer());
  let html: string;
  let memberToken: string;
  let readToken: string;
  beforeAll(async () => {
    const acme = env.sandbox.tenant('acme').credentials[0]!;
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: acme.accessKey,
      secretKey: acme.secretKey,
    });
    memberToken = (await env.admin.apiTokens.create.mutate({ name: 'warehouse', role: 'member' })).token;
    readToken = (await env.admin.apiTokens.create.mutate({ name: 'reader', role: 'read' })).token;
    html = await (await fetch(`${env.server.url}/docs/api`)).text();
  });

  it('documents the Bearer header, GET with ?input=, POST with a JSON body, errors and Retry-After', () => {
    expect(html).toContain('id="calling"');
    expect(html.indexOf('id="calling"')).toBeLessThan(html.indexOf('<h2>Procedures</h2>'));
    expect(html).toContain('Authorization: Bearer cm_');
    expect(html).toContain('?input=&lt;URL-encoded JSON&gt;');
    expect(html).toContain('Retry-After');
    expect(html).toContain('createCallmineClient');
    // Navigable: a table of contents, and the schemas folded away until opened.
    expect(html).toContain('<nav aria-label="Contents">');
    expect(html).toContain('href="#runs.start"');
    expect(html).toMatch(/<details><summary>Input \(JSON Schema\)<\/summary><pre>/);
    expect(html).not.toMatch(/<h4>Input<\/h4><pre>/);
  });

  it('the documented query works as written, with the server’s own URL', async () => {
    const answer = await runCurl(preById(html, 'curl-query'), { CALLMINE_TOKEN: readToken });
    expect(answer.url.startsWith(`${env.server.url}/trpc/reports.list?input=`)).toBe(true);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ result: { data: [] } });
  });

  it('the documented mutation starts a run with a member token', async () => {
    const answer = await runCurl(preById(html, 'curl-mutation'), { CALLMINE_TOKEN: memberToken });
    expect(answer.status).toBe(200);
    const run = (answer.body.result as { data: { id: string; status: string; selection: unknown } }).data;
    expect(run).toMatchObject({ status: 'queued', selection: { from: '2026-10-01', to: '2026-10-31' } });
    expect((await env.admin.runs.list.query()).map((r) => r.id)).toEqual([run.id]);
  });

  it('the documented error is what a read-only token gets for that mutation, word for word', async () => {
    const answer = await runCurl(preById(html, 'curl-mutation'), { CALLMINE_TOKEN: readToken });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual(JSON.parse(preById(html, 'example-error')));
  });
});
