import { ASCII, EmbeddedFont, encodeGlyphs, FontMetrics, metricsOf, subsetFont, textWidth } from './font-subset';
import { LabelTemplateText, layoutTemplate, templateTextLines, TemplateLine } from './label-template';
import { labelsPerPage, LayoutGeometry, textArea } from './layouts';
import { LabelItem, PageContext, serialBlockHeight } from './page-content';
import { n, pdfString, PdfWriter } from './pdf-writer';
import { qrGlyphProcedure } from './qr-glyphs';
import { renderPages } from './render-pool';

const FONT_DIR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').replace(/DejaVuSans\.ttf$/, '');

export type { LabelTemplateText } from './label-template';

export interface PdfRenderOptions {
  path: string;
  layout: LayoutGeometry;
  text: LabelTemplateText;
  labels: LabelItem[];
  threads: number;
  onProgress?: (done: number, total: number) => Promise<void> | void;
}

/**
 * Print-ready label PDF: fonts embedded (DejaVu, which has every Vietnamese glyph), a Form XObject
 * for the run's static text, and one content stream per page with the QR codes as vector glyphs.
 * Pages are rendered on worker threads and streamed to disk in order.
 */
export async function renderLabelPdf(options: PdfRenderOptions): Promise<{ bytes: number; pages: number }> {
  const { layout, text, labels } = options;
  const perPage = labelsPerPage(layout);
  const pageCount = Math.max(1, Math.ceil(labels.length / perPage));
  const templateLines = templateTextLines(text);
  const allText = templateLines.map((l) => l.text).join('') + '…';
  const regular = subsetFont(`${FONT_DIR}DejaVuSans.ttf`, 'F1', allText);
  const bold = subsetFont(`${FONT_DIR}DejaVuSans-Bold.ttf`, 'F2', allText);
  const mono = subsetFont(`${FONT_DIR}DejaVuSansMono.ttf`, 'F3', ASCII);
  const monoBold = subsetFont(`${FONT_DIR}DejaVuSansMono-Bold.ttf`, 'F4', ASCII);

  const pdf = new PdfWriter(options.path);
  try {
    const catalog = pdf.allocate();
    const pagesRoot = pdf.allocate();
    const info = pdf.allocate();
    const resources = pdf.allocate();
    const template = pdf.allocate();
    const qrFont = pdf.allocate();
    const fontRefs: string[] = [];
    for (const font of [regular, bold, mono, monoBold]) fontRefs.push(`/${font.resource} ${await writeFont(pdf, font)} 0 R`);
    await writeQrFont(pdf, qrFont);
    await pdf.object(
      resources,
      `<< /Font << ${fontRefs.join(' ')} /Q ${qrFont} 0 R >> /XObject << /T0 ${template} 0 R >> /ProcSet [/PDF /Text] >>`,
    );
    await pdf.stream(
      template,
      `/Type /XObject /Subtype /Form /BBox [0 0 ${n(layout.cellWidth)} ${n(layout.cellHeight)}] /Resources << /Font << ${fontRefs.slice(0, 2).join(' ')} >> >>`,
      templateContent(layout, templateLines, metricsOf(regular), metricsOf(bold)),
    );
    await pdf.object(catalog, `<< /Type /Catalog /Pages ${pagesRoot} 0 R /ViewerPreferences << /PrintScaling /None >> >>`);
    await pdf.object(
      info,
      `<< /Producer (nongsan-trace) /Title ${pdfString(`Tem truy xuat ${text.lotCode}`)} /CreationDate ${pdfString(pdfDate(new Date()))} >>`,
    );

    const context: PageContext = {
      layout,
      mono: metricsOf(mono),
      monoBold: metricsOf(monoBold),
      qrResource: 'Q',
      templateResource: 'T0',
      domain: text.domain,
    };
    const kids: number[] = [];
    let done = 0;
    for await (const content of renderPages(pageChunks(labels, perPage), pageCount, context, options.threads)) {
      const contentRef = pdf.allocate();
      const pageRef = pdf.allocate();
      await pdf.stream(contentRef, '', content, true);
      await pdf.object(
        pageRef,
        `<< /Type /Page /Parent ${pagesRoot} 0 R /MediaBox [0 0 ${n(layout.pageWidth)} ${n(layout.pageHeight)}] /Resources ${resources} 0 R /Contents ${contentRef} 0 R >>`,
      );
      kids.push(pageRef);
      done = Math.min(labels.length, kids.length * perPage);
      if (options.onProgress && kids.length % 25 === 0) await options.onProgress(done, labels.length);
    }
    await pdf.object(pagesRoot, `<< /Type /Pages /Count ${kids.length} /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] >>`);
    const bytes = await pdf.finish(catalog, info);
    return { bytes, pages: kids.length };
  } catch (error) {
    pdf.abort();
    throw error;
  }
}

