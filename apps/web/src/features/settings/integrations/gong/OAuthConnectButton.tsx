import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert } from '../../../../components/Alert.tsx';
import { errorMessage } from '../../../../lib/errors.ts';
import { useTRPC } from '../../../../lib/trpc.ts';

/**
 * "Connect with OAuth": asks the server for Gong's authorize URL (single-use state, PKCE) and sends the browser
 * there. Gong sends it back to the server's callback, which lands on /settings with a result code. Disabled, with
 * the reason, when the operator registered no OAuth app.
 */
export function OAuthConnectButton({
  label = 'Connect with OAuth',
  confirmCompanyChange = false,
}: {
  label?: string;
  /** The second click after the card explained a change of Gong company: the callback then saves it. */
  confirmCompanyChange?: boolean;
}) {
  const trpc = useTRPC();
  const availability = useQuery(trpc.integrations.gong.oauthAvailability.queryOptions());
  const start = useMutation(
    trpc.integrations.gong.startOAuth.mutationOptions({
      onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
    }),
  );
  const available = availability.data?.available === true;
  return (
    <>
      <button
        type="button"
        disabled={!available || start.isPending || start.isSuccess}
        aria-describedby={available ? undefined : 'gong-oauth-reason'}
        onClick={() => start.mutate(confirmCompanyChange ? { confirmCompanyChange } : {})}
      >
        {start.isPending || start.isSuccess ? 'Opening Gong…' : label}
      </button>
      {availability.data && !available ? (
        <p id="gong-oauth-reason" className="hint">
          OAuth isn’t available on this Callmine yet: its operator has not registered Callmine as a Gong OAuth
          app.
        </p>
      ) : null}
      {start.isError ? <Alert tone="error">{errorMessage(start.error)}</Alert> : null}
    </>
  );
}
