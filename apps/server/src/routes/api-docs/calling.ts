// The "Calling the API" section: how to call /trpc with nothing but HTTP. Its curl commands and its example error
// are run as written against a real server by api-docs-calling.test.ts, so they stay true.
import { supportedClientVersionsText } from '@callmine/api';
import { escapeHtml, json } from './html.ts';

/** The query example: a GET with the input as URL-encoded JSON. */
export const exampleQuery = { path: 'reports.list', input: { search: 'pipeline' } };
/** The mutation example: a POST with a JSON body; starting a run is what a warehouse script does. */
export const exampleMutation = { path: 'runs.start', input: { from: '2026-10-01', to: '2026-10-31' } };

/** What a read-only token gets for the mutation example: the error shape, word for word. */
export const exampleError = {
  error: {
    message:
      'This API token is read-only: it can call queries, but not mutations (no runs, no changes). Use a member or admin token for that.',
    code: -32003,
    data: { code: 'FORBIDDEN', httpStatus: 403, reason: 'read-only-token' },
  },
};

function curlQuery(base: string): string {
  const url = `${base}/trpc/${exampleQuery.path}?input=${encodeURIComponent(JSON.stringify(exampleQuery.input))}`;
  return `curl -H "Authorization: Bearer $CALLMINE_TOKEN" \\\n  "${url}"`;
}

function curlMutation(base: string): string {
  return [
    `curl -X POST -H "Authorization: Bearer $CALLMINE_TOKEN" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  --data '${JSON.stringify(exampleMutation.input)}' \\`,
    `  "${base}/trpc/${exampleMutation.path}"`,
  ].join('\n');
}

const clientExample = `import { createCallmineClient, callmineError } from '@callmine/client';

const callmine = createCallmineClient({ url: '%BASE%', token: process.env.CALLMINE_TOKEN! });
const reports = await callmine.reports.list.query({ search: 'pipeline' }); // typed input and output
const run = await callmine.runs.start.mutate({ from: '2026-10-01', to: '2026-10-31' });`;

export function callingTheApi(publicUrl: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `<section id="calling"><h2>Calling the API</h2>
<p>Callmine's API is <a href="https://trpc.io">tRPC</a> over plain HTTP at <code>${escapeHtml(base)}/trpc</code>:
any HTTP client works, and TypeScript scripts can use the typed client below.</p>
<h3>Authentication</h3>
<p>Send <code>Authorization: Bearer cm_…</code> with an API token an admin creates in Settings → API tokens (no
cookie, no Origin header needed). A token acts for its workspace with its role, and never with more rights than the
person who created it has now:</p>
<table><thead><tr><th>Token role</th><th>May call</th></tr></thead><tbody>
<tr><td><code>read</code></td><td>Queries only, with member rights: lists, reports, usage. Every mutation is refused (<code>FORBIDDEN</code>, reason <code>read-only-token</code>): no runs, no changes.</td></tr>
<tr><td><code>member</code></td><td>Queries and mutations open to any member: start runs (they count against the monthly quota), manage analyses and schedules.</td></tr>
<tr><td><code>admin</code></td><td>Member rights plus the admin procedures tokens may call (rename the workspace, delete reports, the Gong audit log).</td></tr>
</tbody></table>
<p>Procedures marked <em>session only</em> (members, tokens, sign-in, Gong credentials) refuse every token. Each
procedure below says which token roles may call it.</p>
<h3>Queries: GET</h3>
<p><code>GET /trpc/&lt;procedure&gt;?input=&lt;URL-encoded JSON&gt;</code>; leave out <code>input</code> when the
procedure takes none. The answer is <code>{"result":{"data":…}}</code>, the procedure's output.</p>
<pre class="curl" id="curl-query">${escapeHtml(curlQuery(base))}</pre>
<h3>Mutations: POST</h3>
<p><code>POST /trpc/&lt;procedure&gt;</code> with <code>Content-Type: application/json</code> and the input as the
body (other content types are refused). Same answer shape.</p>
<pre class="curl" id="curl-mutation">${escapeHtml(curlMutation(base))}</pre>
<h3>Errors</h3>
<p>A failed call answers with an HTTP error status and <code>{"error":{…}}</code>: <code>message</code> (a sentence
you may show a person), <code>data.code</code> (e.g. <code>FORBIDDEN</code>: branch on this),
<code>data.httpStatus</code>, <code>data.fieldErrors</code> (invalid input: messages per field) and
<code>data.reason</code> (a finer machine-readable reason, e.g. <code>invalid-token</code>). The mutation above with a
read-only token answers <code>403</code>:</p>
${json(exampleError, 'example-error')}
<h3>Rate limit</h3>
<p>Each token may make a limited number of calls per minute (the operator's
<code>CALLMINE_API_TOKEN_CALLS_PER_MINUTE</code>, 600 by default). Past it, calls answer <code>429</code> with
<code>data.code</code> <code>TOO_MANY_REQUESTS</code>, reason <code>token-rate-limited</code>, and a
<code>Retry-After</code> header: wait that many seconds, then retry.</p>
<h3>Typed client</h3>
<p><code>@callmine/client</code> gives TypeScript autocompletion and compile errors for wrong inputs, and batches
calls made together into one request; <code>callmineError(e)</code> returns <code>{ code, message, fieldErrors,
reason, httpStatus }</code>. <code>npm run client:pack</code> in Callmine's repository builds it into
<code>dist/callmine-client-&lt;version&gt;.tgz</code> for <code>npm install</code> in your own project. It sends its
version (<code>x-callmine-client</code>); this server serves <code>@callmine/client</code>
${escapeHtml(supportedClientVersionsText())}, and answers any other version with <code>412</code>,
<code>data.code</code> <code>PRECONDITION_FAILED</code>, reason <code>client-version-unsupported</code>.</p>
<h3>Other languages</h3>
<p><a href="/docs/openapi.json"><code>/docs/openapi.json</code></a> is this reference as OpenAPI 3.1 (the procedures
API tokens may call), for client generators in Python, Go and others.</p>
<pre>${escapeHtml(clientExample.replace('%BASE%', base))}</pre>
</section>`;
}
