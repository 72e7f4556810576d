import { z } from 'zod';

// Schedules: a saved analysis run on a cadence (daily, weekly, monthly at a wall-clock time in an IANA zone, or a
// cron expression). The editor form and schedules.create/update parse the same string-only schema; the stored
// and returned cadence is the structured `scheduleCadence`. Slot arithmetic lives in @callmine/schedule.

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export const weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekday>;

/** True for names Intl knows (IANA zones and their aliases, plus UTC). Node ships full ICU, so does every browser. */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneField = z
  .string({ error: 'Choose a time zone.' })
  .trim()
  .min(1, 'Choose a time zone.')
  .max(64, 'Choose a time zone from the list, like Europe/Berlin.')
  .refine(isTimeZone, 'Choose a time zone from the list, like Europe/Berlin.');

/** Wall-clock time, 24-hour "HH:MM". */
export const timeOfDay = z
  .string({ error: 'Enter a time like 09:00.' })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:00 (24-hour clock).');

/** Five fields (minute hour day-of-month month day-of-week); @callmine/schedule checks it parses and its spacing. */
export const cronExpression = z
  .string({ error: 'Enter a cron expression.' })
  .trim()
  .min(1, 'Enter a cron expression, like 0 9 * * 1-5.')
  .max(120, 'That cron expression is too long.')
  .regex(
    /^[^\s]+(\s+[^\s]+){4}$/,
    'Use five fields: minute hour day-of-month month day-of-week, like 0 9 * * 1-5.',
  );

export const scheduleCadence = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily'), time: timeOfDay }),
  z.object({ kind: z.literal('weekly'), weekday, time: timeOfDay }),
  /** Day 29–31 in a shorter month means that month's last day (Feb 28, or 29 in a leap year). */
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31), time: timeOfDay }),
  z.object({ kind: z.literal('cron'), expression: cronExpression }),
]);
export type ScheduleCadence = z.infer<typeof scheduleCadence>;

export const cadenceKind = z.enum(['daily', 'weekly', 'monthly', 'cron']);
export type CadenceKind = z.infer<typeof cadenceKind>;

/**
 * The days a schedule's run covers: the analysis's own window resolved at the slot ("last 30 days" → the 30 days
 * ending that day), or the time since the previous slot (a weekly schedule → the 7 days before it).
 */
export const scheduleWindowMode = z.enum(['analysis', 'since-previous']);
export type ScheduleWindowMode = z.infer<typeof scheduleWindowMode>;

/**
 * The editor's fields, all strings (they come straight from inputs). Only the fields of the chosen kind matter;
 * the others may hold anything the form kept. Parses to `{ analysisId, cadence, timeZone, windowMode }`.
 */
export const scheduleFormInput = z
  .strictObject({
    analysisId: z.string().max(128).default(''),
    kind: cadenceKind,
    time: z.string().default(''),
    weekday: z.string().default(''),
    dayOfMonth: z.string().default(''),
    cron: z.string().default(''),
    timeZone: z.string().max(200).default(''),
    windowMode: scheduleWindowMode.default('analysis'),
  })
  // Every field is checked here, not in the object, so one submit reports every problem at once.
  .transform((v, ctx) => {
    const issues: FieldIssue[] = [];
    const analysisId = v.analysisId.trim();
    if (!analysisId) issues.push({ path: ['analysisId'], message: 'Choose an analysis.' });
    const zone = timeZoneField.safeParse(v.timeZone);
    if (!zone.success) issues.push({ path: ['timeZone'], message: zone.error.issues[0]?.message ?? '' });
    const cadence = cadenceFromFields(v);
    if (!cadence.success) issues.push(...cadence.issues);
    if (issues.length > 0 || !cadence.success || !zone.success) {
      for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
      return z.NEVER;
    }
    return { analysisId, cadence: cadence.value, timeZone: zone.data, windowMode: v.windowMode };
  });
export type ScheduleFormInput = z.input<typeof scheduleFormInput>;
export type ScheduleInput = z.output<typeof scheduleFormInput>;

