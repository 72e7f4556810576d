import type { WebhookDeliveryView } from '@callmine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';

const statusText: Record<WebhookDeliveryView['status'], string> = {
  pending: 'Pending',
  succeeded: 'Delivered',
  failed: 'Failed, retrying',
  dead: 'Gave up',
};

function outcome(d: WebhookDeliveryView): string {
  const parts = [
    d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : null,
    d.status !== 'succeeded' ? d.lastError : null,
  ];
  return parts.filter(Boolean).join(' · ') || '—';
}

export function DeliveryLog({ endpointId }: { endpointId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const page = useQuery({
    ...trpc.webhooks.deliveries.queryOptions({ endpointId, ...(cursor ? { cursor } : {}) }),
    refetchInterval: 3000,
  });
  const resend = useMutation(
    trpc.webhooks.resend.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() }),
    }),
  );
  return (
    <div className="delivery-log">
      {page.isPending ? <p>Loading deliveries…</p> : null}
      {page.isError ? <Alert tone="error">{errorMessage(page.error)}</Alert> : null}
      {resend.isError ? <Alert tone="error">{errorMessage(resend.error)}</Alert> : null}
      {page.data && page.data.items.length === 0 ? <p>No deliveries yet.</p> : null}
      {page.data && page.data.items.length > 0 ? (
        <table aria-label="Deliveries">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Time</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Duration</th>
              <th scope="col">Last answer</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.data.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.eventType}</code>
                </td>
                <td>{new Date(d.createdAt).toLocaleString()}</td>
                <td>
                  {statusText[d.status]}
                  {d.nextAttemptAt ? (
                    <div className="hint">next try {new Date(d.nextAttemptAt).toLocaleString()}</div>
                  ) : null}
                </td>
                <td>{d.attempts}</td>
                <td>{d.lastDurationMs === null ? '—' : `${d.lastDurationMs} ms`}</td>
                <td>{outcome(d)}</td>
                <td>
                  <button
                    type="button"
                    disabled={resend.isPending || d.status === 'pending'}
                    onClick={() => resend.mutate({ deliveryId: d.id })}
                  >
                    Resend
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="actions">
        {cursor ? (
          <button type="button" onClick={() => setCursor(undefined)}>
            Newest
          </button>
        ) : null}
        {page.data?.nextCursor ? (
          <button type="button" onClick={() => setCursor(page.data.nextCursor ?? undefined)}>
            Older
          </button>
        ) : null}
      </div>
    </div>
  );
}
