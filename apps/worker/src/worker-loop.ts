import { randomUUID } from 'node:crypto';
import type { Job, JobQueue } from '@callmine/db';
import type { Logger } from '@callmine/logger';
import type { JobHandler } from './jobs/job-handler.ts';

// The worker's loop: claim a due job, keep its lease alive with heartbeats while the handler runs, and record how
// it ended. One job at a time: Gong's per-credential limit, not CPU, bounds the work. stop() lets the current
// batch checkpoint, then the job goes back to the queue for the next start.

export interface WorkerLoopOptions {
  queue: JobQueue;
  handlers: Record<string, JobHandler>;
  logger: Logger;
  leaseMs: number;
  pollIntervalMs: number;
  now: () => Date;
  workerId?: string;
}

export interface WorkerLoop {
  readonly workerId: string;
  /** Runs until stop(); resolves when the loop has ended. */
  run(): Promise<void>;
  /** Processes one due job, if any; says whether there was one. */
  runOnce(): Promise<boolean>;
  /** Asks the current job to stop at its next checkpoint and waits for the loop to end. */
  stop(): Promise<void>;
  /** True between run() and stop() while the loop has not ended (the worker's health check reads it). */
  isRunning(): boolean;
}

export function createWorkerLoop(options: WorkerLoopOptions): WorkerLoop {
  const { queue, logger, leaseMs } = options;
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const stopping = new AbortController();
  let running: Promise<void> | undefined;
  let ended = false;
  let wakeIdle: (() => void) | undefined;

  const process = async (job: Job): Promise<void> => {
    const handler = options.handlers[job.kind];
    if (!handler) {
      await queue.fail(job.id, workerId, `no handler for job kind ${job.kind}`);
      return;
    }
    const jobAbort = new AbortController();
    const onStop = () => jobAbort.abort();
    stopping.signal.addEventListener('abort', onStop);
    const heartbeat = setInterval(
      () => {
        // Lost the lease (we stalled past it and someone took over): stop, and let them finish.
        queue.heartbeat(job.id, workerId, leaseMs).then(
          (kept) => {
            if (!kept) jobAbort.abort();
          },
          // E.g. the database busy past its timeout: the next beat tries again, well within the lease.
          (error: unknown) => logger.warn({ jobId: job.id, err: error }, 'heartbeat failed'),
        );
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    try {
      const outcome = await handler.run(job.payload, { signal: jobAbort.signal });
      if (outcome.kind === 'finished') await queue.complete(job.id, workerId);
      else if (outcome.kind === 'paused') await queue.release(job.id, workerId, outcome.until);
      else await queue.release(job.id, workerId, options.now());
      logger.info({ jobId: job.id, kind: job.kind, outcome: outcome.kind }, 'job ended');
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
      const result = await queue.fail(job.id, workerId, message);
      logger.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, result, err: error }, 'job failed');
      if (result === 'dead') await handler.onDead(job.payload, error);
    } finally {
      clearInterval(heartbeat);
      stopping.signal.removeEventListener('abort', onStop);
    }
  };

  const runOnce = async () => {
    const job = await queue.claim(workerId, leaseMs);
    if (!job) return false;
    await process(job);
    return true;
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      if (await runOnce()) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollIntervalMs);
        wakeIdle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeIdle = undefined;
    }
  };

  return {
    workerId,
    run() {
      running ??= loop().finally(() => {
        ended = true;
      });
      return running;
    },
    isRunning: () => running !== undefined && !ended && !stopping.signal.aborted,
    runOnce,
    async stop() {
      stopping.abort();
      wakeIdle?.();
      await running;
    },
  };
}
