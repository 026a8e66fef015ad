/** RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted; quotes doubled; records end with CRLF. */

export function csvField(v: string | number | boolean | null | undefined): string {
  const s = v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',') + '\r\n').join('');
}

export class CsvParseError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvParseError';
  }
}

/** Parses RFC 4180 CSV (CRLF or LF) into records of fields; quoted fields may hold commas, quotes and newlines. */
export function parseCsv(src: string): string[][] {
  const s = src.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let quoted = false;
  let fieldStarted = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') throw new CsvParseError(line, 'text after a closing quote');
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted && field !== '') throw new CsvParseError(line, 'a quote inside an unquoted field');
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      fieldStarted = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new CsvParseError(line, 'a quoted field is not closed');
  if (fieldStarted || field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** Records → objects keyed by the header row; a record with a different field count is an error. */
export function parseCsvObjects(src: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(src);
  if (!header) return [];
  return rows.map((r, i) => {
    if (r.length !== header.length) throw new CsvParseError(i + 2, `${r.length} fields where the header has ${header.length}`);
    return Object.fromEntries(header.map((h, j) => [h, r[j]]));
  });
}
