// `npm start` runs the scheduler in the worker: the owner schedules a saved analysis, runs it now, and sees the
// occurrence on the schedule and its run finish on the Runs page.
import type { GongSandbox } from '@callmine/gong-sandbox';
import { expect, test } from '@playwright/test';
import { ownerWithGongConnected } from './support/first-steps.ts';
import { startSandboxedCallmine, stopSandboxedCallmine } from './support/sandboxed-callmine.ts';
import type { RunningCallmine } from './support/start-callmine.ts';

let sandbox: GongSandbox;
let callmine: RunningCallmine;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  ({ sandbox, callmine } = await startSandboxedCallmine({ callsPerTenant: 50 }));
});

test.afterAll(() => stopSandboxedCallmine({ sandbox, callmine }));

test('the owner creates a weekly schedule, runs it now and sees the run on the Runs page', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await ownerWithGongConnected(page, { sandbox, callmine });

  // The saved-analysis editor is another page's job; save one through the API with the owner's session.
  const saved = await page.request.post(`${callmine.url}/trpc/analyses.create`, {
    headers: { origin: callmine.url, 'content-type': 'application/json' },
    data: {
      name: 'Weekly competitor watch',
      window: { kind: 'relative', lastDays: '7' },
      filters: {},
      settings: { analysers: ['talk'] },
    },
  });
  expect(saved.ok()).toBe(true);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click();
  await page.getByRole('button', { name: 'New schedule' }).click();
  const form = page.getByRole('form', { name: 'New schedule' });
  await form.getByLabel('Analysis').selectOption({ label: 'Weekly competitor watch' });
  await form.getByLabel('Day of the week').selectOption({ label: 'Monday' });
  await form.getByLabel('At (24-hour time)').fill('08:30');
  await form.getByLabel('Time zone').fill('Europe/Berlin');
  await form.getByRole('button', { name: 'Create schedule' }).click();

  const schedule = page.getByRole('listitem', {
    name: 'Weekly competitor watch: Every Monday at 08:30 (Europe/Berlin)',
  });
  await expect(schedule.getByText(/^Mon, .* 08:30 .*\(Europe\/Berlin\)$/)).toBeVisible();
  await expect(schedule.getByText('Not run yet')).toBeVisible();

  await schedule.getByRole('button', { name: 'Run now' }).click();
  // The worker picks the run up; the schedule's last result follows the run.
  await expect(schedule.getByText('Done')).toBeVisible({ timeout: 60_000 });
  await schedule.getByRole('button', { name: 'History' }).click();
  await expect(schedule.getByRole('list', { name: 'Occurrences' }).getByText(/Run now at/)).toBeVisible();

  await schedule.getByRole('link', { name: 'View its run' }).click();
  const run = page.getByRole('listitem', {
    name: /^Weekly competitor watch · \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/,
  });
  await expect(run).toHaveCount(1);
  await expect(run).toHaveAttribute('aria-current', 'true');
  await expect(run.getByText(/Run now on its schedule by/)).toBeVisible();
  await expect(run.getByText('Done')).toBeVisible();
});
