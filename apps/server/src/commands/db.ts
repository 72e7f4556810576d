// Database maintenance for operators:
//   db copy --to postgres://user:password@host:port/database
// copies this install's SQLite file (CALLMINE_DATA_DIR's callmine.db, as `npm start` uses) into an EMPTY PostgreSQL
// database: the target is migrated first, then every table is copied in one transaction and its count verified;
// jobs still queued or running are handed to pg-boss in that transaction.
// Stop the server and the worker first. The URL's password is never printed.
// Run: npm run db -- copy --to <url>. Exit 0 = copied, 1 = refused or failed (nothing written), 2 = usage.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '@callmine/config';
import {
  copySqliteToPostgres,
  describeTarget,
  openPostgresDatabase,
  openQueue,
  openSqliteDatabase,
  type PostgresDatabase,
  type Queues,
} from '@callmine/db';

const USAGE = 'Usage: db copy --to postgres://user:password@host:port/database';
const say = (line: string) => process.stdout.write(`${line}\n`);

/** `message` without the URL or its password, whatever quoted them. */
function scrubbed(message: string, url: string): string {
  let out = message.replaceAll(url, describeTarget(url));
  try {
    const password = decodeURIComponent(new URL(url).password);
    if (password) out = out.replaceAll(password, '***');
  } catch {
    // An unparseable URL has no password to hide beyond the URL itself.
  }
  return out;
}

function targetOf(argv: string[]): string | undefined {
  const [command, flag, value] = argv;
  if (command !== 'copy') return undefined;
  const inline = flag?.startsWith('--to=') ? flag.slice('--to='.length) : undefined;
  const url = inline ?? (flag === '--to' ? value : undefined);
  return url && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

async function copy(url: string): Promise<number> {
  const config = loadConfig(process.env);
  if (!existsSync(config.databasePath)) {
    process.stderr.write(
      `No SQLite database at ${config.databasePath}: nothing to copy (check CALLMINE_DATA_DIR).\n`,
    );
    return 1;
  }
  const where = describeTarget(url);
  const source = openSqliteDatabase(config.databasePath);
  let target: PostgresDatabase | undefined;
  let queues: Queues | undefined;
  try {
    say(`Copying ${config.databasePath} into PostgreSQL at ${where}…`);
    target = await openPostgresDatabase(url);
    // Unfinished jobs move into pg-boss, the queue Callmine uses on PostgreSQL (no maintenance from this command).
    queues = await openQueue(target, { supervise: false });
    const copied = await copySqliteToPostgres(source, target, {
      queue: queues,
      onTable: ({ table, rows }) => say(`  ${table.padEnd(32)} ${rows.toLocaleString('en-US')} rows`),
    });
    const total = copied.reduce((sum, table) => sum + table.rows, 0);
    say(`Copied ${copied.length} tables, ${total.toLocaleString('en-US')} rows; every count verified.`);
    say('Set CALLMINE_DATABASE_URL to this database (same key ring) and start Callmine.');
    return 0;
  } catch (error) {
    // The connect error names the server's variable; here the URL came from --to.
    const message = (error instanceof Error ? error.message : String(error)).replace(
      /^CALLMINE_DATABASE_URL: /,
      '',
    );
    process.stderr.write(`Copy to ${where} failed: ${scrubbed(message, url)}\n`);
    return 1;
  } finally {
    await queues?.stop();
    await target?.close();
    await source.close();
  }
}

try {
  const url = targetOf(process.argv.slice(2));
  if (url === undefined) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.exitCode = await copy(url);
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : 'db failed'}\n`);
  process.exitCode = 1;
}
