import type { ApiReference, ProcedureReference } from '@callmine/api';
import { callingTheApi } from './calling.ts';
import { errorsTable, escapeHtml, json } from './html.ts';

const accessLabel = {
  public: 'anyone',
  member: 'any member',
  admin: 'admins',
  account: 'any signed-in person',
  operator: 'the instance operator',
} as const;

/** Which API tokens may call a procedure, in words: the reference's tokenRoles. */
export function tokensLabel(p: ProcedureReference): string {
  if (p.tokenRoles.length === 0) return 'session only: no API tokens';
  if (p.tokenRoles.includes('read')) return 'API tokens: read, member, admin';
  if (p.tokenRoles.includes('member')) return 'API tokens: member, admin (not read-only)';
  return 'API tokens: admin only';
}

function schemaBlock(title: string, schema: unknown, none: string): string {
  if (schema === null) return `<p><strong>${title}:</strong> ${none}</p>`;
  return `<details><summary>${title} (JSON Schema)</summary>${json(schema)}</details>`;
}

function procedureSection(p: ProcedureReference): string {
  return `<section class="procedure" id="${escapeHtml(p.path)}">
<h3><code>${escapeHtml(p.path)}</code></h3>
<p><span class="tag">${p.type === 'query' ? 'query: GET' : 'mutation: POST'}</span><span class="tag">${accessLabel[p.access]}</span><span class="tag">${tokensLabel(p)}</span></p>
<p>${escapeHtml(p.summary)}</p>
${schemaBlock('Input', p.input, 'none.')}
${schemaBlock('Output', p.output, 'not declared.')}
<details><summary>Errors</summary>${errorsTable(p.errors)}</details>
</section>`;
}

/** The table of contents, one line per domain, so 50 procedures fit on a screen. */
function contents(procedures: ProcedureReference[]): string {
  const groups = new Map<string, ProcedureReference[]>();
  for (const p of procedures) {
    const domain = p.path.split('.').slice(0, -1).join('.');
    groups.set(domain, [...(groups.get(domain) ?? []), p]);
  }
  const rows = [...groups]
    .map(
      ([domain, ps]) =>
        `<li><strong>${escapeHtml(domain)}</strong>: ${ps
          .map(
            (p) =>
              `<a href="#${escapeHtml(p.path)}"><code>${escapeHtml(p.path.slice(domain.length + 1))}</code></a>`,
          )
          .join(', ')}</li>`,
    )
    .join('');
  return `<nav aria-label="Contents"><h2>Contents</h2><ul class="toc"><li><a href="#calling">Calling the API</a></li><li><a href="#errors">Errors any procedure may return</a></li>${rows}</ul></nav>`;
}

export function renderApiReference(reference: ApiReference, publicUrl: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Callmine API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/docs/api.css"></head><body>
<h1>Callmine API reference</h1>
<p>Every procedure of Callmine's API, generated from the server's own schemas. This page as JSON:
<a href="/docs/api.json"><code>/docs/api.json</code></a>. As an OpenAPI 3.1 document, for client generators
(Python, Go…): <a href="/docs/openapi.json"><code>/docs/openapi.json</code></a> (the procedures API tokens may
call).</p>
${contents(reference.procedures)}
${callingTheApi(publicUrl)}
<section id="errors"><h2>Errors any procedure may return</h2>${errorsTable(reference.commonErrors)}
<details><summary>The error object (JSON Schema)</summary>${json(reference.errorShape)}</details></section>
<h2>Procedures</h2>
${reference.procedures.map(procedureSection).join('\n')}
</body></html>`;
}
