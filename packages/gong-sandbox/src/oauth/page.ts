import type { SandboxTenant } from '../tenants.ts';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface ConsentRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
}

/** Gong's consent screen, reduced to what a test or a developer needs: pick a company, approve or deny. */
export function consentPage(request: ConsentRequest, tenants: SandboxTenant[]): string {
  const hidden = Object.entries({
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scope,
    state: request.state,
  })
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const options = tenants
    .map(
      (t) => `<option value="${escapeHtml(t.id)}">${escapeHtml(t.name)} (${escapeHtml(t.cluster)})</option>`,
    )
    .join('');
  const scopes = request.scope
    .split(/\s+/)
    .filter(Boolean)
    .map((scope) => `<li>${escapeHtml(scope)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Authorize ${escapeHtml(request.clientId)} — Gong sandbox</title></head>
  <body>
    <h1>${escapeHtml(request.clientId)} wants to access your Gong data</h1>
    <p>Requested scopes:</p>
    <ul>${scopes || '<li>all API scopes</li>'}</ul>
    <form method="post" action="/oauth2/authorize/decision">
      ${hidden}
      <label>Company <select name="tenant">${options}</select></label>
      <button type="submit" name="decision" value="approve">Approve</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>
  </body>
</html>`;
}

export function errorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization error</title></head><body><h1>Authorization error</h1><p>${escapeHtml(message)}</p></body></html>`;
}
