export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends;
 * a UTF-8 byte-order mark (Excel writes one) is skipped. Blank lines are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const length = text.length;
  while (i < length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let ended = false;
    while (!ended) {
      if (i < length && text[i] === '"') {
        i++;
        for (;;) {
          if (i >= length) throw new CsvSyntaxError(startLine, 'a quoted field is not closed');
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
      }
      // Unquoted part (or what follows a closing quote, kept as typed).
      const start = i;
      while (i < length) {
        const ch = text.charCodeAt(i);
        if (ch === 44 /* , */ || ch === 10 /* \n */ || ch === 13 /* \r */) break;
        i++;
      }
      field += text.slice(start, i);
      fields.push(field);
      field = '';
      if (i >= length) {
        ended = true;
      } else if (text.charCodeAt(i) === 44) {
        i++;
      } else {
        if (text.charCodeAt(i) === 13) i++;
        if (i < length && text.charCodeAt(i) === 10) i++;
        line++;
        ended = true;
      }
    }
    if (!(fields.length === 1 && fields[0].trim() === '')) records.push({ line: startLine, fields });
  }
  return records;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}
