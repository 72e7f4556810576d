import { useId } from 'react';
import type { FieldProps } from '../lib/use-zod-form.ts';

export function SelectField({
  label,
  field,
  options,
}: {
  label: string;
  field: FieldProps;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={field.name}
        value={field.value}
        onChange={(e) => field.onChange(e.target.value)}
        aria-invalid={field.error ? 'true' : 'false'}
        aria-describedby={field.error ? errorId : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {field.error ? (
        <p id={errorId} className="field-error">
          {field.error}
        </p>
      ) : null}
    </div>
  );
}
