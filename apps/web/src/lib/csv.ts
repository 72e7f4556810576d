// CSV export of the report's tables, built in the browser (the report is already loaded; no server round trip).

export type CsvCell = string | number | null | undefined;

/**
 * A spreadsheet treats a text cell starting with = + - @ (or a tab / carriage return) as a formula: a call title
 * like "=HYPERLINK(…)" would run when the file is opened. Such text gets a leading apostrophe (OWASP's advice).
 * Numbers are left alone, so -3 stays a number.
 */
function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : guardFormula(value);
  // RFC 4180: quote fields holding a comma, quote or line break; double the quotes inside.
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows (the first is the header) as RFC 4180 CSV with CRLF line ends. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return `${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** "Q4 competitors / EMEA" → "q4-competitors-emea": safe in a file name on every OS. */
export function fileSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'report'
  );
}

/** Saves the CSV through a Blob link; the UTF-8 BOM makes Excel read accented names correctly. */
export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke on the next tick: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
