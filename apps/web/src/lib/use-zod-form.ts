import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';

type Values = Record<string, string>;

/**
 * Form state validated by the same zod schema the procedure uses: the messages people see are the
 * schema's. After a failed submit, focus moves to the first field in error.
 */
export function useZodForm<S extends z.ZodType<unknown, Values>>(schema: S, initial: z.input<S> & Values) {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [focusTick, setFocusTick] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (focusTick === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  const showErrors = useCallback((next: Record<string, string>) => {
    setErrors(next);
    if (Object.keys(next).length > 0) setFocusTick((t) => t + 1);
  }, []);

  const field = (name: keyof typeof initial & string) => ({
    name,
    value: values[name] ?? '',
    error: errors[name],
    onChange: (value: string) => {
      setValues((v) => ({ ...v, [name]: value }));
      if (errors[name]) setErrors(({ [name]: _gone, ...rest }) => rest);
    },
  });

  const handleSubmit = (onValid: (data: z.output<S>) => void) => (event: FormEvent) => {
    event.preventDefault();
    const parsed = schema.safeParse(values);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        if (key && !next[key]) next[key] = issue.message;
      }
      showErrors(next);
      return;
    }
    setErrors({});
    onValid(parsed.data);
  };

  const reset = () => {
    setValues(initial);
    setErrors({});
  };

  return { formRef, values, errors, field, handleSubmit, showErrors, reset };
}

export type FieldProps = ReturnType<ReturnType<typeof useZodForm>['field']>;
