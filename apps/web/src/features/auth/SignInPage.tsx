import { signInInput } from '@callmine/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useAdoptSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

export function SignInPage() {
  const trpc = useTRPC();
  const adoptSession = useAdoptSession();
  const form = useZodForm(signInInput, { email: '', password: '' });
  const setup = useQuery(trpc.setup.status.queryOptions());
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      // The /sign-in route sends a signed-in user on to where they were going.
      onSuccess: (session) => adoptSession(session),
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );

  return (
    <main className="auth-page">
      <h1>Sign in to Callmine</h1>
      {signIn.isError ? <Alert tone="error">{errorMessage(signIn.error)}</Alert> : null}
      <form ref={form.formRef} noValidate onSubmit={form.handleSubmit((data) => signIn.mutate(data))}>
        <TextField label="Email" type="email" field={form.field('email')} autoComplete="email" />
        <TextField
          label="Password"
          type="password"
          field={form.field('password')}
          autoComplete="current-password"
        />
        <SubmitButton pending={signIn.isPending} pendingLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      {setup.data?.signupOpen ? (
        <p className="hint">
          No account? <Link to="/sign-up">Create an account and a workspace</Link>.
        </p>
      ) : (
        <p className="hint">No account? Ask a workspace admin for an invitation link.</p>
      )}
    </main>
  );
}
