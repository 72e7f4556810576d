import type { GongAuditEntry } from '@callmine/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../../lib/trpc.ts';

const describe: Record<GongAuditEntry['action'], string> = {
  connected: 'Connected',
  rotated: 'Replaced the key',
  disconnected: 'Disconnected',
  'validation-failed': 'Tried a key Gong did not accept',
  'marked-needs-attention': 'Marked as needing attention',
  'token-refreshed': 'Renewed the OAuth access token',
};

export function GongAuditLog() {
  const trpc = useTRPC();
  const log = useQuery(trpc.integrations.gong.auditLog.queryOptions());
  if (!log.data?.length) return null;
  return (
    <details className="audit">
      <summary>Recent changes</summary>
      <ul>
        {log.data.map((entry) => (
          <li key={entry.id}>
            {new Date(entry.at).toLocaleString()} · {entry.actorName ?? 'Callmine'} · {describe[entry.action]}
            {entry.accessKeyHint ? ` (key ••••${entry.accessKeyHint})` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
