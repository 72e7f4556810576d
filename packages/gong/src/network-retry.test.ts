import { describe, expect, it, vi } from 'vitest';
import { startDeadline } from './deadline.ts';
import type { GongUser } from './endpoints/users.ts';
import { clientOnServer } from './test-support/client-on-server.ts';
import { sendJson } from './test-support/http-server.ts';
import { failure } from './test-support/outcomes.ts';

// Issue #19: runs died with "Could not reach Gong" when the worker was busy. A dropped connection or a timeout is
// retried like a 5xx, and the deadline does not count time the event loop was stalled.

const setup = clientOnServer;

const usersPage = {
  requestId: 'r',
  records: { totalRecords: 1, currentPageSize: 1, currentPageNumber: 0 },
  users: [{ id: 'u1' }],
};

function busyWait(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the stall a CPU-starved worker sees
  }
}

describe('transient network errors', () => {
  it('a connection dropped before the answer is retried, and the request succeeds', async () => {
    let seen = 0;
    await using harness = await setup((_req, res) => {
      seen += 1;
      if (seen <= 2) {
        res.socket?.destroy();
        return;
      }
      sendJson(res, 200, usersPage);
    });
    const first = await harness.client.users.list()[Symbol.asyncIterator]().next();
    expect(first.value?.items.map((user: GongUser) => user.id)).toEqual(['u1']);
    expect(seen).toBe(3);
  });

  it('a connection that keeps dropping still ends as unreachable after the retries', async () => {
    let seen = 0;
    await using harness = await setup(
      (_req, res) => {
        seen += 1;
        res.socket?.destroy();
      },
      { maxRetries: 2 },
    );
    expect(await failure(harness.client.users.list()[Symbol.asyncIterator]().next())).toMatchObject({
      kind: 'unreachable',
    });
    expect(seen).toBe(3);
  });

  it('validation (a person waiting) is not retried on a dropped connection', async () => {
    let seen = 0;
    await using harness = await setup((_req, res) => {
      seen += 1;
      res.socket?.destroy();
    });
    const result = await harness.client.validate();
    expect(result.ok).toBe(false);
    expect(seen).toBe(1);
  });

  it('an answer that arrived while the event loop was stalled past the deadline is read, not timed out', async () => {
    let answered = false;
    await using harness = await setup(
      (_req, res) => {
        sendJson(res, 200, usersPage);
        answered = true;
      },
      { timeoutMs: 1500, maxRetries: 0 },
    );
    const pending = harness.client.users.list()[Symbol.asyncIterator]().next();
    // Stall once the server has answered (same process: the answer waits in the socket), longer than the deadline;
    // the wall cap (2×, 3 s) leaves 1.3 s for the request to reach the server on a loaded machine.
    await new Promise<void>((resolve) => {
      const poll = () => (answered ? resolve() : setImmediate(poll));
      poll();
    });
    busyWait(1700);
    const first = await pending;
    expect(first.value?.items.map((user: GongUser) => user.id)).toEqual(['u1']);
  });
});

describe('startDeadline', () => {
  it('credits a stall as one tick, and still expires after the deadline of responsive time', async () => {
    // 1 s of responsive time (ticks of 100 ms; wall cap 2 s), an 800 ms stall: a wall-clock timer would expire at
    // 1 s; this one, crediting the stall as one tick, not before 800 + 900 ms. A busy machine only delays ticks, and
    // the cap is 1.2 s away when the stall ends (with 300 / 500 ms, a descheduled test process reached the cap).
    let expiredAt: number | undefined;
    const start = performance.now();
    startDeadline(1_000, () => {
      expiredAt = performance.now() - start;
    });
    busyWait(800);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(expiredAt).toBeUndefined();
    await vi.waitFor(() => expect(expiredAt).toBeDefined(), { timeout: 5_000, interval: 20 });
    expect(expiredAt).toBeGreaterThanOrEqual(1_700 - 1);
  });

  it('expires at the wall-clock cap (2×) when stalled for longer', async () => {
    let expired = false;
    startDeadline(200, () => {
      expired = true;
    });
    busyWait(450);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(expired).toBe(true);
  });

  it('cancel stops it', async () => {
    let expired = false;
    const cancel = startDeadline(50, () => {
      expired = true;
    });
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(expired).toBe(false);
  });
});
