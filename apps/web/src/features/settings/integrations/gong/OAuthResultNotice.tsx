import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../../components/Alert.tsx';
import { gongOAuthResultMessage } from '../../../../lib/errors.ts';

/**
 * The outcome of Gong's OAuth round trip, from `?gong=` on /settings (set by the server's callback). Read once,
 * then the code is removed from the address so a reload doesn't repeat it.
 */
export function OAuthResultNotice() {
  const [params, setParams] = useSearchParams();
  const [message] = useState(() => {
    const code = params.get('gong');
    if (code === null) return null;
    queueMicrotask(() =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete('gong');
          return next;
        },
        { replace: true },
      ),
    );
    return gongOAuthResultMessage(code);
  });
  return message ? <Alert tone={message.tone}>{message.text}</Alert> : null;
}
