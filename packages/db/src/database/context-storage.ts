// AsyncLocalStorage only while something needs it. On Node 20, while ANY AsyncLocalStorage is enabled every promise
// runs JavaScript hooks (the async id bookkeeping and the store's propagation), and a storage stays enabled, from
// its first run(), for the life of the process: after the first transaction or sign-in, every await of every
// request paid for them (measured here: 100 awaits cost 4.4 µs with no storage enabled, 10.8 with one, 20.6 with
// three; the data layer and better-auth keep four). Work that runs inside a storage (a transaction, a statement
// queued behind one, a better-auth call) is wrapped in `withContextStorage`; when the last such piece of work ends,
// every registered storage is disabled, which turns the hooks off, and the next run() enables it again. Nothing
// can then be inside one of them: a store is only ever set inside such work, and that work has finished.

/** What disabling needs of a storage (node:async_hooks' AsyncLocalStorage). */
export interface DisablableStorage {
  disable(): void;
}

const sources = new Set<() => Iterable<DisablableStorage | undefined>>();
let inFlight = 0;

/** Storages to disable when no work needs them; a function, for storages made later (better-auth's are lazy). */
export function registerContextStorages(source: () => Iterable<DisablableStorage | undefined>): void {
  sources.add(source);
}

/** Runs work that sets or reads a registered storage; the storages stay enabled until all such work has ended. */
export async function withContextStorage<T>(work: () => PromiseLike<T> | T): Promise<T> {
  inFlight += 1;
  try {
    return await work();
  } finally {
    inFlight -= 1;
    if (inFlight === 0) {
      for (const source of sources) for (const storage of source()) storage?.disable();
    }
  }
}

/** For tests: how many pieces of work currently hold the storages enabled. */
export function contextStorageUsers(): number {
  return inFlight;
}
