import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Job, JobQueue } from '@callmine/db';
import { errorSummary, type Logger } from '@callmine/logger';
import type { JobHandler } from './jobs/job-handler.ts';

// The worker's loop: claim due jobs, keep each lease alive with heartbeats while its handler runs, and record how
// it ended. Up to `concurrency` jobs at once: a job spends most of its time waiting on its own Gong credential's
// 3 requests/second, so many workspaces' runs overlap in one process (the queue's claim keeps it fair across
// workspaces). stop() lets every current batch checkpoint, then the jobs go back to the queue for the next start.

export interface WorkerLoopOptions {
  queue: JobQueue;
  handlers: Record<string, JobHandler>;
  logger: Logger;
  leaseMs: number;
  pollIntervalMs: number;
  now: () => Date;
  workerId?: string;
  /** Jobs in flight at once (default 1). */
  concurrency?: number;
  /**
   * Why an error means the database is not answering (PostgreSQL restarting, the network gone), or undefined for
   * any other error. Such an error pauses claims (backing off) and gives the job back without spending an attempt.
   */
  unavailableReason?: (error: unknown) => string | undefined;
  /** Claims during an outage: the first retry after `min` ms, then twice as long each time up to `max`. */
  outageBackoffMs?: { min: number; max: number };
}

export interface WorkerLoop {
  readonly workerId: string;
  /** Runs until stop(); resolves when the loop has ended. */
  run(): Promise<void>;
  /** Processes one due job, if any; says whether there was one. */
  runOnce(): Promise<boolean>;
  /** Jobs running now. */
  readonly inFlight: number;
  /** Asks the current jobs to stop at their next checkpoint and waits for the loop to end. */
  stop(): Promise<void>;
  /** True between run() and stop() while the loop has not ended (the worker's health check reads it). */
  isRunning(): boolean;
}

export function createWorkerLoop(options: WorkerLoopOptions): WorkerLoop {
  const { queue, logger, leaseMs } = options;
  const workerId = options.workerId ?? `worker-${randomUUID()}`;
  const stopping = new AbortController();
  // Every job in flight listens for the stop (the default cap of 10 would warn at 11 jobs).
  setMaxListeners(Math.max(10, (options.concurrency ?? 1) + 10), stopping.signal);
  let running: Promise<void> | undefined;
  let ended = false;
  let wakeIdle: (() => void) | undefined;
  const unavailableReason = options.unavailableReason ?? (() => undefined);
  const backoff = options.outageBackoffMs ?? { min: 500, max: 10_000 };
  // The database outage in progress: one log line when it starts, one when it ends, claims backing off between.
  let outage: { since: number; delayMs: number } | undefined;
  // Jobs stopped by the outage whose release could not be written yet: given back first when it answers again.
  const toRelease = new Set<string>();
  const noteOutage = (reason: string) => {
    if (outage) return;
    outage = { since: Date.now(), delayMs: backoff.min };
    logger.warn(
      { reason },
      'database unavailable: jobs paused until it answers again (retrying with backoff)',
    );
  };
  const noteAnswered = () => {
    if (!outage) return;
    logger.info({ downMs: Date.now() - outage.since }, 'database answers again: jobs resume');
    outage = undefined;
  };
  /** Gives a job back at once without spending an attempt; remembered for later while the database is away. */
  const releaseAfterOutage = async (jobId: string) => {
    try {
      await queue.release(jobId, workerId, options.now());
      toRelease.delete(jobId);
    } catch (error) {
      const reason = unavailableReason(error);
      if (reason) {
        toRelease.add(jobId);
        noteOutage(reason);
        return;
      }
      // Left to its lease: it expires and the job runs again.
      toRelease.delete(jobId);
      logger.error({ jobId, err: error }, 'job not given back');
    }
  };

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
          // E.g. the database busy past its timeout: the next beat tries again, well within the lease. An outage
          // is logged once, by the loop.
          (error: unknown) => {
            const reason = unavailableReason(error);
            if (reason) noteOutage(reason);
            else logger.warn({ jobId: job.id, err: error }, 'heartbeat failed');
          },
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
      const reason = unavailableReason(error);
      if (reason) {
        // Not the job's fault: its last checkpoint stands, and it runs again (no attempt spent) once the
        // database answers; a transaction it had open was rolled back by the server.
        noteOutage(reason);
        logger.warn({ jobId: job.id, kind: job.kind, reason }, 'job paused: database unavailable');
        await releaseAfterOutage(job.id);
        return;
      }
      // Stored with the job: never a failed query's bound values.
      const result = await queue.fail(job.id, workerId, errorSummary(error));
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

  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be >= 1');
  const active = new Set<Promise<void>>();
  const activeIds = new Set<string>();
  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wakeIdle = undefined;
    });

  const loop = async () => {
    while (!stopping.signal.aborted) {
      if (active.size >= concurrency) {
        // Every slot busy: wait for one to end (it wakes us).
        await idle(options.pollIntervalMs);
        continue;
      }
      let job: Job | undefined;
      try {
        for (const jobId of toRelease) await releaseAfterOutage(jobId);
        job = await queue.claim(workerId, leaseMs);
        noteAnswered();
      } catch (error) {
        const reason = unavailableReason(error);
        // E.g. the database busy past its timeout: try again on the next poll.
        if (!reason) logger.warn({ err: error }, 'claim failed');
        else if (outage) outage.delayMs = Math.min(backoff.max, outage.delayMs * 2);
        else noteOutage(reason);
      }
      if (!job) {
        await idle(outage ? outage.delayMs : options.pollIntervalMs);
        continue;
      }
      const claimed = job;
      if (activeIds.has(claimed.id)) {
        // Our own lease lapsed while the job runs here (a stalled event loop missed heartbeats) and the claim just
        // renewed it to us: the run in flight keeps it; starting it again would run the job twice.
        continue;
      }
      activeIds.add(claimed.id);
      const task = process(claimed)
        // Recording the outcome failed: given back when the database answers again (an outage), else the lease
        // expires and the job runs again.
        .catch((error: unknown) => {
          const reason = unavailableReason(error);
          if (!reason) return logger.error({ jobId: claimed.id, err: error }, 'job outcome not recorded');
          noteOutage(reason);
          toRelease.add(claimed.id);
        })
        .finally(() => {
          active.delete(task);
          activeIds.delete(claimed.id);
          wakeIdle?.();
        });
      active.add(task);
    }
    await Promise.allSettled([...active]);
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
    get inFlight() {
      return active.size;
    },
    async stop() {
      stopping.abort();
      wakeIdle?.();
      await running;
    },
  };
}
