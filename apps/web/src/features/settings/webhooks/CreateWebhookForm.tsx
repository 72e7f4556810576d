import {
  createWebhookForm,
  type WebhookEventType,
  webhookEventLabels,
  webhookEventTypes,
} from '@callmine/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert } from '../../../components/Alert.tsx';
import { SubmitButton } from '../../../components/SubmitButton.tsx';
import { TextField } from '../../../components/TextField.tsx';
import { errorMessage, serverFieldErrors } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { useZodForm } from '../../../lib/use-zod-form.ts';
import { NewSecretNotice } from './NewSecretNotice.tsx';

export function CreateWebhookForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(createWebhookForm, { url: '', events: webhookEventTypes.join(',') });
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: () => {
        form.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
      },
      onError: (error) => form.showErrors(serverFieldErrors(error)),
    }),
  );
  const events = form.field('events');
  const checked = new Set(events.value.split(',').filter(Boolean));
  const toggle = (type: WebhookEventType, on: boolean) => {
    const next = webhookEventTypes.filter((t) => (t === type ? on : checked.has(t)));
    events.onChange(next.join(','));
  };
  return (
    <form
      ref={form.formRef}
      noValidate
      aria-label="Add a webhook endpoint"
      onSubmit={form.handleSubmit((input) => create.mutate(input))}
    >
      <h3>Add a webhook endpoint</h3>
      {create.isError ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
      <TextField label="Endpoint URL" field={form.field('url')} />
      <fieldset aria-invalid={events.error ? 'true' : undefined}>
        <legend>Events</legend>
        {webhookEventTypes.map((type) => (
          <label key={type} className="checkbox">
            <input
              type="checkbox"
              checked={checked.has(type)}
              onChange={(e) => toggle(type, e.target.checked)}
            />
            {webhookEventLabels[type]}
          </label>
        ))}
        {events.error ? <p className="field-error">{events.error}</p> : null}
      </fieldset>
      <SubmitButton pending={create.isPending} pendingLabel="Adding…">
        Add endpoint
      </SubmitButton>
      {create.data ? <NewSecretNotice url={create.data.endpoint.url} secret={create.data.secret} /> : null}
    </form>
  );
}
