import { acceptInvitationInput } from '@callmine/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useAdoptSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { JoinWithAccountForm } from './JoinWithAccountForm.tsx';

/** Where an invitation link lands: the invited person picks a name and password and joins. */
export function AcceptInvitePage() {
  const { invitationId = '' } = useParams();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const adoptSession = useAdoptSession();
  const preview = useQuery(trpc.invitations.preview.queryOptions({ invitationId }));
  const form = useZodForm(acceptInvitationInput, { invitationId, name: '', password: '' });
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({
      onSuccess: (session) => {
        adoptSession(session);
        navigate('/reports', { replace: true });
      },
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );

  if (preview.isPending) return <main className="auth-page">Checking your invitation…</main>;
  if (preview.isError) {
    return (
      <main className="auth-page">
        <h1>Invitation not valid</h1>
        <Alert tone="error">{errorMessage(preview.error)}</Alert>
        <p>
          <Link to="/sign-in">Go to sign in</Link>
        </p>
      </main>
    );
  }
  const invite = preview.data;
  return (
    <main className="auth-page">
      <h1>Join {invite.workspaceName}</h1>
      <p className="lede">
        {invite.inviterName} invited <strong>{invite.email}</strong> to join as{' '}
        {invite.role === 'admin' ? 'an' : 'a'} {invite.role}.
      </p>
      {invite.accountExists ? <JoinWithAccountForm invitationId={invitationId} email={invite.email} /> : null}
      {accept.isError ? <Alert tone="error">{errorMessage(accept.error)}</Alert> : null}
      <form
        hidden={invite.accountExists}
        ref={form.formRef}
        noValidate
        onSubmit={form.handleSubmit((data) => accept.mutate(data))}
      >
        <TextField label="Your name" field={form.field('name')} autoComplete="name" />
        <TextField
          label="Choose a password"
          type="password"
          field={form.field('password')}
          autoComplete="new-password"
          hint="At least 12 characters."
        />
        <SubmitButton pending={accept.isPending} pendingLabel="Joining…">
          Join workspace
        </SubmitButton>
      </form>
    </main>
  );
}
