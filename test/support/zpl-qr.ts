import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

export interface PrintedZplLabel {
  codes: string[];
  width: number;
  height: number;
  /** One byte per dot, 1 = black, as the printer would burn it. */
  dots: Uint8Array;
}

/** Renders every label of a ZPL file offline at 203 dpi and decodes its QR code (see zpl-qr-reader.mjs). */
export async function printZpl(zpl: string): Promise<PrintedZplLabel[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nst-zpl-'));
  const file = join(dir, 'labels.zpl');
  await writeFile(file, zpl);
  const { stdout } = await run(process.execPath, [join(__dirname, 'zpl-qr-reader.mjs'), file, dir], { maxBuffer: 64 * 1024 * 1024 });
  const { labels } = JSON.parse(stdout) as { labels: { png: string; codes: string[] }[] };
  try {
    return await Promise.all(
      labels.map(async ({ png, codes }) => {
        const { data, info } = await sharp(png).flatten({ background: '#fff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
        const dots = new Uint8Array(info.width * info.height);
        for (let i = 0; i < dots.length; i++) dots[i] = data[i] < 128 ? 1 : 0;
        return { codes, width: info.width, height: info.height, dots };
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The dots of a rectangle of a printed label, row after row. */
export function region(label: PrintedZplLabel, box: { x: number; y: number; width: number; height: number }): Uint8Array {
  const out = new Uint8Array(box.width * box.height);
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) out[y * box.width + x] = label.dots[(box.y + y) * label.width + box.x + x];
  }
  return out;
}
