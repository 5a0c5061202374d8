/**
 * The QR code is drawn as text in a Type 3 font whose 256 glyphs are the 256 patterns of 8 modules
 * (bit 7 = leftmost), each glyph a vector path of merged horizontal runs. A 37 × 37 code becomes 37 short
 * hex strings: vector-sharp at any printer resolution, and about a tenth of the bytes of one rectangle
 * per module.
 */
const BLEED = 0.03;

export function qrGlyphProcedure(code: number): string {
  const ops = [`8 0 0 0 ${8 + BLEED} ${1 + BLEED} d1`];
  let bit = 0;
  while (bit < 8) {
    if (code & (0x80 >> bit)) {
      const start = bit;
      while (bit < 8 && code & (0x80 >> bit)) bit++;
      // Each run bleeds 3% of a module right and up, so neighbouring glyphs overlap instead of leaving
      // anti-aliasing hairlines between them when rasterised.
      ops.push(`${start} 0 ${bit - start + BLEED} ${1 + BLEED} re`);
    } else {
      bit++;
    }
  }
  if (ops.length > 1) ops.push('f');
  return ops.join('\n');
}

export interface QrMatrix {
  size: number;
  /** size × size, row-major, truthy = dark module. */
  data: ArrayLike<number | boolean>;
}

/**
 * Content-stream operators drawing `matrix` with its top-left dark-module area at (x, yTop), module
 * side `module` points, in the Type 3 font named `resource`.
 */
export function qrTextBlock(matrix: QrMatrix, x: number, yTop: number, module: number, resource: string): string {
  const { size, data } = matrix;
  const bytesPerRow = (size + 7) >> 3;
  const m = round(module);
  const parts = [`BT /${resource} ${m} Tf ${m} TL 1 0 0 1 ${round(x)} ${round(yTop)} Tm`];
  const row = new Array<number>(bytesPerRow);
  for (let r = 0; r < size; r++) {
    row.fill(0);
    const base = r * size;
    for (let c = 0; c < size; c++) if (data[base + c]) row[c >> 3] |= 0x80 >> (c & 7);
    let last = bytesPerRow - 1;
    while (last >= 0 && row[last] === 0) last--;
    if (last < 0) {
      parts.push('T*');
      continue;
    }
    let hex = '';
    for (let i = 0; i <= last; i++) hex += HEX[row[i]];
    parts.push(`<${hex}>'`);
  }
  parts.push('ET');
  return parts.join('\n');
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function round(value: number): string {
  return (Math.round(value * 10000) / 10000).toString();
}
