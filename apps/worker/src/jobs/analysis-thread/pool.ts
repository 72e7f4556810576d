import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisInput, AnalysisResult, AnalysisSettings } from '@callmine/contracts';
import { Tinypool } from 'tinypool';
import type { AnalysisTask } from './task.ts';

// The engine is synchronous and a big run takes seconds of CPU. On the worker's main thread that would freeze the
// job's lease heartbeats (another worker could take the job over mid-analysis), the scheduler's ticks and a clean
// shutdown. One thread, kept warm for a while between runs, does the analysing instead.

export interface AnalysisPool {
  /** Rejects with an AbortError, and stops the thread's work, when `signal` aborts. */
  analyze(input: AnalysisInput, settings: AnalysisSettings, signal?: AbortSignal): Promise<AnalysisResult>;
  /** Threads alive now: none until the first analysis, then one until it has been idle for a while. */
  readonly threads: number;
  close(): Promise<void>;
}

export function createAnalysisPool(options: { idleTimeoutMs?: number } = {}): AnalysisPool {
  const pool = new Tinypool({
    // A path built from strings, not `new URL('./entry.mjs', import.meta.url)`: Vite (the web's component tests
    // start a worker) rewrites that pattern into an http asset URL the thread can't load.
    filename: join(dirname(fileURLToPath(import.meta.url)), 'entry.mjs'),
    minThreads: 0,
    // One job runs at a time per worker process, so one thread is enough.
    maxThreads: 1,
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
