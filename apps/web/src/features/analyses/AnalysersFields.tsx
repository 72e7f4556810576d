import type { AnalyserName } from '@callmine/contracts';
import { useId } from 'react';

const ANALYSERS: ReadonlyArray<{ name: AnalyserName; label: string; explanation: string }> = [
  {
    name: 'trackers',
    label: 'Trackers',
    explanation: 'Counts the words and phrases you list below (competitors, pricing, …), by who said them.',
  },
  {
    name: 'questions',
    label: 'Customer questions',
    explanation: 'Finds the questions customers ask, groups similar wordings and ranks them by calls.',
  },
  {
    name: 'themes',
    label: 'Themes',
    explanation: 'The phrases customers use most, compared with the previous period of the same length.',
  },
  {
    name: 'talk',
    label: 'Talk metrics',
    explanation: 'Per rep: talk ratio, longest monologue, customer stories, interactivity and question rate.',
  },
];

/** The analysers to run, each with a one-line explanation; the schema asks for at least one. */
export function AnalysersFields({
  selected,
  error,
  onChange,
}: {
  selected: ReadonlyArray<AnalyserName>;
  error: string | undefined;
  onChange: (next: AnalyserName[]) => void;
}) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>What to find</legend>
      {ANALYSERS.map((analyser) => (
        <div className="field checkbox" key={analyser.name}>
          <label>
            <input
              type="checkbox"
              name="analysers"
              value={analyser.name}
              checked={selected.includes(analyser.name)}
              aria-describedby={`${id}-${analyser.name}`}
              aria-invalid={error ? 'true' : 'false'}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? ANALYSERS.map((a) => a.name).filter((n) => n === analyser.name || selected.includes(n))
                    : selected.filter((n) => n !== analyser.name),
                )
              }
            />{' '}
            {analyser.label}
          </label>
          <p id={`${id}-${analyser.name}`} className="hint">
            {analyser.explanation}
          </p>
        </div>
      ))}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
