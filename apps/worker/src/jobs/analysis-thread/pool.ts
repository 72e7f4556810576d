import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisInput, AnalysisResult, AnalysisSettings } from '@callmine/contracts';
import { Tinypool } from 'tinypool';
import type { AnalysisTask } from './task.ts';

// The engine is synchronous and a big run takes seconds of CPU. On the worker's main thread that would freeze the
// job's lease heartbeats (another worker could take the job over mid-analysis), the scheduler's ticks and a clean
// shutdown. Threads (up to one per core, since several jobs run at once), kept warm for a while between runs, do
// the analysing instead.

// A plain path, not `new URL('./entry.mjs', import.meta.url)`: Vite (the web tests start a real worker) rewrites
// that pattern into an asset URL on its dev server.
const ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'entry.mjs');

export interface AnalysisPool {
  /** Rejects with an AbortError, and stops the thread's work, when `signal` aborts. */
  analyze(input: AnalysisInput, settings: AnalysisSettings, signal?: AbortSignal): Promise<AnalysisResult>;
  /** Threads alive now: none until the first analysis, then up to maxThreads until idle for a while. */
  readonly threads: number;
  close(): Promise<void>;
}

export function createAnalysisPool(
  options: {
    idleTimeoutMs?: number;
    maxThreads?: number;
    /** Another thread entry: the built bundle (`apps/worker/dist/entry.mjs`), for a worker run from source that
     *  should not pay tsx's start-up (a second or more of CPU per thread) in every thread it starts. */
    entry?: string;
  } = {},
): AnalysisPool {
  const entry = options.entry ?? ENTRY;
  // A thread that cannot load its entry never answers; fail at start-up instead of leaving runs analysing.
  if (!existsSync(entry)) throw new Error(`The analysis thread's entry is missing: ${entry}`);
  const pool = new Tinypool({
    filename: entry,
    minThreads: 0,
    // Sized by the caller to the cores: analysis is the worker's only CPU-bound step.
    maxThreads: options.maxThreads ?? 1,
    idleTimeout: options.idleTimeoutMs ?? 60_000,
  });
  return {
    analyze(input, settings, signal) {
      const task: AnalysisTask = { input, settings };
      return pool.run(task, signal ? { signal } : {}) as Promise<AnalysisResult>;
    },
    get threads() {
      return pool.threads.length;
    },
    close: () => pool.destroy(),
  };
}
