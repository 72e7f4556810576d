import { type CsvCell, downloadCsv, fileSlug, toCsv } from '../../../lib/csv.ts';

/** Downloads one table as "<report>-<from>-to-<to>-<table>.csv". */
export function ExportCsvButton({
  reportName,
  from,
  to,
  table,
  label,
  rows,
}: {
  reportName: string;
  from: string;
  to: string;
  table: string;
  label: string;
  rows: () => CsvCell[][];
}) {
  return (
    <button
      type="button"
      className="no-print"
      onClick={() => downloadCsv(`${fileSlug(reportName)}-${from}-to-${to}-${table}.csv`, toCsv(rows()))}
    >
      Export {label} as CSV
    </button>
  );
}
