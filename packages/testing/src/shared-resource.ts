// The one way to share a test server, worker, sandbox or receiver between the tests of a describe block (or a
// file) whose tests don't interfere: started before its first test, disposed through its own Symbol.asyncDispose
// after its last, whatever the outcome. A resource per test needs none of this: `await using x = await start()`.
import { afterAll, beforeAll } from 'vitest';

/**
 * `const env = sharedResource(() => startSandboxedServer())` at the top of a describe (or the file): `env` reads as
 * the started resource inside the tests and the hooks registered after this call (it forwards to it), and using it
 * outside them (at collection time, or after disposal) throws, naming the mistake.
 */
export function sharedResource<T extends AsyncDisposable>(start: () => Promise<T>, timeoutMs?: number): T {
  let resource: T | undefined;
  beforeAll(async () => {
    resource = await start();
  }, timeoutMs);
  afterAll(async () => {
    const started = resource;
    resource = undefined;
    await started?.[Symbol.asyncDispose]();
  }, timeoutMs);
  const current = (): T => {
    if (resource === undefined)
      throw new Error(
        'a shared test resource is used outside its tests (before they start or after they end)',
      );
    return resource;
  };
  return new Proxy({} as T, {
    get: (_target, key) => {
      const started = current();
      const value = Reflect.get(started, key);
      // A class's methods (a node:http server's address()) may use private state: call them on the resource itself.
      return typeof value === 'function' && !Object.hasOwn(started, key) ? value.bind(started) : value;
    },
    set: (_target, key, value) => Reflect.set(current(), key, value),
    has: (_target, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), key);
      // A proxy may only report a configurable property its (empty) target does not have.
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
}
