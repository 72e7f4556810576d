export { cronProblem, MIN_CRON_SPACING_MS } from './cron-check.ts';
export { describeCadence } from './describe.ts';
export { cadencePatterns } from './patterns.ts';
export {
  type Cadence,
  nextSlot,
  occurrenceWindow,
  previousSlot,
  runNowWindow,
  slotsBetween,
} from './slots.ts';
