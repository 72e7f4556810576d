// A throwaway PostgreSQL for tests and development: Debian's binaries, a fresh cluster in a temp dir owned by an
// unprivileged user (PostgreSQL refuses to run as root), on a free port of 127.0.0.1, removed on stop. Each cluster is
// a copy of one pristine initdb kept in the temp dir per PostgreSQL version. Nothing is downloaded at run time: the
// binaries come from the Debian package `postgresql`, installed with apt-get when missing and root (as
// scripts/ensure-chromium.mjs does for the browser), otherwise a message names the package.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const POSTGRES_ROOT = '/usr/lib/postgresql';
/** The superuser of the throwaway cluster: a random password over TCP (as in production, so tests see password
 *  authentication fail when it should), trusted on the cluster's own socket directory only. */
const SUPERUSER = 'callmine';

export interface PostgresCluster {
  /** postgres://callmine:<password>@127.0.0.1:<port>/postgres */
  readonly url: string;
  /** How long initdb + start took. */
  readonly startedInMs: number;
  /** `pg_ctl stop -m immediate`, keeping the files: PostgreSQL going away mid-run (the fault tests). */
  kill(): Promise<void>;
  /** Starts a killed server again on the same port, with the same data. */
  restart(): Promise<void>;
  /** Stops the server and deletes its files. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface PostgresClusterOptions {
  /** fsync=off: a test cluster need not survive a power cut, and is several times faster without it. */
  durable?: boolean;
}

const missingMessage =
  `PostgreSQL tests need Debian's "postgresql" package (initdb and pg_ctl in ${POSTGRES_ROOT}/<version>/bin). ` +
  'Install it as root: apt-get update && apt-get install -y postgresql. ' +
  'Or set CALLMINE_TEST_DATABASE_URL to a PostgreSQL database whose user may create databases.';