type FieldIssue = { path: string[]; message: string };

function cadenceFromFields(v: {
  kind: CadenceKind;
  time: string;
  weekday: string;
  dayOfMonth: string;
  cron: string;
}): { success: true; value: ScheduleCadence } | { success: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const check = <T>(schema: z.ZodType<T>, value: string, path: string): T | undefined => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    issues.push({ path: [path], message: parsed.error.issues[0]?.message ?? 'Check this field.' });
    return undefined;
  };
  if (v.kind === 'cron') {
    const expression = check(cronExpression, v.cron, 'cron');
    return expression === undefined
      ? { success: false, issues }
      : { success: true, value: { kind: 'cron', expression } };
  }
  const time = check(timeOfDay, v.time, 'time');
  if (v.kind === 'daily') {
    return time === undefined
      ? { success: false, issues }
      : { success: true, value: { kind: 'daily', time } };
  }
  if (v.kind === 'weekly') {
    const day = check(weekday, v.weekday, 'weekday');
    if (time === undefined || day === undefined) return { success: false, issues };
    return { success: true, value: { kind: 'weekly', weekday: day, time } };
  }
  const day = check(
    z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, 'Enter a day of the month from 1 to 31.')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 31, 'Enter a day of the month from 1 to 31.'),
    v.dayOfMonth,
    'dayOfMonth',
  );
  if (time === undefined || day === undefined) return { success: false, issues };
  return { success: true, value: { kind: 'monthly', day, time } };
}

export const scheduleIdInput = z.strictObject({ id: z.string().trim().min(1).max(128) });

export const scheduleUpdateInput = z.strictObject({
  id: z.string().trim().min(1).max(128),
  schedule: scheduleFormInput,
});

/** The editor asks for an estimate while editing: the fields as typed, and the schedule being edited (if any). */
export const scheduleDraftEstimateInput = z.strictObject({
  id: z.string().trim().min(1).max(128).optional(),
  schedule: scheduleFormInput,
});

/** An occurrence's result: a run (its status), skipped (older missed slot after downtime) or failed before any run. */
export const occurrenceResult = z.enum(['queued', 'running', 'done', 'failed', 'canceled', 'skipped']);
export type OccurrenceResult = z.infer<typeof occurrenceResult>;

export const occurrenceView = z.object({
  id: z.string(),
  /** The cadence slot this occurrence stands for; for "run now", the moment it was asked for. */
  slot: z.iso.datetime(),
  trigger: z.enum(['schedule', 'manual']),
  result: occurrenceResult,
  /** Why it failed (before or during its run), in a sentence. */
  reason: z.string().nullable(),
  runId: z.string().nullable(),
  /** The run's immutable report, once it is done. */
  reportId: z.string().nullable(),
  /** The window of calls it analyses. */
  windowFrom: z.iso.datetime().nullable(),
  windowTo: z.iso.datetime().nullable(),
  /** The newest slot missed while no worker ran, run once on start-up. */
  caughtUp: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type OccurrenceView = z.infer<typeof occurrenceView>;

export const scheduleView = z.object({
  id: z.string(),
  analysisId: z.string(),
  analysisName: z.string(),
  cadence: scheduleCadence,
  timeZone: z.string(),
  /** A sentence like "Every Monday at 09:00 (Europe/Berlin)". */
  description: z.string(),
  windowMode: scheduleWindowMode,
  paused: z.boolean(),
  /** Null while paused. */
  nextRunAt: z.iso.datetime().nullable(),
  lastOccurrence: occurrenceView.nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ScheduleView = z.infer<typeof scheduleView>;

export const scheduleDetailView = scheduleView.extend({ occurrences: z.array(occurrenceView) });
export type ScheduleDetailView = z.infer<typeof scheduleDetailView>;

export const workspaceTimeZoneInput = z.strictObject({ timeZone: timeZoneField });
export const workspaceTimeZoneView = z.object({ timeZone: z.string() });
