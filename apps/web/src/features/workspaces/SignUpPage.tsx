import { signUpInput } from '@callmine/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useAdoptSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

/** Open sign-up (CALLMINE_SIGNUP=open): an account and a workspace of one's own, owned by its creator. */
export function SignUpPage() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const adoptSession = useAdoptSession();
  const setup = useQuery(trpc.setup.status.queryOptions());
  const form = useZodForm(signUpInput, { name: '', email: '', password: '', workspaceName: '' });
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: (session) => {
        adoptSession(session);
        navigate('/settings', { replace: true });
      },
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );
  if (setup.data && !setup.data.signupOpen) {
    return (
      <main className="auth-page">
        <h1>Sign-up is by invitation</h1>
        <p>Ask the operator of this Callmine or a workspace admin for an invitation link.</p>
        <Link to="/sign-in">Sign in</Link>
      </main>
    );
  }
  const fieldErrors = Object.keys(serverFieldErrors(signUp.error)).length > 0;
  return (
    <main className="auth-page">
      <h1>Create your Callmine workspace</h1>
      {signUp.isError && !fieldErrors ? <Alert tone="error">{errorMessage(signUp.error)}</Alert> : null}
      <form ref={form.formRef} noValidate onSubmit={form.handleSubmit((data) => signUp.mutate(data))}>
        <TextField label="Your name" field={form.field('name')} autoComplete="name" />
        <TextField label="Email" type="email" field={form.field('email')} autoComplete="email" />
        <TextField
          label="Password"
          type="password"
          field={form.field('password')}
          autoComplete="new-password"
          hint="At least 12 characters."
        />
        <TextField label="Workspace name" field={form.field('workspaceName')} autoComplete="organization" />
        <SubmitButton pending={signUp.isPending} pendingLabel="Creating…">
          Create account and workspace
        </SubmitButton>
      </form>
      <p className="hint">
        Already have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </main>
  );
}
