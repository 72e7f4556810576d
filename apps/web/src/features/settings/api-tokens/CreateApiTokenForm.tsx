import { createApiTokenForm } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../../components/Alert.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { SubmitButton } from '../../../components/SubmitButton.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { useZodForm } from '../../../lib/use-zod-form.ts';
import { NewTokenNotice } from './NewTokenNotice.tsx';
import { roleChoices } from './token-labels.ts';

export function CreateApiTokenForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Read only by default: the least a warehouse script needs.
  const form = useZodForm(createApiTokenForm, { name: '', role: 'read', expiresInDays: '90' });
  const create = useMutation(
    trpc.apiTokens.create.mutationOptions({
      onSuccess: () => {
        form.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
      },
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );
  return (
    <form
      ref={form.formRef}
      noValidate
      aria-label="Create an API token"
      onSubmit={form.handleSubmit(({ expiresInDays, ...rest }) =>
        create.mutate({ ...rest, expiresInDays: expiresInDays ? Number(expiresInDays) : null }),
      )}
    >
      <h3>Create an API token</h3>
      {create.isError ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
      <div className="row">
        <TextField label="Token name" field={form.field('name')} />
        <SelectField label="Rights" field={form.field('role')} options={roleChoices} />
        <SelectField
          label="Expires"
          field={form.field('expiresInDays')}
          options={[
            { value: '7', label: 'In 7 days' },
            { value: '30', label: 'In 30 days' },
            { value: '90', label: 'In 90 days' },
            { value: '365', label: 'In a year' },
            { value: '', label: 'Never' },
          ]}
        />
      </div>
      <SubmitButton pending={create.isPending} pendingLabel="Creating…">
        Create token
      </SubmitButton>
      {create.data ? <NewTokenNotice name={create.data.view.name} token={create.data.token} /> : null}
    </form>
  );
}
