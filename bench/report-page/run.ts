// Report page benchmark: how soon a 1,000-call report's page is interactive in headless Chromium, against the same
// page on a 100-call report measured in the same run (the baseline). Interactive means: the first table is drawn
// (the Trackers table) and a filter click is answered (a real Playwright click on a rep in "Each rep against the
// team", until the "N of M calls match." line shows that rep's count). Reports are computed by the real engine over
// the Gong sandbox's calls and served by a real server (the built SPA: build apps/web first).
//   npx -y pnpm@12.4.2 --filter @callmine/web build
//   npx -y pnpm@12.4.2 exec tsx bench/report-page/run.ts [--rounds 5] [--polled] [--compare <other dist>]...
// Goal: the 1,000-call page interactive in under 1 s: first table (from navigation start) + the click's answer (from
// its click event), both marked in the page: a MutationObserver installed before the page's scripts marks the
// animation frame after the DOM shows each (performance.now()). Before 2026-12-01 the figures were Playwright's
// locator waits, which poll (0, 20, 70, 170, 270 ms, then every 500 ms, each a whole-DOM query on the page's main
// thread) and added up to 500 ms; --polled measures that way too, side by side. --compare serves another build
// (say, main's dist copied aside) from a server of its own, in rounds interleaved with this build's.
//
// Where the time goes (profile.ts, 1,000 calls, load 9-13, 2026-12-01): the renderer starts running the page's JS
// 100-700 ms after navigation; nine script files and two API requests share six connections, all in by ~550-1,800 ms;
// then the main thread (react-dom creating 1,545 elements, layout) until the first table. The machine's CPU is the
// bound: the same build's first table moves by ±300 ms between runs.
// Cut (interleaved against main's dist, rounds in rotating order):
//   - the first draw loaded ICU data: the header's toLocaleString (40-190 ms at load 8, measured alone) and the rep
//     filter's localeCompare (10-75 ms): now UTC text and compare-text.ts;
//   - the click's count: read from the trends on screen (matching-count.ts) instead of the server's answer, and
//     drawn from the click instead of react-router's transition (held back for frames under load).
//   Final (interactive = first table + click; this build vs main, same run): load 9.3, 8 rounds: 921 + 112 = 977 vs
//   1,047 + 179 = 1,311 ms; load 11.9, 7 rounds: 1,190 + 158 = 1,359 vs 1,556 + 271 = 1,773 ms; load 7.9, 8 rounds:
//   1,344 + 87 = 1,459 vs 1,315 + 214 = 1,521 ms. The click's cut holds in every run; the first table's is within
//   this machine's noise. The goal is met at load 9.3 in one run, not in the others; none ran at load 3.
//   Tried and dropped: the first page's code in three chunks instead of nine files (codeSplitting groups), rotating
//   rounds at load 10.3: interactive 1,789 vs 1,780 ms (first table 1,465 vs 1,684), no clear gain; Intl warmed up by
//   the entry while the network is busy (the main thread is not idle then; no gain seen, measured before the rotation
//   below); <link rel=preload as=fetch> (a Link header) for the session and the report: requests left ~200 ms sooner
//   but the page was slower in sequential runs (1,912 / 2,288 vs 1,692 / 1,798 ms, load 10-13).
//   Before 2026-12-01 a page measured right after the 100-call one on the same server was ~150 ms slower than the
//   same build elsewhere; the order of a round's pages now rotates.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { SEED_TRACKERS, seedReport, startSandboxedServer } from '@callmine/server/testing';
import { type Browser, chromium, type Page } from '@playwright/test';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    polled: { type: 'boolean' },
    compare: { type: 'string', multiple: true },
  },
});
const ROUNDS = Number(values.rounds ?? 5);
/** Also waits with Playwright's locators (the method before 2026-12-01), and prints their figures beside. */
const POLLED = values.polled === true;

