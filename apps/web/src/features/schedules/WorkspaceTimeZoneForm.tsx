import { workspaceTimeZoneInput } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { TimeZoneField } from './ScheduleEditor.tsx';

/** Settings → Workspace: the zone new schedules start with (admins). */
export function WorkspaceTimeZoneForm({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(workspaceTimeZoneInput, { timeZone });
  const save = useMutation(
    trpc.schedules.setWorkspaceTimeZone.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.schedules.workspaceTimeZone.queryKey(), data),
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );
  return (
    <form
      ref={form.formRef}
      noValidate
      aria-label="Default time zone"
      onSubmit={form.handleSubmit((data) => save.mutate(data))}
    >
      {save.isError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      {save.isSuccess ? <Alert tone="success">Default time zone saved.</Alert> : null}
      <TimeZoneField label="Default time zone for schedules" field={form.field('timeZone')} />
      <SubmitButton pending={save.isPending} pendingLabel="Saving…">
        Save time zone
      </SubmitButton>
    </form>
  );
}
