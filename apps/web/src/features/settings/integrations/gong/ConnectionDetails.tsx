import type { GongConnectionView } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../../../components/Alert.tsx';
import { errorMessage } from '../../../../lib/errors.ts';
import { useTRPC } from '../../../../lib/trpc.ts';
import { GongBudgetLine } from './GongBudgetLine.tsx';
import { OAuthConnectButton } from './OAuthConnectButton.tsx';

type Connected = Exclude<GongConnectionView, { status: 'disconnected' }>;

const when = (iso: string) => new Date(iso).toLocaleString();

export function ConnectionDetails({
  connection,
  canManage,
  onReplace,
}: {
  connection: Connected;
  canManage: boolean;
  onReplace: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const disconnect = useMutation(
    trpc.integrations.gong.disconnect.mutationOptions({
      onSuccess: (view) => {
        queryClient.setQueryData(trpc.integrations.gong.get.queryKey(), view);
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.gong.auditLog.queryKey() });
        setConfirming(false);
      },
    }),
  );
  return (
    <div>
      {connection.attention ? (
        <Alert tone="error">
          {/* An OAuth connection's reason (set by the worker) says it all; there is no key to speak of. */}
          {connection.method === 'oauth'
            ? null
            : connection.attention.reason === 'rejected'
              ? 'Gong rejected the stored key. '
              : 'The stored key is unreadable. '}
          {connection.attention.detail}
        </Alert>
      ) : null}
      <dl>
        <dt>Gong company</dt>
        <dd data-testid="gong-company">
          {connection.gongWorkspaces?.length
            ? `Workspaces ${connection.gongWorkspaces.map((w) => w.name).join(', ')}`
            : 'Not known yet: replace the key or reconnect to let Callmine read the company’s Gong workspaces.'}
        </dd>
        <dt>Last checked with Gong</dt>
        <dd>
          {connection.lastCheckedAt ? when(connection.lastCheckedAt) : 'Not yet'}
          {connection.attention ? '' : ' (checked again every day)'}
        </dd>
        <dt>Method</dt>
        <dd>{connection.method === 'basic' ? 'Basic auth (access key and secret)' : 'OAuth'}</dd>
        {connection.accessKeyHint ? (
          <>
            <dt>Access key</dt>
            <dd>
              <span title={`Access key ending in ${connection.accessKeyHint}`}>
                ••••{connection.accessKeyHint}
              </span>
            </dd>
          </>
        ) : null}
        {connection.method === 'oauth' ? (
          <>
            <dt>Granted scopes</dt>
            <dd>{connection.scopes?.join(', ') || 'None reported'}</dd>
            <dt>Access token expires</dt>
            <dd>
              {connection.tokenExpiresAt ? when(connection.tokenExpiresAt) : 'Unknown'}
              {/* Nothing renews a connection that needs attention: the worker stops at the flag. */}
              {connection.attention ? ' (not renewed: connect with OAuth again)' : ' (renewed automatically)'}
            </dd>
          </>
        ) : null}
        <dt>Base URL</dt>
        <dd>{connection.usesStandardEndpoints ? 'Gong standard endpoints' : connection.baseUrl}</dd>
        <dt>Connected on</dt>
        <dd>
          {when(connection.connectedAt)}
          {connection.connectedBy ? ` by ${connection.connectedBy}` : ''}
        </dd>
        <dt>Last successful validation</dt>
        <dd>{connection.lastValidatedAt ? when(connection.lastValidatedAt) : 'Never'}</dd>
      </dl>
      <GongBudgetLine budget={connection.budget} detailed={canManage} />
      {canManage ? (
        <div className="actions">
          <button type="button" onClick={onReplace}>
            {connection.method === 'oauth' ? 'Switch to basic-auth' : 'Replace key'}
          </button>
          <OAuthConnectButton
            label={connection.method === 'oauth' ? 'Reconnect with OAuth' : 'Switch to OAuth'}
          />
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Disconnect
          </button>
        </div>
      ) : null}
      {confirming ? (
        <div
          role="alertdialog"
          aria-labelledby="gong-disconnect-title"
          aria-describedby="gong-disconnect-desc"
          className="confirm"
        >
          <h4 id="gong-disconnect-title">Disconnect Gong?</h4>
          <p id="gong-disconnect-desc">
            {connection.method === 'oauth'
              ? 'Callmine deletes the stored OAuth tokens. Gong offers no revocation endpoint, so to remove Callmine’s access at Gong too, remove the app in Gong’s settings. '
              : 'Callmine deletes the stored key. '}
            Reports stay; analyses and schedules can’t fetch calls until Gong is connected again.
          </p>
          {disconnect.isError ? <Alert tone="error">{errorMessage(disconnect.error)}</Alert> : null}
          <div className="actions">
            <button
              type="button"
              className="danger"
              // biome-ignore lint/a11y/noAutofocus: the dialog's safe action takes focus for keyboard users
              autoFocus
              disabled={disconnect.isPending}
              onClick={() => disconnect.mutate()}
            >
              {disconnect.isPending ? 'Disconnecting…' : 'Yes, disconnect'}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep connected
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
