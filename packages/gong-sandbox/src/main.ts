// Runs the sandbox standalone for trying Callmine by hand. The only place that reads flags and environment.
import { parseArgs } from 'node:util';
import { formatBanner } from './banner.ts';
import { DEFAULT_TENANTS, startGongSandbox } from './index.ts';

const { values } = parseArgs({
  options: {
    host: { type: 'string' },
    'base-port': { type: 'string' },
    seed: { type: 'string' },
    calls: { type: 'string' },
    'token-ttl': { type: 'string' },
  },
});

const env = process.env;
const host = values.host ?? env.GONG_SANDBOX_HOST ?? '127.0.0.1';
const basePort = Number(values['base-port'] ?? env.GONG_SANDBOX_BASE_PORT ?? 4010);
const seed = Number(values.seed ?? env.GONG_SANDBOX_SEED ?? 1);
const callsPerTenant = Number(values.calls ?? env.GONG_SANDBOX_CALLS ?? 2000);
// OAuth access-token lifetime in seconds: a short one lets a developer watch the worker refresh mid-run.
const accessTokenTtlSeconds = Number(values['token-ttl'] ?? env.GONG_SANDBOX_TOKEN_TTL ?? 86_400);
for (const [name, value] of Object.entries({ basePort, seed, callsPerTenant, accessTokenTtlSeconds })) {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer`);
}

// Fixed ports so a developer's .env keeps working across restarts: clusters in tenant order, then the app.
const clusterNames = [...new Set(['standard', ...DEFAULT_TENANTS.map((tenant) => tenant.cluster)])];
const ports: Record<string, number> = Object.fromEntries(clusterNames.map((name, i) => [name, basePort + i]));
ports.app = basePort + clusterNames.length;

const sandbox = await startGongSandbox({ host, seed, callsPerTenant, ports, accessTokenTtlSeconds });
console.log(formatBanner(sandbox));

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
