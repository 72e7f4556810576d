// The monthly call quota, per workspace, for operators:
//   quota show <workspace> | set <workspace> <calls> | reset <workspace>
// <workspace> is its id or its slug. `set` overrides CALLMINE_MONTHLY_CALL_QUOTA for that workspace (from now on,
// this month included); `reset` returns it to the default. Charged calls are never changed here.
// Run: npm run quota -- <command>. Exit 0 = done, 1 = refused (unknown workspace), 2 = usage.
import { ConfigError, loadConfig } from '@callmine/config';
import {
  allowanceOverride,
  clearAllowanceOverride,
  type Db,
  monthUsed,
  openDatabase,
  quotaMonth,
  setAllowanceOverride,
  workspaceByIdOrSlug,
} from '@callmine/db';

const USAGE =
  'Usage: quota <show <workspace> | set <workspace> <calls> | reset <workspace>>  (workspace: id or slug)';
const say = (line: string) => process.stdout.write(`${line}\n`);
const n = (value: number) => value.toLocaleString('en-US');

function show(db: Db, workspace: { id: string; name: string; slug: string }, defaultAllowance: number) {
  const month = quotaMonth(new Date());
  const override = allowanceOverride(db, workspace.id);
  const allowance = override ?? defaultAllowance;
  const used = monthUsed(db, workspace.id, month);
  say(`Workspace ${workspace.name} (${workspace.slug}, ${workspace.id})`);
  say(
    `Allowance: ${n(allowance)} calls/month (${override === undefined ? 'default CALLMINE_MONTHLY_CALL_QUOTA' : 'set for this workspace'})`,
  );
  say(`Used in ${month} (UTC): ${n(used)}; remaining: ${n(Math.max(0, allowance - used))}`);
}

function main(argv: string[]): number {
  const [command, idOrSlug, value] = argv;
  if (!command || !idOrSlug || !['show', 'set', 'reset'].includes(command)) return 2;
  let calls: number | undefined;
  if (command === 'set') {
    if (!value || !/^\d{1,8}$/.test(value)) {
      process.stderr.write('The allowance must be a whole number of calls from 0 to 99999999.\n');
      return 2;
    }
    calls = Number(value);
  }
  const config = loadConfig(process.env);
  const opened = openDatabase(config.databasePath);
  try {
    const workspace = workspaceByIdOrSlug(opened.db, idOrSlug);
    if (!workspace) {
      process.stderr.write(`No workspace has the id or slug "${idOrSlug}".\n`);
      return 1;
    }
    if (calls !== undefined) {
      setAllowanceOverride(opened.db, workspace.id, calls, new Date());
      say(`Set the monthly allowance of ${workspace.slug} to ${n(calls)} calls.`);
    } else if (command === 'reset') {
      const removed = clearAllowanceOverride(opened.db, workspace.id);
      say(
        removed
          ? `Removed the allowance set for ${workspace.slug}; it has the default again.`
          : `${workspace.slug} already had the default allowance.`,
      );
    }
    show(opened.db, workspace, config.monthlyCallQuota);
    return 0;
  } finally {
    opened.close();
  }
}

try {
  const code = main(process.argv.slice(2));
  if (code === 2) process.stderr.write(`${USAGE}\n`);
  process.exitCode = code;
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `quota failed: ${String(error)}`}\n`,
  );
  process.exitCode = 1;
}
