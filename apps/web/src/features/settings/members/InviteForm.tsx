import { inviteMemberInput } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../../components/Alert.tsx';
import { SelectField } from '../../../components/SelectField.tsx';
import { SubmitButton } from '../../../components/SubmitButton.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { useZodForm } from '../../../lib/use-zod-form.ts';
import { InviteLink } from './InviteLink.tsx';

export function InviteForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(inviteMemberInput, { email: '', role: 'member' });
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: () => {
        form.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.members.invitations.queryKey() });
      },
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );
  return (
    <form
      ref={form.formRef}
      noValidate
      className="invite-form"
      aria-label="Invite a member"
      onSubmit={form.handleSubmit((data) => invite.mutate(data))}
    >
      <h3>Invite a member</h3>
      {invite.isError ? <Alert tone="error">{errorMessage(invite.error)}</Alert> : null}
      <div className="row">
        <TextField label="Email" type="email" field={form.field('email')} />
        <SelectField
          label="Role"
          field={form.field('role')}
          options={[
            { value: 'member', label: 'Member' },
            { value: 'admin', label: 'Admin' },
          ]}
        />
      </div>
      <SubmitButton pending={invite.isPending} pendingLabel="Creating link…">
        Create invitation link
      </SubmitButton>
      {invite.data ? (
        <Alert tone="success">
          <p>
            Invitation created for {invite.data.email}. Callmine sends no email: copy this link and send it
            yourself.
          </p>
          <InviteLink link={invite.data.link} />
        </Alert>
      ) : null}
    </form>
  );
}
