// Log lines written once per event-loop turn instead of once each. A busy server logs a line per request, and each
// line was its own write(2) to stdout: under load that system call, and waking whatever reads the pipe, cost more
// than building the line. Lines still leave within the same turn (setImmediate), in order, and on exit.
import type { DestinationStream } from 'pino';
import pino from 'pino';

interface Target {
  write(text: string): unknown;
}

export interface PerTurnDestination extends DestinationStream {
  /** Writes what is pending now. */
  flushSync(): void;
}

export function perTurnDestination(
  target: Target = pino.destination({ dest: 1, sync: true }),
): PerTurnDestination {
  let pending = '';
  let scheduled = false;
  const flushSync = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    target.write(text);
  };
  process.on('exit', flushSync);
  return {
    write(line: string) {
      pending += line;
      if (!scheduled) {
        scheduled = true;
        setImmediate(flushSync);
      }
    },
    flushSync,
  };
}
