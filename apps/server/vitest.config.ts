import { defineProject } from 'vitest/config';

export default defineProject({
  // API tests talk to a real server and the Gong sandbox over HTTP; some wait out a Gong timeout on purpose.
  test: { name: '@callmine/server', testTimeout: 15_000 },
});
