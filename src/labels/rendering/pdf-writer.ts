import { createWriteStream, WriteStream } from 'node:fs';
import { once } from 'node:events';
import { deflateSync } from 'node:zlib';

/**
 * A minimal PDF 1.7 writer that streams objects to a file as they are made, so a 100,000-label
 * run never holds the document in memory: only the byte offsets of its objects (for the xref table).
 */
export class PdfWriter {
  private readonly out: WriteStream;
  private position = 0;
  private readonly offsets: number[] = [0];
  private nextNumber = 1;

  constructor(path: string) {
    this.out = createWriteStream(path);
    this.writeRaw(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  }

  /** Reserves an object number, so objects can refer to each other before they are written. */
  allocate(): number {
    return this.nextNumber++;
  }

  async object(number: number, body: string): Promise<void> {
    this.offsets[number] = this.position;
    await this.write(Buffer.from(`${number} 0 obj\n${body}\nendobj\n`, 'latin1'));
  }

  /** A stream object; `data` is deflated here unless `alreadyDeflated`. */
  async stream(number: number, dictionary: string, data: Buffer | Uint8Array | string, alreadyDeflated = false): Promise<void> {
    const raw = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
    const body = alreadyDeflated ? raw : deflateSync(raw);
    this.offsets[number] = this.position;
    await this.write(Buffer.from(`${number} 0 obj\n<< ${dictionary} /Length ${body.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'));
    await this.write(body);
    await this.write(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  /** Writes the cross-reference table and trailer, closes the file and returns its size in bytes. */
  async finish(root: number, info: number): Promise<number> {
    const xrefAt = this.position;
    const count = this.nextNumber;
    const lines = [`xref\n0 ${count}\n`, '0000000000 65535 f \n'];
    for (let i = 1; i < count; i++) lines.push(`${String(this.offsets[i] ?? 0).padStart(10, '0')} 00000 n \n`);
    lines.push(`trailer\n<< /Size ${count} /Root ${root} 0 R /Info ${info} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
    await this.write(Buffer.from(lines.join(''), 'latin1'));
    this.out.end();
    await once(this.out, 'close');
    return this.position;
  }

  abort(): void {
    this.out.destroy();
  }

  private writeRaw(chunk: Buffer): boolean {
    this.position += chunk.length;
    return this.out.write(chunk);
  }

  private async write(chunk: Buffer): Promise<void> {
    if (!this.writeRaw(chunk)) await once(this.out, 'drain');
  }
}

/** A PDF literal string, escaped (only for ASCII metadata). */
export function pdfString(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?')})`;
}

/** Numbers in content streams: at most 3 decimals, no exponent. */
export function n(value: number): string {
  return (Math.round(value * 1000) / 1000).toString();
}
