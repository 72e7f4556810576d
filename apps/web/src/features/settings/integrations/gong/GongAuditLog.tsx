import type { GongAuditEntry } from '@callmine/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../../../lib/trpc.ts';

const method = (m: string | null | undefined) => (m === 'oauth' ? 'OAuth' : 'basic-auth');

/** What a failed attempt was, by Gong's answer: the kind the server recorded in the row's detail. */
const failed: Record<string, string> = {
  'invalid-credentials': 'Tried a key Gong did not accept (wrong secret, revoked key, or another cluster)',
  forbidden: 'Tried a key Gong accepted but gave no API permission',
  'company-inactive': 'Tried a key of a Gong company that is inactive',
  'rate-limited': 'Could not check a key: Gong was rate-limiting',
  'budget-exhausted': 'Could not check a key: today’s Gong requests were used up',
  unreachable: 'Could not reach Gong to check a key',
  unavailable: 'Could not check a key: Gong was unavailable',
  'base-url-not-allowed': 'Gong named an API address that is not Gong’s',
};

/** One honest sentence per row: what happened, by action and (for failures and flags) Gong's answer. */
export function describeAuditEntry(entry: Pick<GongAuditEntry, 'action' | 'method' | 'detail'>): string {
  const detail = entry.detail ?? '';
  switch (entry.action) {
    case 'connected':
      return `Connected with ${method(entry.method)}`;
    case 'rotated':
      return entry.method === 'oauth' ? 'Reconnected with OAuth' : 'Replaced the key (same Gong company)';
    case 'method-switched':
      return `Switched to ${method(entry.method)} (same Gong company)`;
    case 'company-changed':
      return `Changed the Gong company ${detail}`.trim();
    case 'company-change-held':
      return `Held a ${method(entry.method)} connection to a different Gong company (not saved)`;
    case 'disconnected':
      return 'Disconnected';
    case 'validation-failed':
      if (detail.startsWith('scopes-missing'))
        return 'Approved OAuth without every permission Callmine needs';
      return failed[detail] ?? 'Tried to connect, but Gong’s answer could not be used';
    case 'consent-denied':
      return 'Denied Callmine on Gong’s OAuth page';
    case 'marked-needs-attention':
      if (detail.startsWith('health-check: ')) {
        const kind = detail.slice('health-check: '.length);
        return `The daily check found a problem: ${(failed[kind] ?? kind).replace(/^Tried a key/, 'a key')}`;
      }
      if (detail === 'company-inactive') return 'A run found the Gong company inactive';
      return 'Marked as needing attention';
    case 'token-refreshed':
      return 'Renewed the OAuth access token';
  }
}

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
            {new Date(entry.at).toLocaleString()} · {entry.actorName ?? 'Callmine'} ·{' '}
            {describeAuditEntry(entry)}
            {entry.accessKeyHint ? ` (key ••••${entry.accessKeyHint})` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
