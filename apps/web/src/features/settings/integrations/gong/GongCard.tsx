import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { Alert } from '../../../../components/Alert.tsx';
import { errorMessage } from '../../../../lib/errors.ts';
import { useTRPC } from '../../../../lib/trpc.ts';
import { BasicAuthForm } from './BasicAuthForm.tsx';
import { ConnectionDetails } from './ConnectionDetails.tsx';
import { GongAuditLog } from './GongAuditLog.tsx';
import { GONG_CARD_ANCHOR } from './GongCardLink.tsx';
import { GongStatusBadge } from './GongStatusBadge.tsx';
import { OAuthConnectButton } from './OAuthConnectButton.tsx';
import { OAuthResultNotice } from './OAuthResultNotice.tsx';

type Mode = 'view' | 'basic-form';

/** Settings → Integrations → Gong. Admins connect, replace and disconnect; members see the status only. */
export function GongCard({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const connection = useQuery(trpc.integrations.gong.get.queryOptions());
  const [mode, setMode] = useState<Mode>('view');
  // Runs and Schedules link here (/settings#gong) when Gong needs attention.
  const { hash } = useLocation();
  const card = useRef<HTMLElement>(null);
  useEffect(() => {
    if (hash === `#${GONG_CARD_ANCHOR}`) card.current?.scrollIntoView?.({ block: 'start' });
  }, [hash]);

  return (
    <article ref={card} id={GONG_CARD_ANCHOR} className="integration" aria-labelledby="gong-card-title">
      <header className="integration-header">
        <h3 id="gong-card-title">Gong</h3>
        {connection.data ? (
          <GongStatusBadge
            status={connection.data.status}
            {...(connection.data.status === 'disconnected' ? {} : { method: connection.data.method })}
          />
        ) : null}
      </header>
      <OAuthResultNotice />
      {connection.isPending ? <p>Loading…</p> : null}
      {connection.isError ? <Alert tone="error">{errorMessage(connection.error)}</Alert> : null}
      {connection.data?.status === 'disconnected' ? (
        mode === 'basic-form' && canManage ? (
          <BasicAuthForm replacing={false} onDone={() => setMode('view')} />
        ) : canManage ? (
          <div className="connect-choice">
            <p>Connect Gong so Callmine can read your calls and transcripts.</p>
            <button type="button" className="primary" onClick={() => setMode('basic-form')}>
              Connect with basic-auth
            </button>
            <OAuthConnectButton />
          </div>
        ) : (
          <p>Gong is not connected. Ask a workspace admin to connect it.</p>
        )
      ) : null}
      {connection.data && connection.data.status !== 'disconnected' ? (
        mode === 'basic-form' && canManage ? (
          <BasicAuthForm replacing onDone={() => setMode('view')} />
        ) : (
          <ConnectionDetails
            connection={connection.data}
            canManage={canManage}
            onReplace={() => setMode('basic-form')}
          />
        )
      ) : null}
      {canManage ? <GongAuditLog /> : null}
    </article>
  );
}
