/** Faults armed by tests; each "next n" fault counts down once per API request, across all clusters. */
export interface SandboxFaults {
  /** The next n API requests answer 429 with this Retry-After, regardless of the real limiter. */
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  /** The next n API requests answer `status` (default 500) with a Gong error body. */
  failNext(n: number, status?: number): void;
  /** Delays every API and OAuth response by `ms` of real time (0 turns it off). */
  latency(ms: number): void;
  /** Revokes an access key: from now on it is unknown (401), as after an admin deletes it in Gong. */
  revoke(accessKey: string): void;
  /** The next n API requests answer 302 to `location`; a client must not follow it with credentials. */
  redirectNext(n: number, location: string): void;
  /** Clears armed faults, latency, revocations made through revoke() and the rate-limit windows. */
  reset(): void;
}

export type ArmedFault =
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'fail'; status: number }
  | { kind: 'redirect'; location: string };

interface Countdown<T> {
  remaining: number;
  fault: T;
}

export class FaultState {
  latencyMs = 0;
  private queue: Countdown<ArmedFault>[] = [];

  arm(n: number, fault: ArmedFault): void {
    if (n > 0) this.queue.push({ remaining: n, fault });
  }

  /** Takes the fault that applies to this request, oldest armed first. */
  take(): ArmedFault | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining--;
    if (head.remaining <= 0) this.queue.shift();
    return head.fault;
  }

  clear(): void {
    this.queue = [];
    this.latencyMs = 0;
  }
}
