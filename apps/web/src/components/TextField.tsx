import { useId } from 'react';
import type { FieldProps } from '../lib/use-zod-form.ts';

interface TextFieldProps {
  label: string;
  field: FieldProps;
  type?: 'text' | 'email' | 'password' | 'url' | 'date';
  hint?: string;
  autoComplete?: string;
  placeholder?: string;
  readOnly?: boolean;
  /** The id of a <datalist> with suggestions. */
  listId?: string;
}

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function TextField({
  label,
  field,
  type = 'text',
  hint,
  autoComplete,
  placeholder,
  readOnly,
  listId,
}: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [hint ? hintId : null, field.error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={field.name}
        type={type}
        value={field.value}
        onChange={(e) => field.onChange(e.target.value)}
        aria-invalid={field.error ? 'true' : 'false'}
        aria-describedby={describedBy}
        autoComplete={autoComplete}
        placeholder={placeholder}
        readOnly={readOnly}
        list={listId}
      />
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {field.error ? (
        <p id={errorId} className="field-error">
          {field.error}
        </p>
      ) : null}
    </div>
  );
}
