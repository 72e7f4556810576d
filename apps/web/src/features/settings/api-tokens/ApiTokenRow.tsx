import type { ApiTokenView } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { limitNote, roleName, statusText } from './token-labels.ts';

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
  const note = limitNote(token);
  // An inactive token comes back if its creator rejoins, so it can still be revoked.
  const revocable = token.status === 'active' || token.status === 'inactive';
  return (
    <tr>
      <td>{token.name}</td>
      <td>
        {roleName[token.role]}
        {note ? <div className="hint">{note}</div> : null}
      </td>
      <td>{token.createdBy}</td>
      <td>
        <code>{token.hint}…</code>
      </td>
      <td>{when(token.lastUsedAt, 'Never')}</td>
      <td>{when(token.expiresAt, 'Never')}</td>
      <td>
        {token.status === 'active' ? null : <span>{statusText(token)}</span>}
        {revocable ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Revoke
          </button>
        ) : null}
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
