import { useQuery } from '@tanstack/react-query';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { CreateWebhookForm } from './CreateWebhookForm.tsx';
import { WebhookEndpointCard } from './WebhookEndpointCard.tsx';

/** Admins only (the page leaves it out for members): where Callmine POSTs signed events. */
export function WebhooksSection() {
  const trpc = useTRPC();
  // Polled while open: deliveries and the disabled state change in the worker, not through this page.
  const endpoints = useQuery({ ...trpc.webhooks.list.queryOptions(), refetchInterval: 5000 });
  return (
    <section aria-labelledby="webhooks-heading" className="card">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p className="hint">
        Callmine POSTs a signed JSON event to each endpoint when something happens in this workspace (a run
        finishes, a report is ready, Gong needs attention, the quota runs low, a scheduled run can’t start).
        Each request carries a <code>Callmine-Webhook-Signature</code> made with the endpoint’s secret; failed
        deliveries are retried for three days, then the endpoint is turned off.
      </p>
      {endpoints.isPending ? <p>Loading webhooks…</p> : null}
      {endpoints.isError ? <Alert tone="error">{errorMessage(endpoints.error)}</Alert> : null}
      {endpoints.data && endpoints.data.length === 0 ? <p>No webhook endpoints yet.</p> : null}
      {endpoints.data?.map((endpoint) => (
        <WebhookEndpointCard key={endpoint.id} endpoint={endpoint} />
      ))}
      <CreateWebhookForm />
    </section>
  );
}
