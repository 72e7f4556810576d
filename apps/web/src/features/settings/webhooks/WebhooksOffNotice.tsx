import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '../../../components/Alert.tsx';
import { useTRPC } from '../../../lib/trpc.ts';

/**
 * For admins, on every page: Callmine turned an endpoint off after 3 days of failed deliveries. No mail is sent, so
 * the app says it wherever the admin is, not only in Settings → Webhooks. A status, not an alert: it must not take
 * focus on each page.
 */
export function WebhooksOffNotice() {
  const trpc = useTRPC();
  const endpoints = useQuery({ ...trpc.webhooks.list.queryOptions(), refetchInterval: 60_000 });
  const off = endpoints.data?.filter((endpoint) => endpoint.disabledReason === 'failing') ?? [];
  if (off.length === 0) return null;
  return (
    <Alert tone="info">
      Callmine turned off {off.length === 1 ? 'a webhook endpoint' : `${off.length} webhook endpoints`} (
      {off.map((endpoint) => endpoint.url).join(', ')}): every delivery failed for 3 days. Fix the receiver,
      then turn it back on in <Link to="/settings">Settings → Webhooks</Link>.
    </Alert>
  );
}
