import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { create as createQr } from 'qrcode';
import sharp from 'sharp';
import { labelFonts, textPath } from './label-image';
import { LabelTemplateText, layoutTemplate, PlacedLine, TemplateLine, TemplateRole, templateTextLines } from './label-template';
import type { LabelItem } from './page-content';
import { serialLines } from './page-content';

/** ZPL field data must not contain the command prefixes ^ and ~. */
function field(text: string): string {
  return text.replace(/[\^~]/g, ' ');
}

const LABEL_HEIGHT = 240;
const QR_ORIGIN = 8;
const QR_MAGNIFICATION = 4;
/** Printers start a ^BQ symbol about 10 dots below its field origin. */
const QR_TOP_OFFSET = 10;

/** The run's text, right of the code and above the domain line. */
export const ZPL_TEXT_BOX = { x: 200, y: 8, width: 192, height: 148 } as const;
// Condensed DejaVu at these heights (dots, 8 per mm) still reads like the printer fonts it replaces.
const ZPL_SIZES = { name: 19, body: 15, small: 14 };
/** Printed below the code: everything else goes to the text box. */
const UNDER_CODE: readonly TemplateRole[] = ['cooperative', 'scanPrompt'];

/** One block of the run's text as a 1-bit picture drawn from DejaVu outlines, where it goes on the label. */
export interface ZplTextGraphic {
  x: number;
  y: number;
  width: number;
  height: number;
  lines: PlacedLine[];
  /** One byte per dot, 1 = black, row after row. */
  dots: Uint8Array;
  /** `^GFA,…` ready to follow a `^FO`. */
  command: string;
}

/**
 * Printers' built-in font 0 has no Vietnamese diacritics (ả, ư, ơ, đ print blank) and Unicode fonts
 * are optional on Zebras and rare on compatibles, so the run's text is rasterised here, once per run,
 * and sent as graphic fields, which every ZPL printer prints the same. `sampleUrl` (any label's URL:
 * they have one length in a run) tells how tall the code is, and so how much room is left below it.
 */
export async function zplTextGraphics(text: LabelTemplateText, sampleUrl: string): Promise<ZplTextGraphic[]> {
  const lines = templateTextLines(text);
  // Sized as if the printer encoded every character in byte mode, the largest symbol it may choose.
  const qrModules = (
    createQr([{ data: Buffer.from(sampleUrl), mode: 'byte' }], { errorCorrectionLevel: 'M' }).modules as unknown as { size: number }
  ).size;
  const underCodeY = QR_ORIGIN + QR_TOP_OFFSET + qrModules * QR_MAGNIFICATION + 4;
  const graphics = [
    await textGraphic(
      lines.filter((l) => !UNDER_CODE.includes(l.role)),
      ZPL_TEXT_BOX,
    ),
  ];
  const underCode = { x: QR_ORIGIN, y: underCodeY, width: ZPL_TEXT_BOX.x - QR_ORIGIN - 8, height: LABEL_HEIGHT - 4 - underCodeY };
  if (underCode.height >= ZPL_SIZES.small * 1.2) {
    graphics.push(
      await textGraphic(
        lines.filter((l) => UNDER_CODE.includes(l.role)),
        underCode,
      ),
    );
  }
  return graphics;
}

async function textGraphic(
  template: TemplateLine[],
  box: { x: number; y: number; width: number; height: number },
): Promise<ZplTextGraphic> {
  const fonts = labelFonts();
  const byStyle = { regular: fonts.condensed, bold: fonts.condensedBold };
  const { width, height } = box;
  // Room below the last baseline for descenders (g, p, ạ, ậ).
  const lines = layoutTemplate(template, ZPL_SIZES, width, height - Math.ceil(ZPL_SIZES.body * 0.25), (font, t, size) => {
    const face = byStyle[font];
    return (face.layout(t.normalize('NFC')).advanceWidth * size) / face.unitsPerEm;
  });
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#fff"/><g fill="#000">`,
    ...lines.map((line) => textPath(byStyle[line.font], line.text, 0, line.baseline, line.size, width)),
    '</g></svg>',
  ].join('');
  const grey = await sharp(Buffer.from(svg)).flatten({ background: '#fff' }).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (grey.info.width !== width || grey.info.height !== height)
    throw new Error(`text graphic rendered ${grey.info.width}x${grey.info.height}`);
  const dots = new Uint8Array(width * height);
  for (let i = 0; i < dots.length; i++) dots[i] = grey.data[i] < 128 ? 1 : 0;
  return { ...box, lines, dots, command: graphicField(dots, width, height) };
}

