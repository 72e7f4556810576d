import { isGongError } from '@callmine/gong';
import { TRPCError } from '@trpc/server';
import { ReasonedCause } from '../../../errors.ts';

export function gongFailureKind(error: unknown): string {
  return isGongError(error) ? error.kind : 'internal-error';
}

/**
 * The one place Gong failures become TRPCErrors with a plain next step. Network-level failures (DNS, refused,
 * TLS, timeouts, blocked addresses) all read the same, so the connect form can't be used to scan ports.
 */
export function gongFailureToTRPCError(
  error: unknown,
  options: { customBaseUrl: boolean; now: Date },
): TRPCError {
  const failure = isGongError(error) ? error : undefined;
  if (!failure)
    return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Could not validate with Gong.' });
  const make = (code: TRPCError['code'], message: string) =>
    new TRPCError({ code, message, cause: new ReasonedCause(`gong-${failure.kind}`) });
  // Never UNAUTHORIZED or FORBIDDEN: those mean *Callmine's* session or role, and the SPA signs out on the first.
  switch (failure.kind) {
    // Gong answers 401 alike for a wrong secret, a revoked key and a key from another cluster, so the message
    // names each; the base URL part leads when a custom base URL was entered.
    case 'invalid-credentials':
      return make(
        'BAD_REQUEST',
        options.customBaseUrl
          ? 'Gong did not accept this access key at this base URL. Either the base URL is not the one Gong gave you (a key only works on its own Gong cluster), the secret is wrong, or the key was revoked or deleted in Gong.'
          : 'Gong did not accept this access key. Either the secret is wrong, or the key was revoked or deleted in Gong (create a new one), or your Gong API page shows a base URL of your own: enter it, a key only works on its own Gong cluster.',
      );
    case 'company-inactive':
      return make(
        'BAD_REQUEST',
        'Gong says this company’s account is inactive, so none of its keys work. Ask your Gong administrator or Gong support to reactivate it.',
      );
    case 'forbidden':
      return make(
        'BAD_REQUEST',
        'Gong accepted this key but gave it no API permission for calls and users. Ask a Gong technical administrator to grant the key API access, or create a new key with it.',
      );
    case 'rate-limited': {
      const wait = Math.max(1, Math.ceil(failure.retryAfterSeconds ?? 60));
      const at = new Date(options.now.getTime() + wait * 1000).toISOString().slice(11, 19);
      return make(
        'TOO_MANY_REQUESTS',
        `Gong is rate-limiting this Gong account right now. Try again in ${wait} s (after ${at} UTC).`,
      );
    }
    case 'budget-exhausted':
      return make(
        'TOO_MANY_REQUESTS',
        'Today’s Gong API allowance for this workspace is used up. Try again tomorrow.',
      );
    case 'base-url-not-allowed':
      return make(
        'BAD_REQUEST',
        'That base URL is not a Gong API address. Use the one Gong shows on its API page (like https://us-44392.api.gong.io), or leave it blank.',
      );
    case 'unreachable':
      return make(
        'BAD_GATEWAY',
        'Couldn’t reach Gong, or it didn’t answer in time. Check the base URL and try again in a moment.',
      );
    case 'unavailable':
    case 'not-found':
    case 'bad-response':
      return make('BAD_GATEWAY', 'Gong answered with an error we couldn’t use. Try again in a few minutes.');
  }
}
