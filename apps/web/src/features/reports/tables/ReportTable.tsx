import type { EvidenceSection, ReportFilters } from '@callmine/contracts';
import { Fragment, type ReactNode, useId, useState } from 'react';
import { compareText } from '../compare-text.ts';
import { EvidencePanel } from './EvidencePanel.tsx';
import { EvidenceToggle, useOpenRows } from './EvidenceToggle.tsx';

// The one table behind the report's ranked tables (trackers, questions, themes, talk): sortable columns with
// aria-sort, a row header, optional sub-rows, and each row's evidence paged from the API on demand. A table of
// ranked findings (themes, question groups: 50 each by default) shows its first rows in the chosen order until
// "Show all" is chosen: they were most of the page's elements, drawn and laid out before anyone scrolled to them.
// Tables of people (reps) and of the analysis's own trackers show every row.

/** How many ranked findings show before "Show all". */
export const FIRST_ROWS = 20;

export interface Column<Row> {
  key: string;
  header: string;
  /** The cell. */
  cell: (row: Row) => ReactNode;
  /** What the column sorts by; numbers sort largest first on the first click, text A to Z. */
  sortValue: (row: Row) => number | string | null;
}

export interface ReportTableProps<Row> {
  caption: string;
  /** The row header column: its name, the row's cell, and the row's name (for the evidence toggle). */
  rowHeader: Column<Row>;
  rowLabel: (row: Row) => string;
  columns: ReadonlyArray<Column<Row>>;
  rows: ReadonlyArray<Row>;
  rowKey: (row: Row) => string;
  /** The order before a header is clicked: a column key, descending. */
  defaultSort: string;
  evidence?: {
    section: EvidenceSection;
    reportId: string;
    filters: ReportFilters;
    /** The row's key for reports.evidence; null when the row has nothing to drill into. */
    keyOf: (row: Row) => string | null;
    note?: ReactNode;
  };
  subRows?: (row: Row) => ReactNode;
  /** Show this many rows until "Show all" is chosen (the CSV export always has every row); all when absent. */
  firstRows?: number;
}

type Sort = { key: string; direction: 'ascending' | 'descending' };

function compare(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b));
}

export function ReportTable<Row>(props: ReportTableProps<Row>) {
  const { caption, rowHeader, columns, rows, rowKey, evidence, subRows } = props;
  const id = useId();
  const open = useOpenRows();
  const [sort, setSort] = useState<Sort>({ key: props.defaultSort, direction: 'descending' });
  const [showAll, setShowAll] = useState(false);
  const all = [rowHeader, ...columns];
  const by = all.find((c) => c.key === sort.key) ?? all[0]!;
  const sorted = [...rows].sort((a, b) => {
    const order = compare(by.sortValue(a), by.sortValue(b));
    return sort.direction === 'ascending' ? order : -order;
  });
  const limit = props.firstRows ?? Number.POSITIVE_INFINITY;
  const shown = showAll ? sorted : sorted.slice(0, limit);
  const width = all.length + (evidence ? 1 : 0);
  const toggleSort = (column: Column<Row>) =>
    setSort((prev) =>
      prev.key === column.key
        ? { key: column.key, direction: prev.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key: column.key, direction: column === rowHeader ? 'ascending' : 'descending' },
    );
  return (
    <>
      <table className="ranked" id={`${id}-table`}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {all.map((column) => (
              <th key={column.key} scope="col" aria-sort={sort.key === column.key ? sort.direction : 'none'}>
                <button type="button" className="sort-button" onClick={() => toggleSort(column)}>
                  {column.header}
                  <span aria-hidden="true" className="sort-mark">
                    {sort.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                  </span>
                </button>
              </th>
            ))}
            {evidence ? (
              <th scope="col">
                <span className="visually-hidden">Evidence</span>
              </th>
            ) : null}
          </tr>
        </thead>
        {shown.map((row, i) => {
          const key = rowKey(row);
          const rowId = `${id}-r${i}`;
          const evidenceKey = evidence?.keyOf(row) ?? null;
          const isOpen = open.isOpen(key);
          return (
            <tbody key={key} className="keep-together">
              <tr className={subRows ? 'group-row' : undefined}>
                <th scope="row">{rowHeader.cell(row)}</th>
                {columns.map((column) => (
                  <td key={column.key}>{column.cell(row)}</td>
                ))}
                {evidence ? (
                  <td>
                    {evidenceKey !== null ? (
                      <EvidenceToggle
                        label={props.rowLabel(row)}
                        open={isOpen}
                        controls={rowId}
                        onToggle={() => open.toggle(key)}
                      />
                    ) : null}
                  </td>
                ) : null}
              </tr>
              {subRows ? <Fragment>{subRows(row)}</Fragment> : null}
              {evidence && evidenceKey !== null && isOpen ? (
                <tr id={rowId}>
                  <td colSpan={width}>
                    {evidence.note}
                    <EvidencePanel
                      label={`Evidence for ${props.rowLabel(row)}`}
                      reportId={evidence.reportId}
                      section={evidence.section}
                      evidenceKey={evidenceKey}
                      filters={evidence.filters}
                    />
                  </td>
                </tr>
              ) : null}
            </tbody>
          );
        })}
      </table>
      {sorted.length > limit ? (
        <p className="no-print">
          <button
            type="button"
            className="link-button"
            aria-controls={`${id}-table`}
            aria-expanded={showAll}
            onClick={() => setShowAll(!showAll)}
          >
            {showAll ? `Show the first ${limit}` : `Show all ${sorted.length}`}
          </button>
        </p>
      ) : null}
    </>
  );
}
