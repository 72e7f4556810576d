import { useQuery } from '@tanstack/react-query';
import { Alert } from '../../../components/Alert.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { ApiTokenRow } from './ApiTokenRow.tsx';
import { CreateApiTokenForm } from './CreateApiTokenForm.tsx';

/** Admins only (the page leaves it out for members): tokens let a developer's script call Callmine. */
export function ApiTokensSection() {
  const trpc = useTRPC();
  const tokens = useQuery(trpc.apiTokens.list.queryOptions());
  return (
    <section aria-labelledby="api-tokens-heading" className="card">
      <h2 id="api-tokens-heading">API tokens</h2>
      <p className="hint">
        A token lets a script call Callmine’s API (<a href="/docs/api">reference</a>) for this workspace: read
        only, or with member or admin rights, never more than its creator has now. Tokens can’t manage members
        or tokens, and never see a secret.
      </p>
      {tokens.isPending ? <p>Loading tokens…</p> : null}
      {tokens.isError ? <Alert tone="error">{errorMessage(tokens.error)}</Alert> : null}
      {tokens.data && tokens.data.length === 0 ? <p>No tokens yet.</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <table aria-label="API tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Rights</th>
              <th scope="col">Created by</th>
              <th scope="col">Token</th>
              <th scope="col">Last used</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Status and actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => (
              <ApiTokenRow key={token.id} token={token} />
            ))}
          </tbody>
        </table>
      ) : null}
      <CreateApiTokenForm />
    </section>
  );
}
