// Prints a ZPL file the way a 203-dpi Zebra would, offline: zpl-renderer-js (the Zebrash engine in
// WebAssembly) draws each ^XA…^XZ label, then zxing-wasm finds its QR code, as a phone would.
// Run as a child process because zxing-wasm is an ES module with top-level await.
// Usage: node zpl-qr-reader.mjs labels.zpl pngDir — writes label-N.png there, prints {labels:[{png,codes}]}.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
const { ready } = require('zpl-renderer-js');
const wasmPath = join(dirname(require.resolve('zxing-wasm/reader')), '..', '..', 'reader', 'zxing_reader.wasm');
prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasmPath) }, fireImmediately: true });

const [file, pngDir] = process.argv.slice(2);
const { api } = await ready;
// 50 × 30 mm at 8 dots/mm: the labels the thermal layout prints.
const images = await api.zplToBase64MultipleAsync(readFileSync(file, 'utf8'), 50, 30, 8);
mkdirSync(pngDir, { recursive: true });
const labels = [];
for (const [i, base64] of images.entries()) {
  const png = Buffer.from(base64, 'base64');
  const path = join(pngDir, `label-${i + 1}.png`);
  writeFileSync(path, png);
  const results = await readBarcodes(new Blob([png], { type: 'image/png' }), { formats: ['QRCode'], tryHarder: true });
  labels.push({ png: path, codes: results.filter((r) => r.isValid).map((r) => r.text) });
}
process.stdout.write(JSON.stringify({ labels }));
