// Callmine started with `npm start` against a fresh Gong sandbox: the set-up of every e2e file that talks to Gong.
import { type GongSandbox, type GongSandboxOptions, startGongSandbox } from '@callmine/gong-sandbox';
import { type RunningCallmine, startCallmine, stopCallmine } from './start-callmine.ts';

export interface SandboxedCallmine {
  sandbox: GongSandbox;
  callmine: RunningCallmine;
}

/** The environment that points Callmine's Gong client at the sandbox's clusters (and allows all of them). */
export function sandboxGongEnv(sandbox: GongSandbox): Record<string, string> {
  return {
    CALLMINE_GONG_DEFAULT_BASE_URL: sandbox.clusters.standard!.origin,
    CALLMINE_GONG_ALLOWED_ORIGINS: Object.values(sandbox.clusters)
      .map((c) => c.origin)
      .join(','),
  };
}

/** Starts the sandbox, then Callmine pointed at it; `env` adds to the sandbox's Gong environment (OAuth, say). */
export async function startSandboxedCallmine(
  options: GongSandboxOptions,
  env: (sandbox: GongSandbox) => Record<string, string> = () => ({}),
): Promise<SandboxedCallmine> {
  const sandbox = await startGongSandbox(options);
  try {
    const callmine = await startCallmine({ ...sandboxGongEnv(sandbox), ...env(sandbox) });
    return { sandbox, callmine };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}

/** Stops whatever of the two was started (a failed beforeAll leaves them unset) and removes the data dir. */
export async function stopSandboxedCallmine({ sandbox, callmine }: Partial<SandboxedCallmine>) {
  await stopCallmine(callmine);
  await sandbox?.close();
}
