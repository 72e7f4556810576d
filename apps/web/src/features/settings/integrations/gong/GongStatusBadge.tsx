import type { GongConnectionView } from '@callmine/contracts';

const labels = {
  disconnected: 'Disconnected',
  connected: 'Connected',
  'needs-attention': 'Needs attention',
} as const;

export function GongStatusBadge({ status }: { status: GongConnectionView['status'] }) {
  return <span className={`badge badge-${status}`}>{labels[status]}</span>;
}
