// A developer's script: list the workspace's reports, then (optionally) run a saved analysis and pull its report,
// printed as JSON lines a warehouse loader can read.
//   CALLMINE_URL=http://localhost:3000 CALLMINE_TOKEN=cm_… [CALLMINE_ANALYSIS="Competitor watch"] \
//     npx tsx packages/client/examples/list-reports-and-run.ts
// CALLMINE_WAIT_SECONDS (default 600) bounds the wait for the run.
import {
  type CallmineClient,
  type CallmineOutputs,
  CallmineSetupError,
  callmineError,
  createCallmineClient,
} from '../src/index.ts';

const url = process.env.CALLMINE_URL;
const token = process.env.CALLMINE_TOKEN;
const analysisName = process.env.CALLMINE_ANALYSIS;
const waitSeconds = Number(process.env.CALLMINE_WAIT_SECONDS ?? 600);
/** One JSON line on stderr: what is wrong and which setting to check. Never the token. */
function fail(message: string, check: string | undefined, exitCode: number): never {
  console.error(JSON.stringify(check ? { message, check } : { message }));
  process.exit(exitCode);
}

if (!url || !token) {
  fail(
    'Set CALLMINE_URL (Callmine’s address, e.g. http://127.0.0.1:3000) and CALLMINE_TOKEN (an API token from Settings → API tokens).',
    !url ? 'CALLMINE_URL' : 'CALLMINE_TOKEN',
    2,
  );
}
const settingFor = { url: 'CALLMINE_URL', token: 'CALLMINE_TOKEN' } as const;

const print = (line: unknown) => console.log(JSON.stringify(line));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the run until it finishes; a run is moved by Callmine's worker, so this only waits. */
async function waitForRun(callmine: CallmineClient, runId: string) {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const run = await callmine.runs.get.query({ id: runId });
    if (run.status === 'done' || run.status === 'failed' || run.status === 'canceled') return run;
    if (Date.now() > deadline) throw new Error(`The run is still ${run.status} after ${waitSeconds} s.`);
    await sleep(1000);
  }
}

/** The report's headline numbers: what a warehouse table would hold per report and tracker. */
function headline(report: CallmineOutputs['reports']['get']) {
  return {
    id: report.id,
    name: report.name,
    from: report.from,
    to: report.to,
    callsAnalyzed: report.callsAnalyzed,
    partial: report.partial !== null,
    trackers: (report.result.trackers ?? []).map((t) => ({
      name: t.name,
      mentions: t.mentions,
      shareOfCalls: t.shareOfCalls,
    })),
    questions: report.result.questions?.total ?? null,
  };
}

let callmine: CallmineClient;
try {
  callmine = createCallmineClient({ url, token });
} catch (error) {
  if (error instanceof CallmineSetupError) fail(error.message, settingFor[error.option], 2);
  throw error;
}

try {
  const [workspace, reports] = await Promise.all([
    callmine.workspace.get.query(),
    callmine.reports.list.query({ search: '' }),
  ]);
  print({ workspace: workspace.name });
  print({
    reports: reports.map((r) => ({ id: r.id, name: r.name, from: r.from, to: r.to, calls: r.callsAnalyzed })),
  });

  if (analysisName) {
    const analyses = await callmine.analyses.list.query();
    const analysis = analyses.find((a) => a.name === analysisName);
    if (!analysis) {
      console.error(JSON.stringify({ message: `No saved analysis is named “${analysisName}”.` }));
      process.exit(1);
    }
    const started = await callmine.analyses.run.mutate({ id: analysis.id });
    print({
      run: started.id,
      status: started.status,
      from: started.selection.from,
      to: started.selection.to,
    });
    const finished = await waitForRun(callmine, started.id);
    if (finished.status !== 'done' || !finished.reportId) {
      console.error(JSON.stringify({ run: finished.id, status: finished.status, error: finished.error }));
      process.exit(1);
    }
    print({ report: headline(await callmine.reports.get.query({ id: finished.reportId })) });
  }
} catch (error) {
  const known = callmineError(error);
  // Never print the token: only what the server said, or what to check when no answer came.
  if (known && !known.code) fail(known.message, 'CALLMINE_URL', 1);
  console.error(
    JSON.stringify(known ?? { message: error instanceof Error ? error.message : 'Something went wrong.' }),
  );
  process.exit(1);
}
