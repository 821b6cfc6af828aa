/**
 * CSV as RFC 4180 describes it (fields separated by commas, records by
 * CRLF, a field quoted when it holds a comma, a quote, CR or LF, with its
 * quotes doubled), plus the guard against spreadsheet formula injection:
 * a text cell that starts with = + - @ (or a tab or carriage return, which
 * some spreadsheets skip before looking) gets a leading apostrophe, so
 * Excel, LibreOffice and Google Sheets show it as text instead of running it.
 */
export type CsvValue = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('A CSV cell cannot hold NaN or Infinity.');
    text = String(value);
  } else if (typeof value === 'boolean') {
    text = value ? 'yes' : 'no';
  } else {
    text = formulaStart.test(value) ? `'${value}` : value;
  }
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/**
 * A whole CSV file as Buffers of about 64 kB, for streaming into a zip.
 * It starts with a UTF-8 byte-order mark: without it Excel reads UTF-8 as
 * the local code page and mangles names such as "Nguyễn".
 */
export function* csvChunks(header: readonly string[], rows: Iterable<readonly CsvValue[]>, chunkSize = 64 * 1024): Generator<Buffer> {
  let pending = `\uFEFF${csvRow(header)}`;
  for (const row of rows) {
    pending += csvRow(row);
    if (pending.length >= chunkSize) {
      yield Buffer.from(pending, 'utf8');
      pending = '';
    }
  }
  if (pending) yield Buffer.from(pending, 'utf8');
}

/** `csvChunks` of rows that come asynchronously (a page at a time from the store engine): the same bytes in the same chunks. */
export async function* csvChunksAsync(header: readonly string[], rows: AsyncIterable<readonly CsvValue[]>, chunkSize = 64 * 1024): AsyncGenerator<Buffer> {
  let pending = `\uFEFF${csvRow(header)}`;
  for await (const row of rows) {
    pending += csvRow(row);
    if (pending.length >= chunkSize) {
      yield Buffer.from(pending, 'utf8');
      pending = '';
    }
  }
  if (pending) yield Buffer.from(pending, 'utf8');
}
