import { errorCodes } from 'fastify';
import { InvalidInputError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';

/**
 * `multipart/form-data` (RFC 7578) as a browser sends a file upload: enough for one file and a few
 * short text fields, read chunk by chunk as the body arrives, so a body over a limit is refused when
 * the limit is crossed rather than after it has all been held in memory. Written here rather than
 * taken from a package: the project has no multipart dependency and the import needs only this much.
 */

export interface MultipartLimits {
  /** Bytes of the one file. */
  fileBytes: number;
  /** Bytes of each text field. */
  fieldBytes: number;
  /** Text fields in the form. */
  fields: number;
  /** Bytes of a part's header block. */
  headerBytes: number;
}

export const DEFAULT_MULTIPART_LIMITS: Omit<MultipartLimits, 'fileBytes'> = { fieldBytes: 1024, fields: 10, headerBytes: 8 * 1024 };

export interface UploadedFile {
  filename: string;
  contentType: string | null;
  data: Buffer;
}

/** The parsed form: what the content-type parser hands to the route as its body. */
export class MultipartForm {
  constructor(
    readonly file: UploadedFile | null,
    readonly fields: Readonly<Record<string, string>>,
  ) {}
}

/** The field the import reads its file from. */
export const FILE_FIELD = 'file';

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
/** Bytes of preamble (text before the first boundary) tolerated; browsers send none. */
const MAX_PREAMBLE = 1024;
/** Bytes after the closing boundary kept reading (and thrown away) before the body counts as abuse. */
const MAX_EPILOGUE = 1024;

const malformed = (reason: Parameters<typeof message>[0], params?: Record<string, string | number>) =>
  InvalidInputError.field('body', message(reason, params));

/** The boundary of a `multipart/form-data` content type (RFC 2046 §5.1.1: 1-70 characters, maybe quoted). */
export function boundaryOf(contentType: string | undefined): string {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType ?? '');
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary || !/^[0-9A-Za-z'()+_,\-./:=? ]+$/.test(boundary) || boundary.endsWith(' ')) throw malformed('import.multipartBoundary');
  return boundary;
}

type State = 'preamble' | 'boundaryLine' | 'headers' | 'body' | 'done';

interface OpenPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  chunks: Buffer[];
  size: number;
}

/**
 * The parser: `write` each chunk as it arrives, then `end`. Every part's data is cut at the
 * delimiter `CRLF--boundary`; the stream starts with a virtual CRLF so the first boundary (which has
 * none before it) is found the same way. Between writes it keeps at most a delimiter's length of
 * unread bytes, or one part's header block (bounded), so memory is the file plus a few bytes.
 * Anything malformed throws InvalidInputError (400); a file over its limit, 413.
 */
export class MultipartFormParser {
  private readonly delimiter: Buffer;
  private state: State = 'preamble';
  private pending: Buffer = CRLF;
  private skipped = 0;
  private part: OpenPart | null = null;
  private file: UploadedFile | null = null;
  private readonly fields: Record<string, string> = {};
  private fieldCount = 0;

