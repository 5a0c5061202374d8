import { create as createQr } from 'qrcode';
import { encodeGlyphs, FontMetrics } from './font-subset';
import { cellOrigin, LayoutGeometry, textArea } from './layouts';
import { n } from './pdf-writer';
import { qrTextBlock } from './qr-glyphs';

export interface LabelItem {
  url: string;
  serial: string;
}

/** Everything a render thread needs; plain data so it crosses worker_threads. */
export interface PageContext {
  layout: LayoutGeometry;
  mono: FontMetrics;
  monoBold: FontMetrics;
  qrResource: string;
  templateResource: string;
  domain: string;
}

/** Splits a serial for narrow labels: 19 characters become "1ABCDEFGHJ" / "KMNPQRSTV". */
export function serialLines(serial: string, lines: number): string[] {
  if (lines <= 1) return [serial];
  const per = Math.ceil(serial.length / lines);
  const out: string[] = [];
  for (let i = 0; i < serial.length; i += per) out.push(serial.slice(i, i + per));
  return out;
}

/** Height of the serial block at the bottom of the text area (domain line + serial lines). */
export function serialBlockHeight(layout: LayoutGeometry): number {
  return layout.sizes.domain * 1.15 + layout.serialLines * layout.sizes.serial * 1.1;
}

function qrFor(url: string) {
  // Error correction M, as DOMAIN.md asks for labels without a logo over the code.
  return createQr(url, { errorCorrectionLevel: 'M' }).modules as unknown as { size: number; data: Uint8Array };
}

/** The content stream of one page: for every label, the run's static template, the QR code and the serial. */
export function renderPageContent(labels: LabelItem[], ctx: PageContext): string {
  const { layout } = ctx;
  const area = textArea(layout);
  const out: string[] = ['0 g'];
  labels.forEach((label, index) => {
    const origin = cellOrigin(layout, index);
    const matrix = qrFor(label.url);
    const modules = matrix.size + 8;
    const module = layout.qrSide / modules;
    const qrX = layout.padding + 4 * module;
    // Centre the code vertically in the cell; the quiet zone lies inside qrSide.
    const qrBottom = (layout.cellHeight - layout.qrSide) / 2;
    const yTop = qrBottom + layout.qrSide - 4 * module;
    out.push(`q 1 0 0 1 ${n(origin.x)} ${n(origin.y)} cm /${ctx.templateResource} Do`);
    out.push(qrTextBlock(matrix, qrX, yTop, module, ctx.qrResource));
    const lines = serialLines(label.serial, layout.serialLines);
    let y = layout.padding + (lines.length - 1) * layout.sizes.serial * 1.1 + layout.sizes.serial * 0.15;
    const text = [
      `BT /${ctx.mono.resource} ${layout.sizes.domain} Tf 1 0 0 1 ${n(area.x)} ${n(y + layout.sizes.serial * 1.05)} Tm <${encodeGlyphs(ctx.mono, ctx.domain)}> Tj`,
    ];
    text.push(`/${ctx.monoBold.resource} ${layout.sizes.serial} Tf`);
    for (const line of lines) {
      text.push(`1 0 0 1 ${n(area.x)} ${n(y)} Tm <${encodeGlyphs(ctx.monoBold, line)}> Tj`);
      y -= layout.sizes.serial * 1.1;
    }
    text.push('ET Q');
    out.push(text.join('\n'));
  });
  return out.join('\n');
}
