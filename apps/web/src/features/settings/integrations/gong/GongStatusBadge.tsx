import type { GongConnectionView } from '@callmine/contracts';

const labels = {
  disconnected: 'Disconnected',
  connected: 'Connected',
  'needs-attention': 'Needs attention',
} as const;

type Method = Extract<GongConnectionView, { method: unknown }>['method'];

/** OAuth connections say so in the badge ("Connected · OAuth"): the admin chose a different path and may switch. */
export function GongStatusBadge({
  status,
  method,
}: {
  status: GongConnectionView['status'];
  method?: Method;
}) {
  return (
    <span className={`badge badge-${status}`}>
      {labels[status]}
      {method === 'oauth' ? ' · OAuth' : ''}
    </span>
  );
}
