import * as fontkit from 'fontkit';
import { create as createQr } from 'qrcode';
import sharp from 'sharp';
import type { LabelTemplateText } from './label-template';
import { serialLines } from './page-content';

const FONT_DIR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf').replace(/DejaVuSans\.ttf$/, '');
let fonts: { regular: fontkit.Font; bold: fontkit.Font; mono: fontkit.Font; condensed: fontkit.Font; condensedBold: fontkit.Font } | null =
  null;

/** DejaVu, which has every Vietnamese glyph, read once per process. */
export function labelFonts() {
  fonts ??= {
    regular: fontkit.openSync(`${FONT_DIR}DejaVuSans.ttf`) as fontkit.Font,
    bold: fontkit.openSync(`${FONT_DIR}DejaVuSans-Bold.ttf`) as fontkit.Font,
    mono: fontkit.openSync(`${FONT_DIR}DejaVuSansMono-Bold.ttf`) as fontkit.Font,
    condensed: fontkit.openSync(`${FONT_DIR}DejaVuSansCondensed.ttf`) as fontkit.Font,
    condensedBold: fontkit.openSync(`${FONT_DIR}DejaVuSansCondensed-Bold.ttf`) as fontkit.Font,
  };
  return fonts;
}

/** Text as SVG outlines, so the image looks the same whatever fonts the viewing machine has. */
export function textPath(font: fontkit.Font, text: string, x: number, y: number, size: number, maxWidth: number): string {
  const run = font.layout(text.normalize('NFC'));
  const scale = size / font.unitsPerEm;
  const width = run.advanceWidth * scale;
  const squeeze = width > maxWidth ? maxWidth / width : 1;
  let pen = 0;
  const paths: string[] = [];
  run.glyphs.forEach((glyph, i) => {
    const d = glyph.path.toSVG();
    if (d)
      paths.push(
        `<path transform="translate(${(x + pen * scale * squeeze).toFixed(2)} ${y.toFixed(2)}) scale(${(scale * squeeze).toFixed(5)} ${(-scale).toFixed(5)})" d="${d}"/>`,
      );
    pen += run.positions[i].xAdvance;
  });
  return paths.join('');
}

/** One label as SVG, 50 × 30 mm (500 × 300 user units): the QR code as one merged path, text as outlines. */
export function labelSvg(url: string, serial: string, text: LabelTemplateText): string {
  const { regular, bold, mono } = labelFonts();
  const qr = createQr(url, { errorCorrectionLevel: 'M' }).modules as unknown as { size: number; data: Uint8Array };
  const modules = qr.size + 8;
  const side = 280;
  const unit = side / modules;
  let d = '';
  for (let r = 0; r < qr.size; r++) {
    let c = 0;
    while (c < qr.size) {
      if (!qr.data[r * qr.size + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < qr.size && qr.data[r * qr.size + c]) c++;
      d += `M${start + 4} ${r + 4}h${c - start}v1h${start - c}z`;
    }
  }
  const tx = side + 12;
  const tw = 500 - tx - 8;
  const [a, b] = serialLines(serial, 2);
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="50mm" height="30mm" viewBox="0 0 500 300">',
    '<rect width="500" height="300" fill="#fff"/>',
    `<g transform="translate(10 10) scale(${unit.toFixed(5)})"><path fill="#000" d="${d}"/></g>`,
    '<g fill="#000">',
    textPath(bold, text.productName, tx, 42, 24, tw),
    textPath(regular, `Lô: ${text.lotCode}`, tx, 82, 17, tw),
    textPath(regular, `Thu hoạch: ${text.harvestDate}`, tx, 106, 17, tw),
    textPath(regular, text.cooperativeName, tx, 130, 15, tw),
    textPath(regular, text.domain, tx, 214, 17, tw),
    textPath(mono, a, tx, 244, 22, tw),
    textPath(mono, b ?? '', tx, 272, 22, tw),
    '</g></svg>',
  ].join('');
}

export async function labelPng(svg: string): Promise<Buffer> {
  // 600 dpi-ish raster of a 50 mm label: sharp (librsvg) rasterises the vector SVG.
  return sharp(Buffer.from(svg), { density: 300 }).png().toBuffer();
}
