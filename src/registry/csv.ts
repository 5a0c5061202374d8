import iconv from 'iconv-lite';

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

export type CsvSeparator = ',' | ';' | '\t';

/**
 * RFC 4180 CSV: quoted fields may hold the separator, doubled quotes and line breaks; CRLF or LF line
 * ends; a UTF-8 byte-order mark (Excel writes one) is skipped. Blank lines are skipped.
 */
export function parseCsv(text: string, separator: CsvSeparator = ','): CsvRecord[] {
  const separatorCode = separator.charCodeAt(0);
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
        if (ch === separatorCode || ch === 10 /* \n */ || ch === 13 /* \r */) break;
        i++;
      }
      field += text.slice(start, i);
      fields.push(field);
      field = '';
      if (i >= length) {
        ended = true;
      } else if (text.charCodeAt(i) === separatorCode) {
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

/**
 * The separator of a file, read from its header line: the one that splits it into the most known
 * column names. Excel writes `;` where the decimal mark is a comma (a Vietnamese locale), and tabs in
 * "Unicode Text".
 */
export function detectSeparator(text: string, isColumn: (name: string) => boolean): CsvSeparator {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  let best: CsvSeparator = ',';
  let bestKnown = 0;
  for (const separator of [',', ';', '\t'] as const) {
    const known = header.split(separator).filter((name) => isColumn(name.trim().replace(/^"(.*)"$/, '$1'))).length;
    if (known > bestKnown) {
      best = separator;
      bestKnown = known;
    }
  }
  return best;
}

/** The file is not UTF-8 and not an encoding recognised with confidence; `line` is the first line that is not. */
export class CsvEncodingError extends Error {
  constructor(readonly line: number) {
    super(`the file is not UTF-8 text (line ${line} is not)`);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of an uploaded CSV file. UTF-8 (with or without a byte-order mark) as it is; UTF-16 when a
 * byte-order mark says so; Windows-1258 (the legacy Vietnamese Windows code page) when the bytes read
 * as Vietnamese in it and as nothing else. Anything else is refused, with what to do about it.
 */
export function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be');
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const legacy = asWindows1258(bytes);
    if (legacy !== null) return legacy;
    throw new CsvEncodingError(lineOfFirstInvalidUtf8(bytes));
  }
}

/** A Windows-1258 tone mark (a combining character) after anything but a vowel, plain or with ^, breve or horn. */
const TONE_AFTER_NON_VOWEL = /(?:^|[^AEIOUYaeiouyÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăƠơƯư])[\u0300\u0301\u0303\u0309\u0323]/u;
/** C1 controls, undefined bytes and the Latin-1 symbols a TCVN3 (ABC) file decodes into: not Windows-1258 text. */
const NOT_VIETNAMESE_TEXT = /[\uFFFD\u0080-\u009F\u00A1-\u00BF]/;
const VIETNAMESE_SIGNS = /[ĂăƠơƯưĐđ]|[\u0300\u0301\u0303\u0309\u0323]/;

function asWindows1258(bytes: Buffer): string | null {
  const text = iconv.decode(bytes, 'windows-1258');
  if (NOT_VIETNAMESE_TEXT.test(text) || TONE_AFTER_NON_VOWEL.test(text) || !VIETNAMESE_SIGNS.test(text)) return null;
  return text.normalize('NFC');
}

function lineOfFirstInvalidUtf8(bytes: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        strictUtf8.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
