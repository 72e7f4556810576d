import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../../components/Alert.tsx';
import { gongOAuthResultMessage } from '../../../../lib/errors.ts';
import { OAuthConnectButton } from './OAuthConnectButton.tsx';

/**
 * The outcome of Gong's OAuth round trip, from `?gong=` on /settings (set by the server's callback). Read once,
 * then the code is removed from the address so a reload doesn't repeat it.
 */
export function OAuthResultNotice() {
  const [params, setParams] = useSearchParams();
  const [code] = useState(() => params.get('gong'));
  const [dismissed, setDismissed] = useState(false);
  const [message] = useState(() => (code === null ? null : gongOAuthResultMessage(code)));
  // Removed after commit: a navigation asked for during render (or a microtask after it) is dropped by the router
  // when the commit hasn't happened yet, which left `?gong=` in the address on a slow machine.
  const codeInAddress = params.has('gong');
  useEffect(() => {
    if (!codeInAddress) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('gong');
        return next;
      },
      { replace: true },
    );
  }, [codeInAddress, setParams]);
  if (!message) return null;
  if (code === 'different-company' && !dismissed) {
    return (
      <div
        role="alertdialog"
        aria-labelledby="gong-company-change-title"
        aria-describedby="gong-company-change-desc"
        className="confirm"
      >
        <h4 id="gong-company-change-title">Connect a different Gong company?</h4>
        <p id="gong-company-change-desc">
          {message.text} Reports made so far keep the calls they were made from, but new runs and every
          schedule of this workspace would read the other company’s calls, so reports after the change are not
          comparable with earlier ones. To go on, connect with OAuth again and approve the other company.
        </p>
        <div className="actions">
          <OAuthConnectButton label="Yes, connect the other company with OAuth" confirmCompanyChange />
          <button type="button" onClick={() => setDismissed(true)}>
            Keep the current company
          </button>
        </div>
      </div>
    );
  }
  if (dismissed) return null;
  return <Alert tone={message.tone}>{message.text}</Alert>;
}
