import { useId } from 'react';
import type { FieldProps } from '../lib/use-zod-form.ts';

/** A labelled multi-line input whose hint and error are tied to it (aria-describedby). */
export function TextAreaField({
  label,
  field,
  hint,
  rows = 5,
  placeholder,
}: {
  label: string;
  field: FieldProps;
  hint?: string;
  rows?: number;
  placeholder?: string;
}) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, field.error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={field.name}
        rows={rows}
        value={field.value}
        placeholder={placeholder}
        onChange={(e) => field.onChange(e.target.value)}
        aria-invalid={field.error ? 'true' : 'false'}
        aria-describedby={describedBy}
      />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {field.error ? (
        <p id={`${id}-error`} className="field-error">
          {field.error}
        </p>
      ) : null}
    </div>
  );
}
