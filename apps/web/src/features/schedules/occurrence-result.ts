import type { OccurrenceView } from '@callmine/contracts';

export const resultLabel: Record<OccurrenceView['result'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  canceled: 'Canceled',
  skipped: 'Skipped',
};

/** The badge class the Runs page uses for the same states, so a result looks the same everywhere. */
export function resultBadge(result: OccurrenceView['result']): string {
  if (result === 'running') return 'badge badge-run-fetching';
  if (result === 'skipped') return 'badge badge-run-canceled';
  return `badge badge-run-${result}`;
}