/** `^GFA` in ZPL's ASCII compression: run-length counts, `,` for a row that ends white, `:` for a repeated row. */
export function graphicField(dots: Uint8Array, width: number, height: number): string {
  const rowBytes = Math.ceil(width / 8);
  const rows: string[] = [];
  let previous = '';
  for (let y = 0; y < height; y++) {
    let hex = '';
    for (let b = 0; b < rowBytes; b++) {
      let byte = 0;
      for (let bit = 0; bit < 8; bit++) {
        const x = b * 8 + bit;
        if (x < width && dots[y * width + x]) byte |= 0x80 >> bit;
      }
      hex += byte.toString(16).toUpperCase().padStart(2, '0');
    }
    rows.push(y > 0 && hex === previous ? ':' : compressRow(hex));
    previous = hex;
  }
  const total = rowBytes * height;
  return `^GFA,${total},${total},${rowBytes},${rows.join('')}`;
}

function compressRow(hex: string): string {
  let out = '';
  let i = 0;
  while (i < hex.length) {
    let j = i;
    while (j < hex.length && hex[j] === hex[i]) j++;
    if (j === hex.length && hex[i] === '0') return `${out},`;
    out += repeated(hex[i], j - i);
    i = j;
  }
  return out;
}

/** G-Y count 1-19, g-z count 20-400 in twenties; the counts add up. */
function repeated(char: string, count: number): string {
  let out = '';
  while (count > 0) {
    const n = Math.min(count, 419);
    count -= n;
    if (n === 1) {
      out += char;
      continue;
    }
    const twenties = Math.floor(n / 20);
    const ones = n % 20;
    out += (twenties ? String.fromCharCode(0x66 + twenties) : '') + (ones ? String.fromCharCode(0x46 + ones) : '') + char;
  }
  return out;
}

/**
 * ZPL II for Zebra-compatible 203-dpi thermal printers, one `^XA … ^XZ` block per 50 × 30 mm label
 * (400 × 240 dots): QR model 2 at error correction M (`^BQN,2,4` with `MA,` data), the run's text as a
 * graphic fields, the domain and the serial in font 0 (ASCII, which every printer has).
 */
export function zplLabel(item: LabelItem, graphics: ZplTextGraphic[], domain: string): string {
  const [serialA, serialB] = serialLines(item.serial, 2);
  return [
    '^XA',
    '^CI28',
    '^PW400',
    '^LL240',
    '^LH0,0',
    `^FO8,8^BQN,2,4^FDMA,${field(item.url)}^FS`,
    ...graphics.map((g) => `^FO${g.x},${g.y}${g.command}^FS`),
    `^FO200,160^A0N,18,16^FD${field(domain)}^FS`,
    `^FO200,182^A0N,22,20^FD${field(serialA)}^FS`,
    `^FO200,206^A0N,22,20^FD${field(serialB ?? '')}^FS`,
    '^XZ',
    '',
  ].join('\n');
}

/** Streams the whole run to `path`, one label after another, without holding it in memory. */
export async function renderLabelZpl(
  path: string,
  labels: LabelItem[],
  text: LabelTemplateText,
  onProgress?: (done: number, total: number) => Promise<void> | void,
): Promise<{ bytes: number }> {
  const graphics = labels.length ? await zplTextGraphics(text, labels[0].url) : [];
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  for (let i = 0; i < labels.length; i++) {
    const chunk = zplLabel(labels[i], graphics, text.domain);
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
    if (onProgress && (i + 1) % 1000 === 0) await onProgress(i + 1, labels.length);
  }
  out.end();
  await once(out, 'close');
  return { bytes };
}
