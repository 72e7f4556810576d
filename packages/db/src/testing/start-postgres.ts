// `pnpm --filter @callmine/db postgres`: a throwaway PostgreSQL for trying Callmine on it by hand. Prints the URL,
// runs until Ctrl-C, then stops and deletes the cluster (nothing in it survives).
import { startPostgresCluster } from './postgres-cluster.ts';

const cluster = await startPostgresCluster();
console.log(`PostgreSQL is up (started in ${cluster.startedInMs} ms); it is deleted when you press Ctrl-C.`);
console.log(`CALLMINE_DATABASE_URL=${cluster.url}`);
// Signal listeners alone do not keep Node running.
const keepAlive = setInterval(() => {}, 60_000);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  clearInterval(keepAlive);
  void cluster.stop();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
