// For `await using` on resources whose API predates Symbol.asyncDispose.
/** A resource that has `close()` (a thread pool, an HTTP transport, a Gong client) as `AsyncDisposable`. */
export function disposable<T extends { close(): unknown }>(resource: T): T & AsyncDisposable {
  return Object.assign(resource, {
    [Symbol.asyncDispose]: async () => {
      await resource.close();
    },
  });
}
