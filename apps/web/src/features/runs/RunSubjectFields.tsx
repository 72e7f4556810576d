import type { AnalysisView } from '@callmine/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { windowLabel } from '../analyses/AnalysisRow.tsx';

/** What an ad-hoc run counts: trackers picked from the templates, or a saved analysis (its window and filters). */
export type RunSubject = { kind: 'trackers'; names: string[] } | { kind: 'analysis'; id: string };

/** The "What to analyse" part of the Runs form. Nothing runs that the member did not see chosen. */
export function RunSubjectFields({
  subject,
  error,
  onChange,
}: {
  subject: RunSubject;
  error?: string;
  onChange: (next: RunSubject) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const templates = useQuery(trpc.analyses.templates.queryOptions());
  const analyses = useQuery(trpc.analyses.list.queryOptions());
  const chosen = analyses.data?.find((a: AnalysisView) => subject.kind === 'analysis' && a.id === subject.id);
  const failed = templates.error ?? analyses.error;
  return (
    <fieldset className="run-subject">
      <legend>What to analyse</legend>
      {failed ? <Alert tone="error">{errorMessage(failed)}</Alert> : null}
      <label>
        <input
          type="radio"
          name="runSubject"
          checked={subject.kind === 'trackers'}
          onChange={() => onChange({ kind: 'trackers', names: (templates.data ?? []).map((t) => t.name) })}
        />{' '}
        These trackers, over the days and filters below
      </label>
      <label>
        <input
          type="radio"
          name="runSubject"
          checked={subject.kind === 'analysis'}
          disabled={!analyses.data?.length}
          onChange={() => onChange({ kind: 'analysis', id: analyses.data?.[0]?.id ?? '' })}
        />{' '}
        A saved analysis, with its own window, filters and trackers
      </label>
      {subject.kind === 'trackers' ? (
        <fieldset className="run-trackers" aria-describedby={error ? `${id}-error` : undefined}>
          <legend>Trackers</legend>
          {(templates.data ?? []).map((tracker) => (
            <label key={tracker.name}>
              <input
                type="checkbox"
                checked={subject.names.includes(tracker.name)}
                onChange={(e) =>
                  onChange({
                    kind: 'trackers',
                    names: e.target.checked
                      ? [...subject.names, tracker.name]
                      : subject.names.filter((n) => n !== tracker.name),
                  })
                }
              />{' '}
              {tracker.name} <span className="hint">({tracker.phrases.map((p) => p.phrase).join(', ')})</span>
            </label>
          ))}
          {error ? (
            <p className="field-error" id={`${id}-error`}>
              {error}
            </p>
          ) : null}
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-analysis`}>Saved analysis</label>
          <select
            id={`${id}-analysis`}
            value={subject.id}
            onChange={(e) => onChange({ kind: 'analysis', id: e.target.value })}
          >
            {(analyses.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          {chosen ? (
            <p className="hint">
              Window: {windowLabel(chosen.window)} (resolved today). Trackers:{' '}
              {chosen.settings.trackers.map((t) => t.name).join(', ') || 'none'}.
            </p>
          ) : null}
        </div>
      )}
    </fieldset>
  );
}
