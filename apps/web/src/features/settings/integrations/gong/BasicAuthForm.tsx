import { type GongConnectionView, gongBasicAuthInput } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../../../components/Alert.tsx';
import { SubmitButton } from '../../../../components/SubmitButton.tsx';
import { TextField } from '../../../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../../../lib/errors.ts';
import { useTRPC } from '../../../../lib/trpc.ts';
import { useZodForm } from '../../../../lib/use-zod-form.ts';

/**
 * Access key + secret (+ optional base URL), validated by the shared schema before any request. The secret is
 * write-only: the field starts empty, is cleared after every attempt, and nothing sends it back.
 */
export function BasicAuthForm({ replacing, onDone }: { replacing: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(gongBasicAuthInput, { accessKey: '', secretKey: '', baseUrl: '' });
  const connect = useMutation(
    trpc.integrations.gong.connectBasic.mutationOptions({
      onSuccess: (view: GongConnectionView) => {
        queryClient.setQueryData(trpc.integrations.gong.get.queryKey(), view);
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.gong.auditLog.queryKey() });
        form.reset();
        onDone();
      },
      onError: (error) => {
        form.field('secretKey').onChange('');
        form.showErrors(serverFieldErrors(error));
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.gong.auditLog.queryKey() });
      },
    }),
  );
  return (
    <form
      ref={form.formRef}
      noValidate
      aria-label={replacing ? 'Replace Gong key' : 'Connect Gong with basic-auth'}
      onSubmit={form.handleSubmit((data) => {
        if (!connect.isPending) connect.mutate(data);
      })}
    >
      <p className="hint">
        In Gong, open Company Settings → Ecosystem → API, click <strong>Create</strong>, and paste the access
        key and secret Gong shows (the secret is shown only once).
      </p>
      {connect.isError ? <Alert tone="error">{errorMessage(connect.error)}</Alert> : null}
      <TextField label="Access key" field={form.field('accessKey')} autoComplete="off" />
      <TextField
        label="Secret key"
        type="password"
        field={form.field('secretKey')}
        autoComplete="new-password"
      />
      <TextField
        label="Base URL (optional)"
        type="url"
        field={form.field('baseUrl')}
        placeholder="https://us-44392.api.gong.io"
        hint="The base URL Gong’s API page shows, if your company has its own. Leave blank if you’re not sure: Callmine then uses Gong’s standard endpoints."
      />
      <div className="actions">
        <SubmitButton pending={connect.isPending} pendingLabel="Validating with Gong…">
          Save
        </SubmitButton>
        <button type="button" onClick={onDone} disabled={connect.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
