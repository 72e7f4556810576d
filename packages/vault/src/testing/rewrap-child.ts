// Child process for rotation.test.ts: rewraps the database at argv[2] with the key file in argv[3], printing
// a line after each committed batch and pausing, so the parent can SIGKILL it midway through.
import { createVaultStore, openDatabase } from '@callmine/db';
import { loadKeyRing } from '../load-key-ring.ts';
import { rewrapAll } from '../rotation.ts';

const [dbPath, dataDir] = process.argv.slice(2) as [string, string];
const ring = loadKeyRing({}, { dataDir, warn: () => {} });
const opened = openDatabase(dbPath);
const pause = new Int32Array(new SharedArrayBuffer(4));
await rewrapAll(ring, createVaultStore(opened.db), {
  batchSize: 10,
  onBatch: (progress) => {
    process.stdout.write(`batch ${progress.batches}\n`);
    Atomics.wait(pause, 0, 0, 100);
  },
});
process.stdout.write('done\n');
