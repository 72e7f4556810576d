import { useId, useRef, useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';

/**
 * The only time the token is ever visible: Callmine keeps just its hash. It lives in memory (the mutation's
 * result) until the page goes away, never in browser storage.
 */
export function NewTokenNotice({ name, token }: { name: string; token: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Alert tone="success">
      <p>
        Token “{name}” created. Copy it now: Callmine won’t show it again. Keep it secret, like a password —
        anyone with it can act for this workspace.
      </p>
      <div className="invite-link">
        <label htmlFor={id}>New API token</label>
        <input id={id} ref={input} readOnly value={token} onFocus={(e) => e.target.select()} />
        <button type="button" onClick={copy}>
          {copied ? 'Copied' : 'Copy token'}
        </button>
      </div>
    </Alert>
  );
}