const env = await startSandboxedServer({ CALLMINE_LOG_LEVEL: 'warn' }, { callsPerTenant: 1000 });
const settings = { trackers: SEED_TRACKERS, evidenceLimit: 50, topN: 50 };
const big = await seedReport(env.server, env.sandbox, { name: 'Big', calls: 1000, settings });
const small = await seedReport(env.server, env.sandbox, { name: 'Small', calls: 100, settings });
const cookies = [...env.adminFetch.cookies].map(([name, value]) => ({ name, value, url: env.server.url }));
/**
 * --compare <dir> (repeatable): another build of the SPA (say, main's, copied aside) served by a server of its own
 * with the same 1,000-call report, measured in rounds interleaved with this build's, so both see the same load.
 */
const others = await Promise.all(
  (values.compare ?? []).map(async (dir) => {
    const otherEnv = await startSandboxedServer(
      { CALLMINE_LOG_LEVEL: 'warn' },
      { callsPerTenant: 1000 },
      { webDistDir: dir },
    );
    const report = await seedReport(otherEnv.server, otherEnv.sandbox, {
      name: 'Big',
      calls: 1000,
      settings,
    });
    const url = otherEnv.server.url;
    const otherCookies = [...otherEnv.adminFetch.cookies].map(([name, value]) => ({ name, value, url }));
    return { dir, env: otherEnv, report, target: { url, cookies: otherCookies }, rounds: [] as Timing[] };
  }),
);
const here = { url: env.server.url, cookies };

interface Timing {
  /** Playwright's view (wall clock, its locators' polling): the table seen, and the click until the answer seen. */
  table: number;
  filtered: number;
  /** The page's own view (performance.now() from navigation start, marked by a MutationObserver in the page). */
  exactTable: number;
  exactFiltered: number;
  getBytes: number;
}

/**
 * Installed in the page before its scripts: marks the frame in which the first Trackers table, and then the filter's
 * answer, are drawn (the first animation frame after the DOM shows them: the frame that paints them), and the click
 * event as the page receives it.
 */
function markInPage(calls: string) {
  const answer = new RegExp(`^\\d+ of ${calls} calls match\\.$`);
  const markOnNextFrame = (name: string) => {
    performance.mark(`${name} in DOM`);
    requestAnimationFrame(() => performance.mark(name));
  };
  let clicked = false;
  new MutationObserver(() => {
    if (performance.getEntriesByName('table in DOM').length === 0) {
      for (const caption of document.querySelectorAll('caption'))
        if (caption.textContent === 'Trackers with their phrases') markOnNextFrame('table');
    }
    const hint = document.querySelector('form[aria-label="Filters"] p.hint');
    if (
      clicked &&
      answer.test(hint?.textContent ?? '') &&
      performance.getEntriesByName('answer in DOM').length === 0
    )
      markOnNextFrame('answer');
  }).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener(
    'click',
    () => {
      if (!clicked) performance.mark('click');
      clicked = true;
    },
    { capture: true },
  );
}

