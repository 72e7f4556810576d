import type { AnalysisDefinitionInput } from '@callmine/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage, serverFieldErrors } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { AnalysisForm } from './AnalysisForm.tsx';
import { emptyState, stateFromView } from './editor-state.ts';

/** /analyses/new and /analyses/:id: the editor, saving with analyses.create or analyses.update. */
export function AnalysisEditorPage() {
  const { id } = useParams();
  return id ? <EditAnalysis key={id} id={id} /> : <NewAnalysis />;
}

function useSaved() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.analyses.pathKey() });
    navigate('/analyses');
  };
}

function NewAnalysis() {
  const trpc = useTRPC();
  const saved = useSaved();
  const create = useMutation(trpc.analyses.create.mutationOptions({ onSuccess: saved }));
  const initial = useMemo(() => emptyState(), []);
  return (
    <section>
      <p>
        <Link to="/analyses">← All analyses</Link>
      </p>
      <h1>New analysis</h1>
      <AnalysisForm
        initial={initial}
        title="New analysis"
        submitLabel="Save analysis"
        pending={create.isPending}
        serverError={create.isError ? errorMessage(create.error) : null}
        serverErrors={serverFieldErrors(create.error)}
        onSave={(definition: AnalysisDefinitionInput) => create.mutate(definition)}
      />
    </section>
  );
}

function EditAnalysis({ id }: { id: string }) {
  const trpc = useTRPC();
  const saved = useSaved();
  const analysis = useQuery({ ...trpc.analyses.get.queryOptions({ id }), retry: false });
  const update = useMutation(trpc.analyses.update.mutationOptions({ onSuccess: saved }));
  const initial = useMemo(() => (analysis.data ? stateFromView(analysis.data) : null), [analysis.data]);
  return (
    <section>
      <p>
        <Link to="/analyses">← All analyses</Link>
      </p>
      <h1>{analysis.data ? `Edit “${analysis.data.name}”` : 'Edit analysis'}</h1>
      {analysis.isPending ? <p>Loading the analysis…</p> : null}
      {analysis.isError ? <Alert tone="error">{errorMessage(analysis.error)}</Alert> : null}
      {initial ? (
        <AnalysisForm
          initial={initial}
          title="Edit analysis"
          submitLabel="Save changes"
          pending={update.isPending}
          serverError={update.isError ? errorMessage(update.error) : null}
          serverErrors={serverFieldErrors(update.error)}
          onSave={(definition) => update.mutate({ ...definition, id })}
        />
      ) : null}
    </section>
  );
}
