import type { ReactNode } from 'react';

/** Disabled while pending so a form can't be sent twice; says what it is doing. */
export function SubmitButton({
  pending,
  pendingLabel,
  children,
  disabled = false,
}: {
  pending: boolean;
  pendingLabel: string;
  children: ReactNode;
  /** Not ready to submit yet (say, while the choices it sends are loading). */
  disabled?: boolean;
}) {
  return (
    <button type="submit" className="primary" disabled={pending || disabled} aria-busy={pending}>
      {pending ? pendingLabel : children}
    </button>
  );
}
