import type { GongSandbox } from './sandbox.ts';

/** What a developer needs to point Callmine at the sandbox: base URLs, keys, OAuth client and env line. */
export function formatBanner(sandbox: GongSandbox): string {
  const lines = ['Gong sandbox is running (Ctrl+C to stop).', ''];
  for (const [name, cluster] of Object.entries(sandbox.clusters))
    lines.push(`  cluster ${name.padEnd(10)} ${cluster.origin}`);
  lines.push(`  app (OAuth)        ${sandbox.appOrigin}`, '');
  for (const tenant of sandbox.tenants) {
    lines.push(
      `Tenant ${tenant.name} (${tenant.id}), ${tenant.callCount} calls — base URL ${tenant.baseUrl}`,
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
  const origins = Object.values(sandbox.clusters).map((cluster) => cluster.origin);
  lines.push('Let Callmine talk to these plain-http local origins:');
  lines.push(`  CALLMINE_GONG_ALLOWED_ORIGINS=${origins.join(',')}`);
  return lines.join('\n');
}
