// What the worker loop needs from a job kind. A handler returns how the job ended; throwing means "failed, retry
// with backoff" and, once attempts run out, `onDead` lets the handler record a plain reason where people look.

export type JobOutcome =
  | { kind: 'finished' }
  /** Not a failure: run again at `until` (the Gong budget resets, a long Retry-After) without spending an attempt. */
  | { kind: 'paused'; until: Date }
  /** Shutting down (or the credential changed under a failing request): checkpointed, run again at once. */
  | { kind: 'interrupted' };

export interface JobContext {
  /** Aborted on SIGTERM/SIGINT or when the lease is lost: stop after the current batch's checkpoint. */
  readonly signal: AbortSignal;
}

export interface JobHandler {
  run(payload: unknown, context: JobContext): Promise<JobOutcome>;
  onDead(payload: unknown, error: unknown): Promise<void>;
}
