import { Alert } from '../../../components/Alert.tsx';
import { CopyField } from '../../../components/CopyField.tsx';

/** The only time the signing secret is visible: Callmine stores it sealed and never sends it back. */
export function NewSecretNotice({ url, secret }: { url: string; secret: string }) {
  return (
    <Alert tone="success">
      <p>
        Signing secret for {url}. Copy it into your receiver now: Callmine won’t show it again (rotate it to
        get a new one).
      </p>
      <CopyField label="Signing secret" value={secret} copyLabel="Copy secret" />
    </Alert>
  );
}
