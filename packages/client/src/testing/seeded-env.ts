// A Callmine server on the Gong sandbox with Gong connected, a saved analysis and one finished run (so lists,
// reports and runs have rows), for tests that call the API the way a developer outside the repository does.
import {
  isFinished,
  type RunEnv,
  startRunEnv,
  startTestWorker,
  type TestWorker,
  WHOLE_HISTORY,
} from '@callmine/worker/testing';

export interface SeededEnv {
  env: RunEnv;
  reportId: string;
  close(): Promise<void>;
  /** `sharedResource(() => startSeededEnv())` or `await using` closes the env (server, sandbox) at the end. */
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startSeededEnv(): Promise<SeededEnv> {
  const env = await startRunEnv({ calls: 40 });
  let worker: TestWorker | undefined;
  try {
    worker = await startTestWorker(env.server.dataDir, env.workerEnv);
    const analysis = await env.admin.analyses.create.mutate({
      name: 'Competitor watch',
      window: { kind: 'absolute', ...WHOLE_HISTORY },
      filters: {},
      settings: { trackers: [{ name: 'Pricing', phrases: [{ phrase: 'price', synonyms: ['pricing'] }] }] },
    });
    const started = await env.admin.analyses.run.mutate({ id: analysis.id });
    const finished = await env.waitFor(started.id, isFinished, 60_000);
    if (finished.status !== 'done' || !finished.reportId) {
      throw new Error(`The seed run did not finish: ${JSON.stringify(finished)}`);
    }
    const reportId = finished.reportId;
    // The worker is done with the seed; stop it so it uses no CPU while the tests run.
    await worker.close();
    worker = undefined;
    const close = () => env.close();
    return { env, reportId, close, [Symbol.asyncDispose]: close };
  } catch (error) {
    await worker?.close();
    await env.close();
    throw error;
  }
}
