import type { Evidence, ReportCall } from '@callmine/contracts';
import type { ReactNode } from 'react';
import { EvidenceList } from './EvidenceList.tsx';
import { EvidenceToggle, type OpenRows } from './EvidenceToggle.tsx';

/**
 * One ranked row of a report table with its drill-down: the row (a header cell, the data cells, the toggle),
 * then any sub-rows, then — while open — a full-width row listing the evidence.
 */
export function EvidenceRow({
  rowId,
  label,
  heading = label,
  columns,
  openRows,
  evidence,
  total,
  calls,
  hasEvidence = true,
  className,
  note,
  subRows,
  children,
}: {
  /** The id of the evidence row; also the key under which openRows remembers it. */
  rowId: string;
  /** The row's name: names the toggle and the evidence list. */
  label: string;
  /** What the row's header cell shows; the label unless given. */
  heading?: ReactNode;
  /** How many columns the table has, so the evidence row spans them all. */
  columns: number;
  openRows: OpenRows;
  evidence: ReadonlyArray<Evidence>;
  total: number;
  calls: ReadonlyMap<string, ReportCall>;
  /** Whether there is anything to drill into; without it the toggle cell stays empty. */
  hasEvidence?: boolean;
  className?: string;
  /** A line above the evidence saying what it shows. */
  note?: ReactNode;
  /** Rows between the row and its evidence (a tracker's phrases). */
  subRows?: ReactNode;
  /** The data cells between the header cell and the toggle. */
  children: ReactNode;
}) {
  const open = openRows.isOpen(rowId);
  return (
    <>
      <tr className={className}>
        <th scope="row">{heading}</th>
        {children}
        <td>
          {hasEvidence ? (
            <EvidenceToggle
              label={label}
              open={open}
              controls={rowId}
              onToggle={() => openRows.toggle(rowId)}
            />
          ) : null}
        </td>
      </tr>
      {subRows}
      {open ? (
        <tr id={rowId}>
          <td colSpan={columns}>
            {note}
            <EvidenceList label={`Evidence for ${label}`} evidence={evidence} total={total} calls={calls} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
