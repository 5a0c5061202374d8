import { execFile } from 'node:child_process';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DecodedPage {
  page: number;
  /** null on pages not decoded when sampling. */
  codes: string[] | null;
  text: string;
}

/** Rasterises a PDF with mupdf and decodes every QR code with zxing (see pdf-qr-reader.mjs). */
export async function decodePdf(pdf: Buffer, dpi = 200, pngDir?: string, sample = false): Promise<DecodedPage[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nst-pdf-'));
  const file = join(dir, 'labels.pdf');
  await writeFile(file, pdf);
  const args = [join(__dirname, 'pdf-qr-reader.mjs'), file, String(dpi), pngDir ?? '-', sample ? 'sample' : 'all'];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 256 * 1024 * 1024 });
  return (JSON.parse(stdout) as { pages: DecodedPage[] }).pages;
}
