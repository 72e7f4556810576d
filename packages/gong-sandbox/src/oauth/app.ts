import { Hono } from 'hono';
import { instrument } from '../http/instrument.ts';
import type { ApiEnv, SandboxState } from '../http/state.ts';
import { consentPage, errorPage } from './page.ts';
import type { OAuthStore } from './store.ts';

/** The app.gong.io side: consent page, its decision endpoint and the token endpoint. */
export function buildOAuthApp(state: SandboxState, store: OAuthStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', instrument('app', state));

  app.get('/oauth2/authorize', (c) => {
    const clientId = c.req.query('client_id') ?? '';
    const redirectUri = c.req.query('redirect_uri') ?? '';
    const client = store.findClient(clientId);
    // Per RFC 6749 §4.1.2.1, a bad client or redirect URI is shown to the user, never redirected to.
    if (!client) return c.html(errorPage(`Unknown client_id '${clientId}'`), 400);
    if (!store.acceptsRedirect(client, redirectUri)) {
      return c.html(errorPage(`redirect_uri '${redirectUri}' is not registered for this app`), 400);
    }
    const stateParam = c.req.query('state') ?? '';
    if (c.req.query('response_type') !== 'code') {
      return c.redirect(
        withParams(redirectUri, { error: 'unsupported_response_type', state: stateParam }),
        302,
      );
    }
    const scope = c.req.query('scope') ?? '';
    return c.html(consentPage({ clientId, redirectUri, scope, state: stateParam }, state.tenants));
  });

  app.post('/oauth2/authorize/decision', async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string): string => {
      const value = form[name];
      return typeof value === 'string' ? value : '';
    };
    const client = store.findClient(field('client_id'));
    const redirectUri = field('redirect_uri');
    if (!client || !store.acceptsRedirect(client, redirectUri)) {
      return c.html(errorPage('Unknown client or redirect_uri'), 400);
    }
    const stateParam = field('state');
    if (field('decision') !== 'approve') {
      return c.redirect(withParams(redirectUri, { error: 'access_denied', state: stateParam }), 302);
    }
    const tenant = state.tenants.find((candidate) => candidate.id === field('tenant')) ?? state.tenants[0];
    if (!tenant) return c.html(errorPage('No company to authorize'), 400);
    const scopes = field('scope').split(/\s+/).filter(Boolean);
    const code = store.issueCode({
      clientId: client.clientId,
      tenantId: tenant.id,
      redirectUri,
      ...(scopes.length > 0 ? { scopes } : {}),
    });
    return c.redirect(withParams(redirectUri, { code, state: stateParam }), 302);
  });

  app.post('/oauth2/generate-customer-token', async (c) => {
    const client = clientFromBasic(c.req.header('authorization'), store);
    if (!client)
      return c.json({ error: 'invalid_client', error_description: 'Client authentication failed' }, 401);
    // Gong documents the parameters in the query string only (client id and secret as HTTP Basic). A form body is
    // refused, so a client that drifts from the documented shape fails here rather than against the real Gong.
    if ((c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
      return c.json(
        {
          error: 'invalid_request',
          error_description:
            'Send grant_type, code or refresh_token, client_id and redirect_uri in the query string, not a form body',
        },
        400,
      );
    }
    const param = (name: string): string | undefined => {
      const value = c.req.query(name);
      return value !== undefined && value !== '' ? value : undefined;
    };
    if (param('client_id') !== client.clientId) {
      return c.json({ error: 'invalid_request', error_description: 'client_id must match the client' }, 400);
    }
    const grantType = param('grant_type');
    const result =
      grantType === 'authorization_code'
        ? store.exchangeCode(client.clientId, param('code') ?? '', param('redirect_uri'))
        : grantType === 'refresh_token'
          ? store.refresh(client.clientId, param('refresh_token') ?? '')
          : undefined;
    if (!result) {
      return c.json({ error: 'unsupported_grant_type', error_description: `grant_type '${grantType}'` }, 400);
    }
    if (!result.ok) return c.json({ error: result.error, error_description: result.description }, 400);
    const tenant = state.tenants.find((candidate) => candidate.id === result.tokens.tenantId);
    c.header('Cache-Control', 'no-store');
    return c.json({
      access_token: result.tokens.accessToken,
      refresh_token: result.tokens.refreshToken,
      token_type: 'bearer',
      expires_in: result.tokens.expiresIn,
      scope: result.tokens.scopes.join(' '),
      api_base_url_for_customer: tenant?.baseUrl ?? '',
    });
  });

  app.notFound((c) => c.json({ requestId: c.var.requestId, errors: ['Not found'] }, 404));
  return app;
}

function withParams(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) if (value !== '') url.searchParams.set(name, value);
  return url.toString();
}

function clientFromBasic(header: string | undefined, store: OAuthStore) {
  const [scheme, value] = (header ?? '').trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() !== 'basic' || !value) return undefined;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const client = store.findClient(decoded.slice(0, colon));
  return colon > 0 && client && client.clientSecret === decoded.slice(colon + 1) ? client : undefined;
}
