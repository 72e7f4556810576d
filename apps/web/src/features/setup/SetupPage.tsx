import { createOwnerInput } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useAdoptSession } from '../../lib/session.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

/** Shown once, on a fresh install: the first person becomes the owner. */
export function SetupPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const adoptSession = useAdoptSession();
  const form = useZodForm(createOwnerInput, { name: '', email: '', password: '', workspaceName: '' });
  const createOwner = useMutation(
    trpc.setup.createOwner.mutationOptions({
      onSuccess: (session) => {
        queryClient.setQueryData(trpc.setup.status.queryKey(), (status) => ({
          signupOpen: false,
          ...status,
          needsOwner: false,
        }));
        adoptSession(session);
      },
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );

  return (
    <main className="auth-page">
      <h1>Create the owner account</h1>
      <p className="lede">
        This Callmine is new. The account you create now owns the workspace; after that, people join by
        invitation.
      </p>
      {createOwner.isError ? <Alert tone="error">{errorMessage(createOwner.error)}</Alert> : null}
      <form ref={form.formRef} noValidate onSubmit={form.handleSubmit((data) => createOwner.mutate(data))}>
        <TextField label="Your name" field={form.field('name')} autoComplete="name" />
        <TextField label="Email" type="email" field={form.field('email')} autoComplete="email" />
        <TextField
          label="Password"
          type="password"
          field={form.field('password')}
          autoComplete="new-password"
          hint="At least 12 characters. A short sentence works well."
        />
        <TextField label="Workspace name" field={form.field('workspaceName')} placeholder="e.g. Acme Sales" />
        <SubmitButton pending={createOwner.isPending} pendingLabel="Creating…">
          Create owner account
        </SubmitButton>
      </form>
    </main>
  );
}
