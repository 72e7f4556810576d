// A request deadline that measures time on the wire, not time in our own queue. A plain setTimeout counts wall
// time: when the worker's event loop is stalled or starved (many runs parsing pages on 2 loaded cores), the answer
// can sit unread in the socket while the timer expires, and the timers phase runs before the poll phase that would
// read it. Here a tick every `tickMs` credits at most `tickMs`, so a stall of any length counts as one tick; a wall
// clock cap still bounds every request.

/** The longest a request may take in wall time, whatever the event loop did meanwhile. */
export function wallCapMs(timeoutMs: number): number {
  return timeoutMs * 2;
}

/** How long a shared limiter slot is held for one request: its wall cap, plus a margin to read and parse the answer. */
export function limiterHoldMs(timeoutMs: number): number {
  return wallCapMs(timeoutMs) + 5_000;
}

/** Calls `onExpire` once `timeoutMs` of responsive time (or the wall cap) has passed; returns a cancel function. */
export function startDeadline(timeoutMs: number, onExpire: () => void): () => void {
  const tickMs = Math.max(1, Math.min(250, Math.floor(timeoutMs / 10)));
  const start = performance.now();
  const cap = wallCapMs(timeoutMs);
  let credited = 0;
  let last = start;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const now = performance.now();
    credited += Math.min(now - last, tickMs);
    last = now;
    if (credited >= timeoutMs || now - start >= cap) {
      timer = undefined;
      onExpire();
      return;
    }
    timer = setTimeout(tick, Math.max(1, Math.min(tickMs, timeoutMs - credited)));
  };
  timer = setTimeout(tick, Math.min(tickMs, timeoutMs));
  return () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}
