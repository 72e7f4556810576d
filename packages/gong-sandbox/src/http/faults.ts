/** Faults armed by tests; each "next n" fault counts down once per API request, across all clusters. */
export interface SandboxFaults {
  /** The next n API requests answer 429 with this Retry-After, regardless of the real limiter. */
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  /** The next n API requests answer `status` (default 500) with a Gong error body. */
  failNext(n: number, status?: number): void;
  /** Delays every API and OAuth response by `ms` of real time (0 turns it off). */
  latency(ms: number): void;
  /** The next n API requests get no answer: their TCP connection is destroyed (a reset or a dropped keep-alive). */
  dropNext(n: number): void;
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
  | { kind: 'redirect'; location: string }
  | { kind: 'drop' };

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

/** The `faults` handle tests hold; reset() also restores every key's original revoked state. */
export function faultControls(
  state: FaultState,
  limiter: { reset(): void },
  tenants: { credentials: { accessKey: string; revoked: boolean }[] }[],
): SandboxFaults {
  const credentials = tenants.flatMap((tenant) => tenant.credentials);
  const originallyRevoked = new Map(credentials.map((credential) => [credential, credential.revoked]));
  return {
    rateLimitNext: (n, retryAfterSeconds) => state.arm(n, { kind: 'rate-limit', retryAfterSeconds }),
    failNext: (n, status = 500) => {
      // Only error statuses: a 2xx/3xx without Gong's body would test nothing a real Gong can do.
      if (!Number.isInteger(status) || status < 400 || status > 599)
        throw new Error('failNext needs a 4xx/5xx status');
      state.arm(n, { kind: 'fail', status });
    },
    latency: (ms) => {
      state.latencyMs = Math.max(0, ms);
    },
    revoke: (accessKey) => {
      const credential = credentials.find((candidate) => candidate.accessKey === accessKey);
      if (!credential) throw new Error('No sandbox credential with that access key');
      credential.revoked = true;
    },
    redirectNext: (n, location) => state.arm(n, { kind: 'redirect', location }),
    dropNext: (n) => state.arm(n, { kind: 'drop' }),
    reset: () => {
      state.clear();
      limiter.reset();
      for (const [credential, revoked] of originallyRevoked) credential.revoked = revoked;
    },
  };
}
