// Reads a PDF the way a phone would read the printed sheet: mupdf rasterises each page, then the
// zxing-cpp decoder (zxing-wasm) finds every QR code on it. Run as a child process because both
// packages are ES modules with top-level await. Usage: node pdf-qr-reader.mjs file.pdf [dpi] [pngDir]
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import * as mupdf from 'mupdf';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
// Load the decoder's WebAssembly from the installed package, never from the network.
const wasmPath = join(dirname(require.resolve('zxing-wasm/reader')), '..', '..', 'reader', 'zxing_reader.wasm');
prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasmPath) }, fireImmediately: true });

// sampleArg 'sample': decode codes on the first and last three pages only (text is read on every page).
const [file, dpiArg, pngDir, sampleArg] = process.argv.slice(2);
const dpi = Number(dpiArg ?? 200);
const doc = mupdf.Document.openDocument(readFileSync(file), 'application/pdf');
const pages = [];
for (let i = 0; i < doc.countPages(); i++) {
  const page = doc.loadPage(i);
  const text = page.toStructuredText('preserve-whitespace').asText();
  const total = doc.countPages();
  if (sampleArg === 'sample' && i >= 3 && i < total - 3) {
    pages.push({ page: i + 1, codes: null, text });
    continue;
  }
  const pixmap = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false, true);
  const png = pixmap.asPNG();
  if (pngDir && pngDir !== '-') {
    mkdirSync(pngDir, { recursive: true });
    writeFileSync(join(pngDir, `page-${i + 1}.png`), png);
  }
  const results = await readBarcodes(new Blob([png], { type: 'image/png' }), {
    formats: ['QRCode'],
    maxNumberOfSymbols: 64,
    tryHarder: true,
  });
  pages.push({ page: i + 1, codes: results.filter((r) => r.isValid).map((r) => r.text), text });
}
process.stdout.write(JSON.stringify({ pages }));
