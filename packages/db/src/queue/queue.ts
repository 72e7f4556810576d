// The job queue's interface: the `job` table on SQLite (sqlite-queue.ts), pg-boss on PostgreSQL (pg-boss-queue.ts);
// open-queue.ts picks one by the database's dialect (docs/queue-postgres.md). queue-contract.test.ts checks both.

export interface Job<P = unknown> {
  readonly id: string;
  readonly kind: string;
  readonly payload: P;
  /** 1 on the first try; a lease taken over after a crash counts as another attempt. */
  readonly attempts: number;
  readonly maxAttempts: number;
}

export interface EnqueueInput<P> {
  readonly kind: string;
  /** The same key enqueues the same job once (a double-clicked Start makes one run). */
  readonly idempotencyKey: string;
  readonly payload: P;
  readonly maxAttempts?: number;
  readonly runAfter?: Date;
  /**
   * Fairness group (the workspace). A claim takes the oldest due job among the groups with the fewest jobs in
   * flight, so one workspace's many jobs do not hold every worker slot while another's waits. Optional.
   */
  readonly groupKey?: string;
}

export type FailOutcome = 'retrying' | 'dead';

/** Built on a handle (`Db`): built on a transaction's handle, an enqueue is part of that transaction. */
export interface JobQueue {
  enqueue<P>(input: EnqueueInput<P>): Promise<{ id: string; created: boolean }>;
  /**
   * Leases the next due job (queued and due, or running with an expired lease) to `owner`: the oldest due job of
   * a group with the fewest jobs in flight (jobs without a group count as a group with none in flight).
   */
  claim(owner: string, leaseMs: number): Promise<Job | undefined>;
  /** Extends the lease; false when the lease was lost (another worker took the job over). */
  heartbeat(jobId: string, owner: string, leaseMs: number): Promise<boolean>;
  complete(jobId: string, owner: string): Promise<boolean>;
  /** Retries with exponential backoff until maxAttempts, then keeps the job as dead with its error. */
  fail(jobId: string, owner: string, error: string): Promise<FailOutcome | undefined>;
  /** Gives the job back to run again at `runAfter` without spending an attempt (a pause, not a failure). */
  release(jobId: string, owner: string, runAfter: Date): Promise<boolean>;
  /** Deletes the jobs enqueued with these keys, whatever their state (a deleted workspace's runs); how many went. */
  discard(idempotencyKeys: readonly string[]): Promise<number>;
}

/** The job kind that moves an analysis run (enqueued by the api's runs.start, run by apps/worker). */
export const ANALYSIS_RUN_JOB = 'analysis-run';

/** The idempotency key of a run's job: one job per run. */
export const analysisRunJobKey = (runId: string) => `${ANALYSIS_RUN_JOB}:${runId}`;