/** Waits for the page's own mark (a cheap check every 10 ms: Playwright's locators would query the whole DOM). */
async function waitForMark(page: Page, name: string) {
  const found = await page.evaluate(async (mark) => {
    for (let i = 0; i < 1000; i++) {
      if (performance.getEntriesByName(mark).length > 0) return true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return false;
  }, name);
  if (!found) throw new Error(`the page never marked "${name}"`);
}

async function measure(
  browser: Browser,
  reportId: string,
  calls: number,
  target: { url: string; cookies: typeof cookies } = here,
): Promise<Timing> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addCookies(target.cookies);
  const page = await context.newPage();
  // tsx names the page code's functions with a helper the page lacks.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.addInitScript(markInPage, calls.toLocaleString('en-US'));
  // The first load's reports.get (the filter click asks for its own, not counted), whether batched or alone.
  let getBytes = 0;
  let loaded = false;
  page.on('response', async (response) => {
    if (!loaded && /\/trpc\/([^?]*,)?reports\.get[,?]/.test(response.url()))
      getBytes += (await response.body()).byteLength;
  });
  const started = Date.now();
  await page.goto(`${target.url}/reports/${reportId}`);
  let table = 0;
  if (POLLED) {
    await page.getByRole('table', { name: 'Trackers with their phrases' }).waitFor();
    table = Date.now() - started;
  } else await waitForMark(page, 'table');
  loaded = true;
  const repTable = page.getByRole('table', { name: /^Each rep against the team/ });
  const firstRep = repTable.getByRole('rowheader').first().getByRole('button');
  const clicked = Date.now();
  await firstRep.click();
  let filtered = 0;
  if (POLLED) {
    await page.getByText(new RegExp(`^\\d+ of ${calls.toLocaleString('en-US')} calls match\\.$`)).waitFor();
    filtered = Date.now() - clicked;
  }
  await waitForMark(page, 'answer');
  const marks = await page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
    return { table: at('table'), click: at('click'), answer: at('answer') };
  });
  await context.close();
  if (marks.table === undefined || marks.click === undefined || marks.answer === undefined)
    throw new Error(`the page's marks are missing: ${JSON.stringify(marks)}`);
  return {
    table,
    filtered,
    exactTable: Math.round(marks.table),
    exactFiltered: Math.round(marks.answer - marks.click),
    getBytes,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  // One untimed load of each warms the server's and Chromium's caches the same way for both.
  await measure(browser, small.id, 100);
  await measure(browser, big.id, 1000);
  for (const other of others) await measure(browser, other.report.id, 1000, other.target);
  const results = { small: [] as Timing[], big: [] as Timing[] };
  // Each round measures every page once, in an order that rotates from round to round: a page measured at a fixed
  // place (say, right after the 100-call page on the same server) was ~150 ms slower than the same build elsewhere.
  const pages = [
    async () => results.small.push(await measure(browser, small.id, 100)),
    async () => results.big.push(await measure(browser, big.id, 1000)),
    ...others.map(
      (other) => async () => other.rounds.push(await measure(browser, other.report.id, 1000, other.target)),
    ),
  ];
  for (let i = 0; i < ROUNDS; i++) {
    for (let j = 0; j < pages.length; j++) await pages[(i + j) % pages.length]!();
  }
  const summary = (rows: Timing[]) => ({
    table: median(rows.map((r) => r.table)),
    filtered: median(rows.map((r) => r.filtered)),
    interactive: median(rows.map((r) => r.table + r.filtered)),
    exactTable: median(rows.map((r) => r.exactTable)),
    exactFiltered: median(rows.map((r) => r.exactFiltered)),
    exact: median(rows.map((r) => r.exactTable + r.exactFiltered)),
    getBytes: median(rows.map((r) => r.getBytes)),
  });
  const s = summary(results.small);
  const b = summary(results.big);
  // The machine is shared: the load average says how far these wall times are from an idle machine's.
  console.log(
    `rounds ${ROUNDS} (median), Chromium at 1280×900; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`,
  );
  const line = (label: string, t: ReturnType<typeof summary>) =>
    `${label} in the page: first table ${t.exactTable} ms, filter answered ${t.exactFiltered} ms after its click, ` +
    `interactive ${t.exact} ms; ${POLLED ? `as Playwright polls: ${t.table} + ${t.filtered} = ${t.interactive} ms; ` : ''}reports.get ${t.getBytes} B`;
  console.log(line('100-call report (baseline):', s));
  console.log(line('1,000-call report:         ', b));
  for (const other of others) console.log(line(`1,000 calls, ${other.dir}:`, summary(other.rounds)));
  console.log(
    `ratio 1,000 ÷ 100 calls: interactive ${(b.exact / s.exact).toFixed(2)}${POLLED ? ` (polled ${(b.interactive / s.interactive).toFixed(2)})` : ''}, reports.get bytes ${(b.getBytes / s.getBytes).toFixed(2)}`,
  );
  console.log(
    `goal: 1,000-call page interactive < 1000 ms (in the page): ${b.exact < 1000 ? 'met' : 'NOT met'}`,
  );
} finally {
  await browser.close();
  await env.close();
  for (const other of others) await other.env.close();
}
