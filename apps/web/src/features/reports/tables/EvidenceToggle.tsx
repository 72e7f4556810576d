import { useState } from 'react';

/** The open/closed state of a table's evidence rows, by row key. */
export type OpenRows = { isOpen: (key: string) => boolean; toggle: (key: string) => void };

/** Which rows of a table have their evidence open; one set per table. */
export function useOpenRows(): OpenRows {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return { isOpen: (key: string) => open.has(key), toggle };
}

/** The drill-down button of a row: says what it opens and whether it is open (aria-expanded). */
export function EvidenceToggle({
  label,
  open,
  controls,
  onToggle,
}: {
  label: string;
  open: boolean;
  controls: string;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      className="link-button no-print"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      // The visible words start the accessible name (label-in-name); the rest says which row it opens.
      aria-label={`${open ? 'Hide' : 'Show'} evidence for ${label}`}
    >
      {open ? 'Hide' : 'Show'} evidence
    </button>
  );
}