function* pageChunks(labels: LabelItem[], perPage: number): Generator<LabelItem[]> {
  if (!labels.length) yield [];
  for (let i = 0; i < labels.length; i += perPage) yield labels.slice(i, i + perPage);
}

/** The static block in the text area, above the serial block: see layoutTemplate for what is kept. */
function templateContent(layout: LayoutGeometry, lines: TemplateLine[], regular: FontMetrics, bold: FontMetrics): string {
  const area = textArea(layout);
  const floor = layout.padding + serialBlockHeight(layout) + 1;
  const top = layout.cellHeight - layout.padding;
  const fonts = { regular, bold };
  const placed = layoutTemplate(lines, layout.sizes, area.width, top - floor, (font, text, size) => textWidth(fonts[font], text, size));
  const out = ['0 g BT'];
  for (const line of placed) {
    const font = fonts[line.font];
    out.push(
      `/${font.resource} ${n(line.size)} Tf 1 0 0 1 ${n(area.x)} ${n(top - line.baseline)} Tm <${encodeGlyphs(font, line.text)}> Tj`,
    );
  }
  out.push('ET');
  return out.join('\n');
}

async function writeFont(pdf: PdfWriter, font: EmbeddedFont): Promise<number> {
  const type0 = pdf.allocate();
  const cid = pdf.allocate();
  const descriptor = pdf.allocate();
  const file = pdf.allocate();
  const toUnicode = pdf.allocate();
  // A subset font's name carries a six-letter tag (PDF 32000-1, 9.6.4).
  const name = `${subsetTag(font.resource)}+${font.postscriptName}`;
  const maxId = Math.max(0, ...Object.keys(font.widthOf).map(Number));
  const widths = Array.from({ length: maxId + 1 }, (_, id) => font.widthOf[id] ?? 0);
  await pdf.object(
    type0,
    `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
  );
  await pdf.object(
    cid,
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /W [0 [${widths.join(' ')}]] /CIDToGIDMap /Identity >>`,
  );
  await pdf.object(
    descriptor,
    `<< /Type /FontDescriptor /FontName /${name} /Flags 32 /FontBBox [${font.bbox.join(' ')}] /ItalicAngle 0 /Ascent ${font.ascent} /Descent ${font.descent} /CapHeight ${font.ascent} /StemV 80 /FontFile2 ${file} 0 R >>`,
  );
  await pdf.stream(file, `/Length1 ${font.fontFile.length}`, font.fontFile);
  await pdf.stream(toUnicode, '', toUnicodeCmap(font.unicodeOf));
  return type0;
}

async function writeQrFont(pdf: PdfWriter, ref: number): Promise<void> {
  const procs: string[] = [];
  for (let code = 0; code < 256; code++) {
    const proc = pdf.allocate();
    await pdf.stream(proc, '', qrGlyphProcedure(code));
    procs.push(`/g${code} ${proc} 0 R`);
  }
  const names = Array.from({ length: 256 }, (_, i) => `/g${i}`).join(' ');
  await pdf.object(
    ref,
    `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 8 1] /FontMatrix [1 0 0 1 0 0] /CharProcs << ${procs.join(' ')} >> /Encoding << /Type /Encoding /Differences [0 ${names}] >> /FirstChar 0 /LastChar 255 /Widths [${new Array(256).fill(8).join(' ')}] /Resources << >> >>`,
  );
}

function toUnicodeCmap(unicodeOf: Record<number, number>): string {
  const entries = Object.entries(unicodeOf).map(
    ([id, cp]) => `<${Number(id).toString(16).padStart(4, '0')}> <${cp.toString(16).padStart(4, '0')}>`,
  );
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMapResource defineresource pop',
    'end',
    'end',
  ].join('\n');
}

function subsetTag(resource: string): string {
  return `NST${resource.padStart(3, 'A')}`
    .replace(/[^A-Z]/g, 'A')
    .slice(0, 6)
    .padEnd(6, 'A');
}

function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
