import { renameWorkspaceInput } from '@callmine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../components/Alert.tsx';
import { SubmitButton } from '../../components/SubmitButton.tsx';
import { TextField } from '../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';
import { WorkspaceTimeZoneForm } from '../schedules/WorkspaceTimeZoneForm.tsx';

export function WorkspaceSection({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const workspace = useQuery(trpc.workspace.get.queryOptions());
  const zone = useQuery(trpc.schedules.workspaceTimeZone.queryOptions());
  return (
    <section aria-labelledby="workspace-heading" className="card">
      <h2 id="workspace-heading">Workspace</h2>
      {workspace.isPending ? <p>Loading…</p> : null}
      {workspace.isError ? <Alert tone="error">{errorMessage(workspace.error)}</Alert> : null}
      {workspace.data ? (
        canEdit ? (
          <RenameForm name={workspace.data.name} />
        ) : (
          <dl>
            <dt>Name</dt>
            <dd>{workspace.data.name}</dd>
          </dl>
        )
      ) : null}
      {zone.data ? (
        canEdit ? (
          <WorkspaceTimeZoneForm timeZone={zone.data.timeZone} />
        ) : (
          <dl>
            <dt>Default time zone for schedules</dt>
            <dd>{zone.data.timeZone}</dd>
          </dl>
        )
      ) : null}
      {workspace.data ? (
        <p className="hint">
          {workspace.data.memberCount} {workspace.data.memberCount === 1 ? 'member' : 'members'} · created{' '}
          {new Date(workspace.data.createdAt).toLocaleDateString()}
        </p>
      ) : null}
    </section>
  );
}

function RenameForm({ name }: { name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(renameWorkspaceInput, { name });
  const rename = useMutation(
    trpc.workspace.rename.mutationOptions({
      onSuccess: (ws) => {
        queryClient.setQueryData(trpc.workspace.get.queryKey(), ws);
        void queryClient.invalidateQueries({ queryKey: trpc.auth.session.queryKey() });
      },
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );
  return (
    <form ref={form.formRef} noValidate onSubmit={form.handleSubmit((data) => rename.mutate(data))}>
      {rename.isError ? <Alert tone="error">{errorMessage(rename.error)}</Alert> : null}
      {rename.isSuccess ? <Alert tone="success">Workspace renamed.</Alert> : null}
      <TextField label="Workspace name" field={form.field('name')} />
      <SubmitButton pending={rename.isPending} pendingLabel="Saving…">
        Save name
      </SubmitButton>
    </form>
  );
}
