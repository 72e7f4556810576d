import { type ApiReference, buildApiReference, type ProcedureReference } from '@callmine/api';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';

// The page obeys the app's CSP: no inline script or style, so its styles come from /docs/api.css.
const stylesheet = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1f2328}
h1,h2,h3{line-height:1.2}section.procedure{border-top:1px solid #d0d7de;padding:1rem 0}
code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f6f8fa;padding:.75rem;overflow:auto;border-radius:6px}
.tag{display:inline-block;border:1px solid #d0d7de;border-radius:999px;padding:0 .5rem;margin-right:.25rem;font-size:12px}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left}`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function errorsTable(errors: ApiReference['commonErrors'] | ProcedureReference['errors']): string {
  if (errors.length === 0) return '<p>Only the common errors.</p>';
  const rows = errors
    .map(
      (e) =>
        `<tr><td><code>${escapeHtml(e.code)}</code></td><td>${e.reason ? `<code>${escapeHtml(e.reason)}</code>` : ''}</td><td>${escapeHtml(e.when)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>data.code</th><th>data.reason</th><th>When</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function json(value: unknown): string {
  return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

const accessLabel = { public: 'anyone', member: 'any member', admin: 'admins' } as const;

function procedureSection(p: ProcedureReference): string {
  return `<section class="procedure" id="${escapeHtml(p.path)}">
<h3><code>${escapeHtml(p.path)}</code></h3>
<p><span class="tag">${p.type}</span><span class="tag">${accessLabel[p.access]}</span><span class="tag">${p.tokens ? 'API tokens allowed' : 'session only'}</span></p>
<p>${escapeHtml(p.summary)}</p>
<h4>Input</h4>${p.input === null ? '<p>None.</p>' : json(p.input)}
<h4>Output</h4>${p.output === null ? '<p>Not declared.</p>' : json(p.output)}
<h4>Errors</h4>${errorsTable(p.errors)}
</section>`;
}

export function renderApiReference(reference: ApiReference): string {
  const toc = reference.procedures
    .map((p) => `<li><a href="#${escapeHtml(p.path)}"><code>${escapeHtml(p.path)}</code></a></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Callmine API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/docs/api.css"></head><body>
<h1>Callmine API reference</h1>
<p>Callmine's API is tRPC over HTTP at <code>/trpc</code>. Use the typed client <code>@callmine/client</code>:
<code>createCallmineClient({ url, token })</code>. Authenticate with <code>Authorization: Bearer cm_…</code>, an API
token an admin creates in Settings → API tokens. A token acts for its workspace with its role (admin or member);
procedures marked <em>session only</em> refuse tokens. Each token may make a limited number of calls per minute;
past it, calls fail with <code>TOO_MANY_REQUESTS</code> and a <code>Retry-After</code> header. This page as JSON:
<a href="/docs/api.json"><code>/docs/api.json</code></a>.</p>
<h2>Errors</h2><p>Every failed call returns this error object:</p>${json(reference.errorShape)}
<p>Errors any procedure may return:</p>${errorsTable(reference.commonErrors)}
<h2>Procedures</h2><ul>${toc}</ul>
${reference.procedures.map(procedureSection).join('\n')}
</body></html>`;
}

/** The API reference, built from the router at start-up: HTML for people, JSON for tools. */
export function apiDocsRoutes() {
  const reference = buildApiReference();
  const page = renderApiReference(reference);
  return new Hono<AppEnv>()
    .get('/api', (c) => c.html(page))
    .get('/api.json', (c) => c.json(reference))
    .get('/api.css', (c) => c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8' }));
}
