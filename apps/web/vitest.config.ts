import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [react()],
  test: {
    name: '@callmine/web',
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 15_000,
    // One module graph per worker instead of one per file: every component test imports the whole app, its tRPC
    // client and a server, and importing that anew per file was a third of the run (import 181 s + setup 28 s of
    // 1,022 s summed, 24 files, load 12). Each file still gets a fresh jsdom, and every test its own server, query
    // client and render (cleaned up after each test); the app's module state is caches only.
    isolate: false,
  },
});