/** The newest installed PostgreSQL's bin directory, or undefined. */
function findBinDir(): string | undefined {
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(POSTGRES_ROOT, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(POSTGRES_ROOT, versions[0], 'bin') : undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The bin directory, installing Debian's package first when missing and root; throws the package's name otherwise. */
export function ensurePostgresBinaries(): string {
  const found = findBinDir();
  if (found) return found;
  if (!isRoot()) throw new Error(missingMessage);
  console.log('Installing Debian postgresql for the database tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed. ${missingMessage}`);
  }
  const installed = findBinDir();
  if (!installed) throw new Error(missingMessage);
  return installed;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Runs a PostgreSQL binary as the unprivileged `postgres` user when we are root, directly otherwise. */
function asOwner(binary: string, args: string[]): Promise<unknown> {
  return isRoot() ? run('runuser', ['-u', 'postgres', '--', binary, ...args]) : run(binary, args);
}

/** A new temp dir owned by the user PostgreSQL runs as (readable by nobody else). */
function ownedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (isRoot()) {
    const owner = postgresUser();
    chownSync(dir, owner.uid, owner.gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

/** Per PostgreSQL major version and per user (another user's could not be read). */
const pristineDir = (bin: string) =>
  join(tmpdir(), `callmine-pg-initdb-${basename(dirname(bin))}-${process.getuid?.() ?? 'u'}-v2`);

/**
 * A pristine, never started cluster of this PostgreSQL version, made once per machine: initdb is most of a cold
 * start (seconds under load), copying its result is a fraction of one. Made in a staging dir and renamed into place,
 * so a reader never sees half of one and concurrent first runs simply keep one.
 */
async function pristineCluster(bin: string): Promise<string> {
  const cache = pristineDir(bin);
  if (existsSync(join(cache, 'data', 'PG_VERSION'))) return cache;
  const staging = ownedTempDir('callmine-pg-initdb-staging-');
  try {
    // initdb wants a password for password authentication; each start replaces it, so this one is thrown away.
    const passwordFile = join(staging, 'password');
    writeFileSync(passwordFile, randomBytes(16).toString('hex'), { mode: 0o600 });
    if (isRoot()) chownSync(passwordFile, postgresUser().uid, postgresUser().gid);
    await asOwner(join(bin, 'initdb'), [
      ...['-D', join(staging, 'data'), '-U', SUPERUSER, `--pwfile=${passwordFile}`, '--no-sync'],
      ...['--auth-local=trust', '--auth-host=scram-sha-256'],
      // UTF-8 with byte-order collation and ASCII-only case folding, as SQLite, whatever the machine's locale.
      ...['-E', 'UTF8', '--no-locale'],
    ]);
    rmSync(passwordFile);
    renameSync(staging, cache);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(cache, 'data', 'PG_VERSION'))) throw error;
  }
  return cache;
}

/** A copy of the pristine cluster, started on a free port; resolves when it accepts connections. */
export async function startPostgresCluster(options: PostgresClusterOptions = {}): Promise<PostgresCluster> {
  const bin = ensurePostgresBinaries();
  const started = performance.now();
  try {
    return await launch(bin, options, started);
  } catch {
    // A damaged cached cluster (a disk filled up, a crash mid-copy): make it afresh, once.
    rmSync(pristineDir(bin), { recursive: true, force: true });
    return launch(bin, options, started);
  }
}

async function launch(
  bin: string,
  options: PostgresClusterOptions,
  started: number,
): Promise<PostgresCluster> {
  const pristine = await pristineCluster(bin);
  const base = ownedTempDir('callmine-pg-');
  const data = join(base, 'data');
  const log = join(base, 'postgres.log');
  const remove = () => rmSync(base, { recursive: true, force: true });
  try {
    // -a keeps the owner (root copies as postgres's files) and the 0700 mode PostgreSQL insists on.
    await run('cp', ['-a', join(pristine, 'data'), data]);
    const durable = options.durable ?? false;
    const port = await startServer(bin, base, data, log, durable);
    stopWhenWeDie(bin, base, data);
    const password = randomBytes(12).toString('hex');
    // Over the cluster's own socket (trusted; its directory is the owner's alone).
    const client = new pg.Client({ host: base, port, user: SUPERUSER, database: 'postgres' });
    await client.connect();
    try {
      await client.query(`alter role ${SUPERUSER} password '${password}'`);
    } finally {
      await client.end();
    }
    let stopped = false;
    const kill = async () => {
      await asOwner(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']);
    };
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      await kill().catch(() => {});
      remove();
    };
    return {
      url: `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`,
      startedInMs: Math.round(performance.now() - started),
      kill,
      restart: async () => {
        await startServer(bin, base, data, log, durable, port);
      },
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    const detail = existsSync(log) ? `\n${readFileSync(log, 'utf8').slice(-2000)}` : '';
    await asOwner(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => {});
    remove();
    throw new Error(`Could not start a test PostgreSQL: ${(error as Error).message}${detail}`);
  }
}

async function startServer(
  bin: string,
  base: string,
  data: string,
  log: string,
  durable: boolean,
  /** A restart's port (its clients reconnect there); a first start finds a free one. */
  fixedPort?: number,
) {
  // A port found free may be taken before the server binds it (other test processes): try a few.
  for (let attempt = 1; ; attempt += 1) {
    const port = fixedPort ?? (await freePort());
    const settings = [
      `-p ${port}`,
      `-k ${base}`,
      '-c listen_addresses=127.0.0.1',
      '-c max_connections=300',
      ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ];
    try {
      await asOwner(join(bin, 'pg_ctl'), [
        'start',
        '-D',
        data,
        '-l',
        log,
        '-w',
        '-t',
        '60',
        '-o',
        settings.join(' '),
      ]);
      return port;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/**
 * A test runner killed outright (SIGKILL, a closed terminal) runs no teardown; the server would live on with its
 * files. A detached shell waits for this process to end and then stops and removes the cluster (a no-op after a
 * normal stop, which removed the directory).
 */
function stopWhenWeDie(bin: string, base: string, data: string): void {
  const pgCtl = isRoot() ? `runuser -u postgres -- ${join(bin, 'pg_ctl')}` : join(bin, 'pg_ctl');
  const script =
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ` +
    `if [ -d '${data}' ]; then ${pgCtl} stop -D '${data}' -m immediate -w >/dev/null 2>&1; rm -rf '${base}'; fi`;
  spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' }).unref();
}

function postgresUser(): { uid: number; gid: number } {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0 || group.status !== 0) {
    throw new Error(
      `running as ${userInfo().username}, but there is no "postgres" user to run PostgreSQL as`,
    );
  }
  return { uid: Number(result.stdout.trim()), gid: Number(group.stdout.trim()) };
}
