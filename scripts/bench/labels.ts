/**
 * npm run bench:labels — renders a 10,000-label a4-3x8 PDF with the production renderer (worker
 * threads, vector QR glyphs) and, in the same run, times plain qrcode.create() of the same 10,000 URLs
 * on one core. Prints one JSON line last:
 * {"bench":"labels","labels":10000,"labelsPerSec":…,"ratio":…,"pdfBytes":…,"peakRssMb":…}
 * ratio = labels/s ÷ raw encodes/s. Needs no database: the serials are signed here as a run would sign them.
 */
import { create as createQr } from 'qrcode';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The compiled build is measured, as it runs in production (`npm run bench:labels` builds it first):
// render threads then start from plain JavaScript instead of compiling TypeScript on start.
/* eslint-disable @typescript-eslint/no-require-imports */
const { LAYOUTS } = require('../../dist/labels/rendering/layouts') as typeof import('../../src/labels/rendering/layouts');
const { renderLabelPdf } =
  require('../../dist/labels/rendering/pdf-label-renderer') as typeof import('../../src/labels/rendering/pdf-label-renderer');
const { labelUrl } = require('../../dist/labels/serials/digital-link') as typeof import('../../src/labels/serials/digital-link');
const { parseSigningKeys, SerialSigner } =
  require('../../dist/labels/serials/serial-signer') as typeof import('../../src/labels/serials/serial-signer');
/* eslint-enable @typescript-eslint/no-require-imports */

const COUNT = Number(process.env.BENCH_LABELS ?? 10_000);

async function main(): Promise<void> {
  const signer = new SerialSigner(parseSigningKeys('1:benchmark-signing-key-0123456789'));
  const gtin = '08930000000019';
  const lot = '260612-7K3Q9M';
  const labels = Array.from({ length: COUNT }, () => {
    const serial = signer.issue(gtin, lot);
    return { serial, url: labelUrl('https://nst.vn', gtin, lot, serial) };
  });

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

  // Baseline: encode every URL once on this (one) core, nothing else.
  const encodeStart = process.hrtime.bigint();
  for (const label of labels) createQr(label.url, { errorCorrectionLevel: 'M' });
  const encodeSeconds = Number(process.hrtime.bigint() - encodeStart) / 1e9;

  const dir = mkdtempSync(join(tmpdir(), 'nst-bench-labels-'));
  const path = join(dir, 'labels.pdf');
  const renderStart = process.hrtime.bigint();
  await renderLabelPdf({
    path,
    layout: LAYOUTS['a4-3x8'],
    labels,
    threads: 0,
    text: {
      productName: 'Vải thiều Thanh Hà loại 1',
      geographicalIndication: 'Vải thiều Thanh Hà',
      lotCode: lot,
      harvestDate: '12/06/2026',
      cooperativeName: 'HTX Dịch vụ Nông nghiệp Thanh Hà',
      domain: 'nst.vn',
    },
  });
  const renderSeconds = Number(process.hrtime.bigint() - renderStart) / 1e9;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const pdfBytes = statSync(path).size;
  rmSync(dir, { recursive: true, force: true });

  const labelsPerSec = COUNT / renderSeconds;
  const encodesPerSec = COUNT / encodeSeconds;
  console.error(`raw qrcode.create: ${encodesPerSec.toFixed(0)}/s on one core; PDF: ${labelsPerSec.toFixed(0)} labels/s`);
  console.log(
    JSON.stringify({
      bench: 'labels',
      labels: COUNT,
      labelsPerSec: Math.round(labelsPerSec),
      ratio: Math.round((labelsPerSec / encodesPerSec) * 100) / 100,
      pdfBytes,
      peakRssMb: Math.round(peakRss / 1048576),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
