// Test support for runs: a Callmine server on the Gong sandbox with Gong connected, the worker's matching
// environment, and small helpers to start a run and wait for it.
import type { RunView } from '@callmine/contracts';
import type { GongSandbox, GongSandboxOptions, SandboxCredential } from '@callmine/gong-sandbox';
import { type SandboxedServer, sandboxOAuthEnv, startSandboxedServer } from '@callmine/server/testing';
import { startTestWorker, type TestWorker } from './test-worker.ts';

/** Calls end here, so runs select the same 180 days of data whatever today is. */
export const CALLS_UNTIL = '2026-06-01T00:00:00Z';
export const WHOLE_HISTORY = { from: '2025-12-01', to: '2026-05-31' };
export const RATE_PER_SECOND = 20;
/** Gong 5xx backoff for tests (config's CALLMINE_GONG_RETRY_*): the same retries, waits of at most 50 ms. */
export const FAST_RETRIES = { CALLMINE_GONG_RETRY_BASE_MS: '10', CALLMINE_GONG_RETRY_CAP_MS: '50' };

export interface RunEnv extends SandboxedServer {
  /** What the worker's process needs (same Gong rules and rate as the server). */
  workerEnv: Record<string, string>;
  key(label?: string): SandboxCredential;
  startRun(selection?: Partial<Record<string, string>>): Promise<RunView>;
  waitFor(runId: string, until: (run: RunView) => boolean, timeoutMs?: number): Promise<RunView>;
  /** The sandbox requests a run makes (the server's key validation reads /v2/users, not calls). */
  runRequests(): SandboxedServer['sandbox']['requests'];
  /**
   * A worker in this process on the server's data directory, with `workerEnv` plus `env`. Disposing the RunEnv
   * closes every worker it started (first), then the server and the sandbox; restart with `worker.close()` and
   * another `startWorker()`.
   */
  startWorker(
    env?: Record<string, string>,
    overrides?: Parameters<typeof startTestWorker>[2],
  ): Promise<TestWorker>;
}

export interface RunEnvOptions {
  sandbox?: GongSandboxOptions;
  /** For server and worker alike; a function sees the sandbox (for its OAuth app's URLs). */
  env?: Record<string, string> | ((sandbox: GongSandbox) => Record<string, string>);
  calls?: number;
  /** How Gong gets connected: the primary key pasted (default), or OAuth through the sandbox's demo app. */
  connect?: 'basic' | 'oauth';
  /** The server's clock (give the worker the same one, so both charge the same quota month). */
  now?: () => Date;
}

export async function startRunEnv(options: RunEnvOptions = {}): Promise<RunEnv> {
  const calls = options.calls ?? 1000;
  let gongEnv: Record<string, string> = {};
  const base = await startSandboxedServer(
    (sandbox) => {
      gongEnv = {
        CALLMINE_GONG_REQUESTS_PER_SECOND: String(RATE_PER_SECOND),
        // The sandbox's 5xx bursts are retried after milliseconds, not Gong's half-second-and-up backoff.
        ...FAST_RETRIES,
        ...(options.connect === 'oauth' ? sandboxOAuthEnv(sandbox) : {}),
        ...(typeof options.env === 'function' ? options.env(sandbox) : options.env),
      };
      return gongEnv;
    },
    {
      callsUntil: CALLS_UNTIL,
      callsPerTenant: calls,
      rateLimit: { perSecond: RATE_PER_SECOND, perDay: 1_000_000 },
      ...options.sandbox,
    },
    options.now ? { now: options.now } : {},
  );
  const origins = Object.values(base.sandbox.clusters).map((c) => c.origin);
  const workerEnv = {
    CALLMINE_GONG_DEFAULT_BASE_URL: base.sandbox.clusters.standard?.origin ?? '',
    CALLMINE_GONG_ALLOWED_ORIGINS: origins.join(','),
    CALLMINE_GONG_TIMEOUT_MS: '5000',
    CALLMINE_WORKER_LEASE_MS: '1000',
    ...gongEnv,
  };
  const acme = base.sandbox.tenant('acme');
  const key = (label = 'primary') => {
    const found = acme.credentials.find((c) => c.label === label);
    if (!found) throw new Error(`no sandbox key ${label}`);
    return found;
  };
  if (options.connect === 'oauth') await connectWithOAuth(base);
  else {
    const primary = key();
    await base.admin.integrations.gong.connectBasic.mutate({
      accessKey: primary.accessKey,
      secretKey: primary.secretKey,
      baseUrl: '',
    });
  }
  // No pause for the validation's requests to leave the rate window: they took their turn in the limiter the worker
  // shares (same credential key, slots in the database), so a run that starts at once still stays within the rate.
  const waitFor = async (runId: string, until: (run: RunView) => boolean, timeoutMs = 45_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await base.admin.runs.get.query({ id: runId });
      if (until(run)) return run;
      if (Date.now() > deadline) throw new Error(`run ${runId} stuck in ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const workers: TestWorker[] = [];
  const close = async () => {
    // Workers stop before the server deletes the data directory under them.
    await Promise.all(workers.map((worker) => worker.close()));
    await base.close();
  };
  return {
    ...base,
    close,
    [Symbol.asyncDispose]: close,
    startWorker: async (env = {}, overrides = {}) => {
      const worker = await startTestWorker(base.server.dataDir, { ...workerEnv, ...env }, overrides);
      workers.push(worker);
      return worker;
    },
    workerEnv,
    key,
    startRun: (selection = {}) => base.admin.runs.start.mutate({ ...WHOLE_HISTORY, ...selection }),
    waitFor,
    runRequests: () => base.sandbox.requests.filter((r) => r.path.startsWith('/v2/calls')),
  };
}

export const isFinished = (run: RunView) => ['done', 'failed', 'canceled'].includes(run.status);

/** The admin approves Callmine for acme on the sandbox's consent step; the server's callback stores the tokens. */
async function connectWithOAuth(base: SandboxedServer) {
  const { authorizeUrl } = await base.admin.integrations.gong.startOAuth.mutate({});
  const authorize = new URL(authorizeUrl);
  const redirectUri = authorize.searchParams.get('redirect_uri') ?? '';
  const code = base.sandbox.oauth.issueCode({
    clientId: authorize.searchParams.get('client_id') ?? '',
    tenantId: 'acme',
    redirectUri,
  });
  const callback = new URL(redirectUri);
  callback.searchParams.set('code', code);
  callback.searchParams.set('state', authorize.searchParams.get('state') ?? '');
  const response = await base.adminFetch(callback, { redirect: 'manual' });
  const location = response.headers.get('location') ?? '';
  if (!location.endsWith('gong=connected')) throw new Error(`OAuth connect failed: ${location}`);
}
