import { type WebhookEndpointView, webhookEventLabels } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { NewSecretNotice } from './NewSecretNotice.tsx';

const when = (iso: string) => new Date(iso).toLocaleString();

function statusLine(endpoint: WebhookEndpointView): string {
  if (endpoint.disabledReason === 'failing')
    return 'Off: turned off by Callmine after 3 days of failed deliveries';
  if (!endpoint.enabled) return 'Off';
  if (endpoint.failingSince) return `On, failing since ${when(endpoint.failingSince)}`;
  return 'On';
}

export function WebhookEndpointCard({ endpoint }: { endpoint: WebhookEndpointView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [showLog, setShowLog] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.pathKey() });
  };
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions());
  const test = useMutation(
    trpc.webhooks.sendTest.mutationOptions({
      onSuccess: () => {
        setShowLog(true);
        refresh();
      },
    }),
  );
  const failed = [update, remove, rotate, test].find((m) => m.isError);
  const label = `Webhook ${endpoint.url}`;
  return (
    <article aria-label={label} className="webhook-endpoint">
      <h3>
        <code>{endpoint.url}</code>
      </h3>
      {endpoint.disabledReason === 'failing' ? (
        <Alert tone="error">
          Callmine turned this endpoint off on{' '}
          {endpoint.disabledAt ? when(endpoint.disabledAt) : 'an earlier day'}: every delivery failed for 3
          days. Fix the receiver, then turn it back on; events from while it was off are not sent.
        </Alert>
      ) : null}
      <p>
        <strong>Status:</strong> {statusLine(endpoint)}
      </p>
      <p className="hint">{endpoint.events.map((e) => webhookEventLabels[e]).join(' · ')}</p>
      {failed?.error ? <Alert tone="error">{errorMessage(failed.error)}</Alert> : null}
      <div className="actions">
        <button type="button" onClick={() => setShowLog((v) => !v)} aria-expanded={showLog}>
          {showLog ? 'Hide deliveries' : 'Deliveries'}
        </button>
        <button
          type="button"
          disabled={!endpoint.enabled || test.isPending}
          onClick={() => test.mutate({ endpointId: endpoint.id })}
        >
          Send test event
        </button>
        <button
          type="button"
          disabled={update.isPending}
          onClick={() => update.mutate({ id: endpoint.id, enabled: !endpoint.enabled })}
        >
          {endpoint.enabled ? 'Turn off' : 'Turn on'}
        </button>
        <button type="button" disabled={rotate.isPending} onClick={() => rotate.mutate({ id: endpoint.id })}>
          Rotate secret
        </button>
        <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
          Delete
        </button>
      </div>
      {rotate.data ? <NewSecretNotice url={endpoint.url} secret={rotate.data.secret} /> : null}
      {confirmDelete ? (
        <div role="alertdialog" aria-label={`Delete ${endpoint.url}?`} className="confirm">
          <p>Delete this endpoint and its delivery log? Deliveries not sent yet are dropped.</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ id: endpoint.id })}
            >
              Yes, delete
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {showLog ? <DeliveryLog endpointId={endpoint.id} /> : null}
    </article>
  );
}
