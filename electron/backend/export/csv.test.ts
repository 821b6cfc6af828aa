import { describe, expect, it } from 'vitest';
import { csvCell, csvChunks, csvRow } from './csv';

/** A strict RFC 4180 reader, to check that what we write reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          if (i >= text.length) throw new Error('unterminated quote');
          cell += text[i];
          i += 1;
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field`);
        cell += text[i];
        i += 1;
      }
    }
    row.push(cell);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])}`);
  }
  if (row.length) rows.push(row);
  return rows;
}

describe('CSV writing', () => {
  it('quotes commas, quotes and line breaks (RFC 4180) and reads back unchanged', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ' padded ', '', 'Nguyễn Thị Ánh'];
    expect(csvRow(values)).toBe('plain,"a,b","say ""hi""","two\nlines","cr\r\nlf"," padded ",,Nguyễn Thị Ánh\r\n');
    expect(parseCsv(csvRow(values))).toEqual([values]);
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvCell('+1-555-0100')).toBe("'+1-555-0100");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=b')).toBe('a=b');
    // Numbers are numbers: a negative one stays a number.
    expect(csvCell(-5)).toBe('-5');
  });

  it('writes empty cells for missing values and yes/no for booleans', () => {
    expect(csvRow([null, undefined, true, false, 0])).toBe(',,yes,no,0\r\n');
    expect(() => csvCell(Number.NaN)).toThrow();
  });

  it('streams a file with a byte-order mark in chunks that join to the whole', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`id-${i}`, `note, ${i}`]);
    const chunks = [...csvChunks(['id', 'note'], rows, 4096)];
    expect(chunks.length).toBeGreaterThan(5);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.startsWith('\uFEFFid,note\r\n')).toBe(true);
    const parsed = parseCsv(text.slice(1));
    expect(parsed).toHaveLength(2001);
    expect(parsed[2000]).toEqual(['id-1999', 'note, 1999']);
  });
});
