import type { ApiReference, ProcedureReference } from '@callmine/api';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function json(value: unknown, id?: string): string {
  return `<pre${id ? ` id="${id}"` : ''}>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

export function errorsTable(errors: ApiReference['commonErrors'] | ProcedureReference['errors']): string {
  if (errors.length === 0) return '<p>Only the common errors.</p>';
  const rows = errors
    .map(
      (e) =>
        `<tr><td><code>${escapeHtml(e.code)}</code></td><td>${e.reason ? `<code>${escapeHtml(e.reason)}</code>` : ''}</td><td>${escapeHtml(e.when)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>data.code</th><th>data.reason</th><th>When</th></tr></thead><tbody>${rows}</tbody></table>`;
}
