import { allowanceFormInput, type OperatorWorkspaceView } from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useZodForm } from '../../lib/use-zod-form.ts';

const gongLabel = {
  'not-connected': 'Not connected',
  active: 'Connected',
  rejected: 'Needs attention',
  unreadable: 'Needs attention',
} as const;

/** One workspace: counts and statuses only (never its calls, reports or secrets), and the operator's actions. */
export function WorkspaceRow({ workspace }: { workspace: OperatorWorkspaceView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.operator.workspaces.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.operator.auditLog.queryKey() });
  };
  const allowance = useZodForm(allowanceFormInput, { monthlyCalls: String(workspace.usage.allowance) });
  const setAllowance = useMutation(
    trpc.operator.setAllowance.mutationOptions({
      onSuccess: refresh,
      onError: (error) => allowance.showErrors(serverFieldErrors(error)),
    }),
  );
  const suspend = useMutation(trpc.operator.suspend.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.operator.resume.mutationOptions({ onSuccess: refresh }));
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const remove = useMutation(trpc.operator.delete.mutationOptions({ onSuccess: refresh }));
  const failed = [suspend, resume, remove, setAllowance].find((m) => m.isError);
  const { usage } = workspace;
  return (
    <tr aria-label={workspace.name}>
      <th scope="row">
        {workspace.name}
        <br />
        <code>{workspace.id}</code>
      </th>
      <td>{workspace.memberCount}</td>
      <td>{gongLabel[workspace.gong]}</td>
      <td>
        {usage.used.toLocaleString('en-US')} / {usage.allowance.toLocaleString('en-US')} in {usage.month}
        {usage.overridden ? '' : ' (default)'}
        <form
          ref={allowance.formRef}
          noValidate
          aria-label={`Allowance of ${workspace.name}`}
          onSubmit={allowance.handleSubmit((data) =>
            setAllowance.mutate({ id: workspace.id, monthlyCalls: data.monthlyCalls }),
          )}
        >
          <label>
            Calls per month
            <input
              inputMode="numeric"
              value={allowance.field('monthlyCalls').value}
              onChange={(e) => allowance.field('monthlyCalls').onChange(e.target.value)}
              aria-invalid={allowance.errors.monthlyCalls ? 'true' : 'false'}
            />
          </label>
          {allowance.errors.monthlyCalls ? (
            <p className="field-error">{allowance.errors.monthlyCalls}</p>
          ) : null}
          <button type="submit" disabled={setAllowance.isPending}>
            Set allowance
          </button>
          {usage.overridden ? (
            <button
              type="button"
              onClick={() => setAllowance.mutate({ id: workspace.id, monthlyCalls: null })}
              disabled={setAllowance.isPending}
            >
              Use the default
            </button>
          ) : null}
        </form>
      </td>
      <td>
        {workspace.suspended ? 'Suspended' : 'Active'}{' '}
        {workspace.suspended ? (
          <button
            type="button"
            onClick={() => resume.mutate({ id: workspace.id })}
            disabled={resume.isPending}
          >
            Resume
          </button>
        ) : (
          <button
            type="button"
            onClick={() => suspend.mutate({ id: workspace.id })}
            disabled={suspend.isPending}
          >
            Suspend
          </button>
        )}{' '}
        {confirming ? (
          <form
            aria-label={`Delete ${workspace.name}`}
            onSubmit={(e) => {
              e.preventDefault();
              remove.mutate({ id: workspace.id, confirmName: typed });
            }}
          >
            <label>
              Type {workspace.name} to delete it and everything in it
              <input value={typed} onChange={(e) => setTyped(e.target.value)} />
            </label>
            {remove.isError ? (
              <p className="field-error">
                {serverFieldErrors(remove.error).confirmName ?? errorMessage(remove.error)}
              </p>
            ) : null}
            <button type="submit" className="danger" disabled={typed !== workspace.name || remove.isPending}>
              Delete for good
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        )}
        {failed && failed !== remove && failed !== setAllowance ? (
          <p role="alert" className="field-error">
            {errorMessage(failed.error)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
