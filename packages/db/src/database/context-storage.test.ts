// Storages are disabled once no transaction needs them, and a transaction still sees its own store throughout.
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, expect, it } from 'vitest';
import { contextStorageUsers, registerContextStorages, withContextStorage } from './context-storage.ts';

describe('withContextStorage', () => {
  it('keeps a storage enabled while any work needs it, and disables it when the last work ends', async () => {
    const storage = new AsyncLocalStorage<string>();
    registerContextStorages(() => [storage]);
    const enabled = () => (storage as unknown as { enabled: boolean }).enabled;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = withContextStorage(() =>
      storage.run('slow', async () => {
        await held;
        return storage.getStore();
      }),
    );
    const quick = await withContextStorage(() =>
      storage.run('quick', async () => {
        await Promise.resolve();
        return storage.getStore();
      }),
    );
    // The quick one ended, the slow one still runs: still enabled, and the slow one keeps its store.
    expect(quick).toBe('quick');
    expect(contextStorageUsers()).toBe(1);
    expect(enabled()).toBe(true);
    release();
    expect(await slow).toBe('slow');
    expect(contextStorageUsers()).toBe(0);
    expect(enabled()).toBe(false);
    expect(storage.getStore()).toBeUndefined();
    // The next run enables it again.
    expect(await withContextStorage(() => storage.run('again', async () => storage.getStore()))).toBe(
      'again',
    );
  });
});
