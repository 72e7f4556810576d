import { createWorkspaceInput } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../components/Alert.tsx';
import { CopyField } from '../../components/CopyField.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

/** A new workspace and its first admin's invitation link (the operator sends it: Callmine sends no mail). */
export function CreateWorkspaceForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(createWorkspaceInput, { name: '', adminEmail: '' });
  const create = useMutation(
    trpc.operator.createWorkspace.mutationOptions({
      onSuccess: () => {
        form.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.operator.workspaces.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.operator.auditLog.queryKey() });
      },
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );
  const fieldErrors = Object.keys(serverFieldErrors(create.error)).length > 0;
  return (
    <form
      ref={form.formRef}
      noValidate
      aria-label="New workspace"
      onSubmit={form.handleSubmit((data) => create.mutate(data))}
    >
      <h2>New workspace</h2>
      {create.isError && !fieldErrors ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
      <div className="row">
        <TextField label="Workspace name" field={form.field('name')} />
        <TextField label="First admin’s email" type="email" field={form.field('adminEmail')} />
      </div>
      <SubmitButton pending={create.isPending} pendingLabel="Creating…">
        Create workspace
      </SubmitButton>
      {create.data ? (
        <Alert tone="success">
          <p>
            {create.data.workspace.name} is created. Send this link to {create.data.invitation.email}: they
            join as its owner. Callmine sends no email.
          </p>
          <CopyField label="Invitation link" value={create.data.invitation.link} copyLabel="Copy link" />
        </Alert>
      ) : null}
    </form>
  );
}
