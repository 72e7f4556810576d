// The monthly call quota, per workspace, for operators:
//   quota list | show <workspace> | set <workspace> <calls> | reset <workspace>
// <workspace> is its id, its slug or its name (exact, else ignoring case; refused when two workspaces share it).
// Ids and slugs are generated, so `list` prints them, and Settings → Usage shows the id. `set` overrides
// CALLMINE_MONTHLY_CALL_QUOTA for that workspace (from now on, this month included); `reset` returns it to the
// default. Charged calls are never changed here.
// Run: npm run quota -- <command>. Exit 0 = done, 1 = refused (unknown or ambiguous workspace), 2 = usage.
import { ConfigError, loadConfig, monthlyCallQuota } from '@callmine/config';
import {
  allowanceOverride,
  clearAllowanceOverride,
  type Db,
  findWorkspace,
  monthUsed,
  openDatabaseFromConfig,
  quotaMonth,
  setAllowanceOverride,
  type WorkspaceRef,
  workspaceQuotas,
} from '@callmine/db';

const USAGE =
  'Usage: quota <list | show <workspace> | set <workspace> <calls> | reset <workspace>>  (workspace: id, slug or name)';
const say = (line: string) => process.stdout.write(`${line}\n`);
const n = (value: number) => value.toLocaleString('en-US');
const allowanceSchema = monthlyCallQuota('The allowance');

async function show(db: Db, workspace: WorkspaceRef, defaultAllowance: number) {
  const month = quotaMonth(new Date());
  const override = await allowanceOverride(db, workspace.id);
  const allowance = override ?? defaultAllowance;
  const used = await monthUsed(db, workspace.id, month);
  say(`Workspace ${workspace.name} (slug ${workspace.slug}, id ${workspace.id})`);
  say(
    `Allowance: ${n(allowance)} calls/month (${override === undefined ? 'default CALLMINE_MONTHLY_CALL_QUOTA' : 'set for this workspace'})`,
  );
  say(`Used in ${month} (UTC): ${n(used)}; remaining: ${n(Math.max(0, allowance - used))}`);
}

/** Every workspace as an aligned table, so an operator can copy the id or slug the other commands take. */
async function list(db: Db, defaultAllowance: number) {
  const month = quotaMonth(new Date());
  const rows = await workspaceQuotas(db, month);
  if (rows.length === 0) {
    say('No workspaces yet.');
    return;
  }
  const table = [
    ['ID', 'SLUG', 'NAME', 'ALLOWANCE', `USED ${month}`],
    ...rows.map((w) => [
      w.id,
      w.slug,
      w.name,
      w.override === undefined ? `${n(defaultAllowance)} (default)` : n(w.override),
      n(w.used),
    ]),
  ];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((row) => row[i]?.length ?? 0))) ?? [];
  for (const row of table)
    say(
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

async function main(argv: string[]): Promise<number> {
  const [command, typed, value] = argv;
  if (command !== 'list' && (!command || !typed || !['show', 'set', 'reset'].includes(command))) return 2;
  let calls: number | undefined;
  if (command === 'set') {
    const parsed = allowanceSchema.safeParse(value ?? '');
    if (!parsed.success) {
      process.stderr.write(`${parsed.error.issues[0]?.message}.\n`);
      return 2;
    }
    calls = parsed.data;
  }
  const config = loadConfig(process.env);
  // The deployment's database: PostgreSQL when CALLMINE_DATABASE_URL is set, the SQLite file otherwise.
  const opened = await openDatabaseFromConfig(config);
  try {
    if (command === 'list') {
      await list(opened.db, config.monthlyCallQuota);
      return 0;
    }
    const lookup = await findWorkspace(opened.db, typed ?? '');
    if (lookup.ambiguous) {
      process.stderr.write(
        `${lookup.ambiguous.length} workspaces are named "${typed}"; use the id or slug of one:\n${lookup.ambiguous
          .map((w) => `  ${w.id}  ${w.slug}  ${w.name}`)
          .join('\n')}\n`,
      );
      return 1;
    }
    const workspace = lookup.found;
    if (!workspace) {
      process.stderr.write(
        `No workspace has the id, slug or name "${typed}". \`npm run quota -- list\` shows them all.\n`,
      );
      return 1;
    }
    if (calls !== undefined) {
      await setAllowanceOverride(opened.db, workspace.id, calls, new Date());
      say(`Set the monthly allowance of ${workspace.name} to ${n(calls)} calls.`);
    } else if (command === 'reset') {
      const removed = await clearAllowanceOverride(opened.db, workspace.id);
      say(
        removed
          ? `Removed the allowance set for ${workspace.name}; it has the default again.`
          : `${workspace.name} already had the default allowance.`,
      );
    }
    await show(opened.db, workspace, config.monthlyCallQuota);
    return 0;
  } finally {
    await opened.close();
  }
}

try {
  const code = await main(process.argv.slice(2));
  if (code === 2) process.stderr.write(`${USAGE}\n`);
  process.exitCode = code;
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : `quota failed: ${String(error)}`}\n`,
  );
  process.exitCode = 1;
}
