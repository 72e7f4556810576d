import { isRunName } from '@callmine/contracts';
import { type CsvCell, downloadCsv, fileSlug, toCsv } from '../../../lib/csv.ts';

/** Downloads one table as "<report>-<from>-to-<to>-<table>.csv" (the days once, whether or not the name has them). */
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
      onClick={() => {
        // A run's one name already ends with its days; older reports' names don't.
        const days = isRunName(reportName) ? '' : `-${from}-to-${to}`;
        downloadCsv(`${fileSlug(reportName)}${days}-${table}.csv`, toCsv(rows()));
      }}
    >
      Export {label} as CSV
    </button>
  );
}
