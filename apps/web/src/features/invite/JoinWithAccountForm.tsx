import { joinInvitationInput } from '@callmine/contracts';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useAdoptSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

/** The invited email already has an account: its password adds this workspace to it (no second account). */
export function JoinWithAccountForm({ invitationId, email }: { invitationId: string; email: string }) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const adoptSession = useAdoptSession();
  const form = useZodForm(joinInvitationInput, { invitationId, password: '' });
  const join = useMutation(
    trpc.invitations.join.mutationOptions({
      onSuccess: (session) => {
        adoptSession(session);
        navigate('/reports', { replace: true });
      },
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );
  return (
    <>
      <p>You already have a Callmine account as {email}. Enter its password to add this workspace to it.</p>
      {join.isError ? <Alert tone="error">{errorMessage(join.error)}</Alert> : null}
      <form ref={form.formRef} noValidate onSubmit={form.handleSubmit((data) => join.mutate(data))}>
        <TextField
          label="Your password"
          type="password"
          field={form.field('password')}
          autoComplete="current-password"
        />
        <SubmitButton pending={join.isPending} pendingLabel="Joining…">
          Join workspace
        </SubmitButton>
      </form>
    </>
  );
}
