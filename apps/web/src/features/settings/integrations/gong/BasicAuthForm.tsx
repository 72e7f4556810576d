import { type GongBasicAuthInput, type GongConnectionView, gongBasicAuthInput } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Alert } from '../../../../components/Alert.tsx';
import { SubmitButton } from '../../../../components/SubmitButton.tsx';
import { TextField } from '../../../../components/TextField.tsx';
import { errorMessage, errorReason, serverFieldErrors } from '../../../../lib/errors.ts';
import { useTRPC } from '../../../../lib/trpc.ts';
import { useZodForm } from '../../../../lib/use-zod-form.ts';
import { CompanyChangeConfirm } from './CompanyChangeConfirm.tsx';

/**
 * Access key + secret (+ optional base URL), validated by the shared schema before any request. The secret is
 * write-only: the field starts empty, is cleared after every attempt, and nothing sends it back.
 */
export function BasicAuthForm({ replacing, onDone }: { replacing: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The form's fields are the procedure's schema minus the confirmation, which only the dialog below sends.
  const form = useZodForm(gongBasicAuthInput.omit({ confirmCompanyChange: true }), {
    accessKey: '',
    secretKey: '',
    baseUrl: '',
  });
  // A key of another Gong company is held by the server: the submitted values wait here (never shown again) for
  // the admin's confirmation, and are dropped on cancel.
  const held = useRef<GongBasicAuthInput | null>(null);
  const [companyChange, setCompanyChange] = useState<string | null>(null);
  const connect = useMutation(
    trpc.integrations.gong.connectBasic.mutationOptions({
      onSuccess: (view: GongConnectionView) => {
        queryClient.setQueryData(trpc.integrations.gong.get.queryKey(), view);
        void queryClient.invalidateQueries({ queryKey: trpc.integrations.gong.auditLog.queryKey() });
        held.current = null;
        setCompanyChange(null);
        form.reset();
        onDone();
      },
      onError: (error, variables) => {
        if (errorReason(error) === 'gong-different-company' && !variables.confirmCompanyChange) {
          held.current = variables;
          setCompanyChange(errorMessage(error));
        } else {
          held.current = null;
          setCompanyChange(null);
        }
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
      {companyChange ? (
        <CompanyChangeConfirm
          message={companyChange}
          pending={connect.isPending}
          confirmLabel="Yes, connect the other company"
          onConfirm={() => {
            if (held.current) connect.mutate({ ...held.current, confirmCompanyChange: true });
          }}
          onCancel={() => {
            held.current = null;
            setCompanyChange(null);
            connect.reset();
          }}
        />
      ) : connect.isError ? (
        <Alert tone="error">{errorMessage(connect.error)}</Alert>
      ) : null}
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
