import type { GongSandbox } from './sandbox.ts';

/** What a developer needs to point Callmine at the sandbox: base URLs, keys, OAuth client and the env lines. */
export function formatBanner(sandbox: GongSandbox): string {
  const lines = ['Gong sandbox is running (Ctrl+C to stop).', ''];
  for (const [name, cluster] of Object.entries(sandbox.clusters))
    lines.push(`  cluster ${name.padEnd(10)} ${cluster.origin}`);
  lines.push(`  app (OAuth)        ${sandbox.appOrigin}`, '');
  for (const tenant of sandbox.tenants) {
    lines.push(
      `Tenant ${tenant.name} (${tenant.id}), ${tenant.callCount} calls — base URL ${tenant.baseUrl}` +
        (tenant.inactive ? ' — inactive company: every key → 401 "company is inactive"' : ''),
    );
    for (const credential of tenant.credentials) {
      const flags = [
        credential.permission === 'none' ? 'no API permission → 403' : 'full',
        credential.revoked ? 'revoked → 401' : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`  [${credential.label}] ${flags}`);
      lines.push(`    access key: ${credential.accessKey}`);
      lines.push(`    secret:     ${credential.secretKey}`);
    }
    lines.push('');
  }
  const client = sandbox.oauth.demoClient;
  lines.push('OAuth demo app (accepts any http://localhost or 127.0.0.1 redirect URI):');
  lines.push(`  client id:     ${client.clientId}`);
  lines.push(`  client secret: ${client.clientSecret}`);
  lines.push(`  authorize:     ${sandbox.appOrigin}/oauth2/authorize`);
  lines.push(`  token:         ${sandbox.appOrigin}/oauth2/generate-customer-token`, '');
  // The same lines as the README's "Try it with the Gong sandbox", with this run's ports, ready to paste.
  const origins = Object.values(sandbox.clusters).map((cluster) => cluster.origin);
  const standard = sandbox.clusters.standard?.origin ?? origins[0] ?? '';
  lines.push('Start Callmine against the sandbox (in another terminal):');
  lines.push(`  CALLMINE_GONG_DEFAULT_BASE_URL=${standard} \\`);
  lines.push(`  CALLMINE_GONG_ALLOWED_ORIGINS=${origins.join(',')} \\`);
  lines.push('  npm start', '');
  lines.push('Or, to try Connect with OAuth too:');
  lines.push(`  CALLMINE_GONG_DEFAULT_BASE_URL=${standard} \\`);
  lines.push(`  CALLMINE_GONG_ALLOWED_ORIGINS=${origins.join(',')} \\`);
  lines.push(`  CALLMINE_GONG_OAUTH_CLIENT_ID=${client.clientId} \\`);
  lines.push(`  CALLMINE_GONG_OAUTH_CLIENT_SECRET=${client.clientSecret} \\`);
  lines.push(`  CALLMINE_GONG_OAUTH_AUTHORIZE_URL=${sandbox.appOrigin}/oauth2/authorize \\`);
  lines.push(`  CALLMINE_GONG_OAUTH_TOKEN_URL=${sandbox.appOrigin}/oauth2/generate-customer-token \\`);
  lines.push('  npm start');
  return lines.join('\n');
}
