/// <reference lib="dom" />
// Where the report page's time goes (a diagnostic, not the benchmark): for the 1,000-call report, one timeline per
// round from navigation start — each request's start and end, the long tasks, the first Trackers table, the filter
// click and its answer — and the JS CPU profile's self time by script and by function.
//   npx -y pnpm@12.4.2 --filter @callmine/web build
//   npx -y pnpm@12.4.2 exec tsx bench/report-page/profile.ts [--rounds 3] [--calls 1000] [--no-profiler]
// --no-profiler leaves the CPU profiler off (it slows the page down): the timeline alone, closer to run.ts's.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { SEED_TRACKERS, seedReport, startSandboxedServer } from '@callmine/server/testing';
import { chromium } from '@playwright/test';

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, calls: { type: 'string' }, 'no-profiler': { type: 'boolean' } },
});
const PROFILE = !values['no-profiler'];
const ROUNDS = Number(values.rounds ?? 3);
const CALLS = Number(values.calls ?? 1000);

const env = await startSandboxedServer({ CALLMINE_LOG_LEVEL: 'warn' }, { callsPerTenant: CALLS });
const settings = { trackers: SEED_TRACKERS, evidenceLimit: 50, topN: 50 };
const report = await seedReport(env.server, env.sandbox, { name: 'Big', calls: CALLS, settings });
const cookies = [...env.adminFetch.cookies].map(([name, value]) => ({ name, value, url: env.server.url }));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function selfTimes(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byScript = new Map<string, number>();
  const byFunction = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = byId.get(id)!.callFrame;
    const script = frame.url ? frame.url.replace(/^.*\//, '') : `(${frame.functionName || 'native'})`;
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
    const fn = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber}:${frame.columnNumber}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  });
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${name}`)
      .join('\n');
  return `self time by script:\n${top(byScript, 12)}\nself time by function:\n${top(byFunction, 25)}`;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (let round = 0; round <= ROUNDS; round++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.addInitScript(() => {
      // When the renderer first runs the document's JS: the time before it is the renderer starting up.
      performance.mark('init script');
      const w = window as unknown as { longTasks: Array<[number, number]> };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          w.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
      }).observe({ type: 'longtask', buffered: true });
      const observer = new MutationObserver(() => {
        if (performance.getEntriesByName('table').length === 0) {
          for (const caption of document.querySelectorAll('caption'))
            if (caption.textContent === 'Trackers with their phrases') performance.mark('table');
        }
        if (performance.getEntriesByName('rep table').length === 0) {
          for (const caption of document.querySelectorAll('caption'))
            if (caption.textContent?.startsWith('Each rep against the team')) performance.mark('rep table');
        }
        if (document.querySelector('svg') && performance.getEntriesByName('first svg').length === 0)
          performance.mark('first svg');
        const hint = document.querySelector('form[aria-label="Filters"] p.hint');
        if (
          hint?.textContent?.endsWith('calls match.') &&
          performance.getEntriesByName('match shown').length === 0
        )
          performance.mark('match shown');
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
      document.addEventListener('click', () => performance.mark('click event'), { capture: true });
      const push = history.replaceState.bind(history);
      history.replaceState = (...args: Parameters<History['replaceState']>) => {
        performance.mark('url replaced');
        push(...args);
      };
    });
    const cdp = await context.newCDPSession(page);
    if (PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const started = Date.now();
    await page.goto(`${env.server.url}/reports/${report.id}`);
    await page.getByRole('table', { name: 'Trackers with their phrases' }).waitFor();
    const table = Date.now() - started;
    // The CPU profile covers the load until the first table: what the first draw waits for.
    const profile = PROFILE
      ? ((await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }).profile
      : null;
    const firstRep = page
      .getByRole('table', { name: /^Each rep against the team/ })
      .getByRole('rowheader')
      .first()
      .getByRole('button');
    await firstRep.waitFor();
    await page.evaluate(() => performance.mark('before click'));
    const clicked = Date.now();
    await firstRep.click();
    await page.getByText(new RegExp(`^\\d+ of ${CALLS.toLocaleString('en-US')} calls match\\.$`)).waitFor();
    const filtered = Date.now() - clicked;
    await page.evaluate(() => performance.mark('answered'));
    const dom = await page.evaluate(() => ({
      elements: document.querySelectorAll('*').length,
      sections: [...document.querySelectorAll('article > *, .charts > *')].map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.className ? `.${e.className}` : ''} ${e.querySelectorAll('*').length}`,
      ),
    }));
    const timeline = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const rows: Array<[number, string]> = [
        [nav.responseEnd, 'document received'],
        [nav.domInteractive, 'document parsed'],
        [nav.domContentLoadedEventEnd, 'DOMContentLoaded done'],
        [nav.loadEventEnd, 'load done'],
      ];
      for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
        const name = r.name.replace(/^https?:\/\/[^/]+/, '').slice(0, 90);
        rows.push([r.startTime, `→ ${name}`]);
        // Queued: from the request's start until it is sent (a free connection, a TCP connect); waited: the server.
        rows.push([
          r.responseEnd,
          `← ${name} (${r.encodedBodySize} B, queued ${Math.round(r.requestStart - r.startTime)} ms, waited ${Math.round(r.responseStart - r.requestStart)} ms)`,
        ]);
      }
      for (const m of performance.getEntriesByType('mark')) rows.push([m.startTime, `mark: ${m.name}`]);
      for (const [start, duration] of (window as unknown as { longTasks: Array<[number, number]> }).longTasks)
        rows.push([start, `long task ${duration} ms (to ${start + duration})`]);
      return rows
        .sort((a, b) => a[0] - b[0])
        .map(([t, what]) => `${String(Math.round(t)).padStart(6)} ms  ${what}`);
    });
    await context.close();
    if (round === 0) continue; // warm-up, as in run.ts
    console.log(
      `\n=== round ${round}: first table ${table} ms, filter answered ${filtered} ms (wall, from goto)`,
    );
    console.log(`DOM: ${dom.elements} elements; ${dom.sections.join(', ')}`);
    console.log(timeline.join('\n'));
    if (profile) console.log(selfTimes(profile));
  }
  console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);
} finally {
  await browser.close();
  await env.close();
}
