import type { ApiTokenView } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';

const when = (iso: string | null, never: string) => (iso ? new Date(iso).toLocaleString() : never);

export function ApiTokenRow({ token }: { token: ApiTokenView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.apiTokens.revoke.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        void queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
      },
    }),
  );
  const titleId = `revoke-${token.id}-title`;
  return (
    <tr>
      <td>{token.name}</td>
      <td>{token.role === 'admin' ? 'Admin' : 'Member'}</td>
      <td>
        <code>{token.hint}…</code>
      </td>
      <td>{when(token.lastUsedAt, 'Never')}</td>
      <td>{when(token.expiresAt, 'Never')}</td>
      <td>
        {token.status === 'active' ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Revoke
          </button>
        ) : (
          <span>{token.status === 'revoked' ? 'Revoked' : 'Expired'}</span>
        )}
        {confirming ? (
          <div role="alertdialog" aria-labelledby={titleId} className="confirm">
            <h4 id={titleId}>Revoke “{token.name}”?</h4>
            <p>Scripts using this token stop working on their next call. This can’t be undone.</p>
            {revoke.isError ? <Alert tone="error">{errorMessage(revoke.error)}</Alert> : null}
            <div className="actions">
              <button
                type="button"
                className="danger"
                disabled={revoke.isPending}
                onClick={() => revoke.mutate({ tokenId: token.id })}
              >
                {revoke.isPending ? 'Revoking…' : 'Yes, revoke'}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
      </td>
    </tr>
  );
}