  constructor(
    boundary: string,
    private readonly limits: MultipartLimits,
  ) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`, 'latin1');
  }

  write(chunk: Buffer): void {
    if (this.state === 'done') {
      this.skipped += chunk.length;
      if (this.skipped > MAX_EPILOGUE) throw malformed('import.multipartTrailing');
      return;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.advance();
  }

  end(): MultipartForm {
    this.advance();
    if (this.state !== 'done') throw malformed('import.multipartUnfinished');
    return new MultipartForm(this.file, { ...this.fields });
  }

  private advance(): void {
    for (;;) {
      switch (this.state) {
        case 'preamble': {
          const at = this.pending.indexOf(this.delimiter);
          if (at < 0) {
            const keep = Math.min(this.pending.length, this.delimiter.length - 1);
            this.skipped += this.pending.length - keep;
            if (this.skipped > MAX_PREAMBLE) throw malformed('import.multipartNoBoundary');
            this.pending = this.pending.subarray(this.pending.length - keep);
            return;
          }
          if (this.skipped + at > MAX_PREAMBLE) throw malformed('import.multipartNoBoundary');
          this.skipped = 0;
          this.pending = this.pending.subarray(at + this.delimiter.length);
          this.state = 'boundaryLine';
          break;
        }
        case 'boundaryLine': {
          // After a delimiter: `--` closes the form, else optional blanks (transport padding) and CRLF open a part.
          let i = 0;
          while (i < this.pending.length && (this.pending[i] === 0x20 || this.pending[i] === 0x09) && i < 64) i++;
          if (this.pending.length >= 2 && this.pending[0] === 0x2d && this.pending[1] === 0x2d) {
            this.state = 'done';
            this.skipped = this.pending.length - 2;
            this.pending = Buffer.alloc(0);
            if (this.skipped > MAX_EPILOGUE) throw malformed('import.multipartTrailing');
            return;
          }
          if (this.pending.length < i + 2) {
            if (i >= 64) throw malformed('import.multipartMalformed');
            return;
          }
          if (this.pending[i] !== 0x0d || this.pending[i + 1] !== 0x0a) throw malformed('import.multipartMalformed');
          this.pending = this.pending.subarray(i + 2);
          this.state = 'headers';
          break;
        }
        case 'headers': {
          // A part with no header lines at all has its blank line right away.
          const empty = this.pending.length >= 2 && this.pending[0] === 0x0d && this.pending[1] === 0x0a;
          const at = empty ? -2 : this.pending.indexOf(HEADER_END);
          if (at === -1) {
            if (this.pending.length > this.limits.headerBytes) throw malformed('import.multipartMalformed');
            return;
          }
          if (at > this.limits.headerBytes) throw malformed('import.multipartMalformed');
          this.part = this.openPart(empty ? '' : this.pending.subarray(0, at).toString('utf8'));
          this.pending = this.pending.subarray(empty ? 2 : at + HEADER_END.length);
          this.state = 'body';
          break;
        }
        case 'body': {
          const at = this.pending.indexOf(this.delimiter);
          if (at < 0) {
            const safe = this.pending.length - (this.delimiter.length - 1);
            if (safe > 0) {
              this.take(this.pending.subarray(0, safe));
              this.pending = this.pending.subarray(safe);
            }
            return;
          }
          this.take(this.pending.subarray(0, at));
          this.pending = this.pending.subarray(at + this.delimiter.length);
          this.closePart();
          this.state = 'boundaryLine';
          break;
        }
        case 'done':
          return;
      }
    }
  }

  private openPart(headerBlock: string): OpenPart {
    let disposition: string | null = null;
    let contentType: string | null = null;
    for (const line of headerBlock.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw malformed('import.multipartMalformed');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-disposition') disposition = value;
      else if (name === 'content-type') contentType = value.slice(0, 100);
    }
    const parsed = disposition === null ? null : parseDisposition(disposition);
    if (!parsed) throw malformed('import.multipartMalformed');
    if (parsed.filename !== null) {
      if (parsed.name !== FILE_FIELD) throw malformed('import.multipartFileField', { field: FILE_FIELD });
      if (this.file) throw malformed('import.multipartOneFile');
    } else {
      if (++this.fieldCount > this.limits.fields) throw malformed('import.multipartTooManyFields', { max: this.limits.fields });
      if (parsed.name in this.fields) throw malformed('import.multipartRepeatedField', { field: parsed.name });
    }
    return { ...parsed, contentType, chunks: [], size: 0 };
  }

  private take(data: Buffer): void {
    const part = this.part!;
    if (data.length === 0) return;
    part.size += data.length;
    if (part.filename !== null) {
      if (part.size > this.limits.fileBytes) throw new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE();
    } else if (part.size > this.limits.fieldBytes) {
      throw malformed('import.multipartFieldTooLong', { field: part.name, max: this.limits.fieldBytes });
    }
    // The pending buffer is reused for what follows: keep a copy of this slice only.
    part.chunks.push(Buffer.from(data));
  }

  private closePart(): void {
    const part = this.part!;
    this.part = null;
    const data = Buffer.concat(part.chunks);
    if (part.filename !== null) {
      this.file = { filename: part.filename, contentType: part.contentType, data };
      return;
    }
    const text = decodeUtf8(data);
    if (text === null) throw malformed('import.multipartFieldNotUtf8', { field: part.name });
    this.fields[part.name] = text;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(data: Buffer): string | null {
  try {
    return strictUtf8.decode(data);
  } catch {
    return null;
  }
}

/** `form-data; name="file"; filename="hộ.csv"`: the name (required) and the filename (a file part). */
function parseDisposition(value: string): { name: string; filename: string | null } | null {
  const [kind, ...rest] = splitParameters(value);
  if (kind?.trim().toLowerCase() !== 'form-data') return null;
  let name: string | null = null;
  let filename: string | null = null;
  for (const parameter of rest) {
    const eq = parameter.indexOf('=');
    if (eq <= 0) continue;
    const key = parameter.slice(0, eq).trim().toLowerCase();
    let raw = parameter.slice(eq + 1).trim();
    if (raw.startsWith('"')) {
      if (raw.length < 2 || !raw.endsWith('"')) return null;
      raw = raw.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    if (key === 'name') name = raw;
    else if (key === 'filename') filename = raw.slice(0, 255);
  }
  if (!name || name.length > 100) return null;
  return { name, filename };
}

/** Splits on `;` outside quoted strings. */
function splitParameters(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted && ch === '\\' && i + 1 < value.length) {
      current += ch + value[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  if (quoted) return [];
  parts.push(current);
  return parts;
}

/** A readable body, as Fastify hands it to a content-type parser. */
interface BodyStream {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * Reads a request body as a form, refusing it as soon as a limit is crossed. On a refusal it stops
 * listening without destroying the stream (as Fastify does for its own body limit), so the client
 * still gets the problem answer.
 */
export function readMultipartForm(stream: BodyStream, contentType: string | undefined, limits: MultipartLimits): Promise<MultipartForm> {
  const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
  return new Promise((resolve, reject) => {
    let parser: MultipartFormParser;
    try {
      parser = new MultipartFormParser(boundaryOf(contentType), limits);
    } catch (error) {
      reject(asError(error));
      return;
    }
    const stop = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      try {
        parser.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      } catch (error) {
        stop();
        reject(asError(error));
      }
    };
    const onEnd = () => {
      stop();
      try {
        resolve(parser.end());
      } catch (error) {
        reject(asError(error));
      }
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
