// CPU time (and peak memory) of the fleet's processes, from Linux /proc (in clock ticks of 10 ms: USER_HZ is 100 on Linux): a server or
// worker process with all its threads, and a PostgreSQL cluster (the postmaster and every backend, including the
// ones that ended meanwhile, which the kernel adds to the postmaster's children's time when it reaps them).
import { readdirSync, readFileSync } from 'node:fs';
import type { PostgresDatabase } from '@callmine/db';

const TICK_MS = 10;

/** The fields after the command name (which may hold spaces): [0] state, [1] ppid, [11] utime, [12] stime,
 *  [13] cutime, [14] cstime. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    // Gone between listing and reading.
    return undefined;
  }
}

/** A process's CPU time so far (user + system, all its threads), in ms. */
export function processCpuMs(pid: number): number {
  const fields = statFields(pid);
  if (!fields) throw new Error(`process ${pid} is gone`);
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** The cluster's CPU time so far, in ms: the postmaster's own and its reaped children's, plus its live children's. */
export function clusterCpuMs(postmasterPid: number): number {
  const own = statFields(postmasterPid);
  if (!own) throw new Error(`PostgreSQL's postmaster ${postmasterPid} is gone`);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(Number(name));
    if (fields && Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * TICK_MS;
}

/** The postmaster's pid, from the cluster's data directory (postmaster.pid's first line); undefined for a server
 *  on another machine, or one whose files this user may not read. */
export async function postmasterPid(database: PostgresDatabase): Promise<number | undefined> {
  const { rows } = await database.pool.query<{ setting: string }>(
    "select setting from pg_settings where name = 'data_directory'",
  );
  const dataDir = rows[0]?.setting;
  try {
    const pid = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
    return statFields(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A process's peak resident memory so far (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  return Math.round(kb / 1024);
}
