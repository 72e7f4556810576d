import { Alert } from '../../../components/Alert.tsx';
import { CopyField } from '../../../components/CopyField.tsx';

/**
 * The only time the token is ever visible: Callmine keeps just its hash. It lives in memory (the mutation's
 * result) until the page goes away, never in browser storage.
 */
export function NewTokenNotice({ name, token }: { name: string; token: string }) {
  return (
    <Alert tone="success">
      <p>
        Token “{name}” created. Copy it now: Callmine won’t show it again. Keep it secret, like a password —
        anyone with it can act for this workspace.
      </p>
      <CopyField label="New API token" value={token} copyLabel="Copy token" />
    </Alert>
  );
}
