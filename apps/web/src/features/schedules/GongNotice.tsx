import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { useTRPC } from '../../lib/trpc.ts';
import { GONG_CARD_PATH } from '../settings/integrations/gong/GongCardLink.tsx';

/**
 * Schedules keep their cadence when Gong is unusable, but each slot fails until it is fixed: say so up front,
 * where people look at schedules, with the way to fix it (the Gong card shows Needs attention too).
 */
export function GongNotice() {
  const trpc = useTRPC();
  const gong = useQuery(trpc.integrations.gong.get.queryOptions());
  const status = gong.data?.status;
  if (status !== 'disconnected' && status !== 'needs-attention') return null;
  // An OAuth connection has no key to replace: it is connected again.
  const fix =
    gong.data?.status === 'needs-attention' && gong.data.method === 'oauth'
      ? 'connects Gong with OAuth again'
      : 'replaces the key';
  return (
    <Alert tone="info">
      {status === 'disconnected'
        ? 'Gong is not connected, so scheduled runs fail until an admin connects it'
        : `The Gong connection needs attention, so scheduled runs fail until an admin ${fix}`}{' '}
      in <Link to={GONG_CARD_PATH}>Settings → Integrations</Link>. Schedules keep their times.
    </Alert>
  );
}
