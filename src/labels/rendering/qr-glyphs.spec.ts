import { qrGlyphProcedure, qrTextBlock } from './qr-glyphs';

describe('QR glyph font', () => {
  it('draws each 8-module pattern as merged runs', () => {
    expect(qrGlyphProcedure(0)).toBe('8 0 0 0 8.03 1.03 d1');
    expect(qrGlyphProcedure(0xff)).toBe('8 0 0 0 8.03 1.03 d1\n0 0 8.03 1.03 re\nf');
    expect(qrGlyphProcedure(0b10110001)).toBe('8 0 0 0 8.03 1.03 d1\n0 0 1.03 1.03 re\n2 0 2.03 1.03 re\n7 0 1.03 1.03 re\nf');
  });

  it('writes one hex string per row, trailing empty bytes dropped, empty rows as T*', () => {
    const size = 10;
    const data = new Uint8Array(size * size);
    data[0] = 1; // row 0, column 0
    data[size * 2 + 9] = 1; // row 2, column 9 (second byte, bit 1)
    const block = qrTextBlock({ size, data }, 10, 100, 2, 'Q');
    const lines = block.split('\n');
    expect(lines[0]).toBe('BT /Q 2 Tf 2 TL 1 0 0 1 10 100 Tm');
    expect(lines.slice(1, 4)).toEqual(["<80>'", 'T*', "<0040>'"]);
    expect(lines).toHaveLength(size + 2);
    expect(lines[lines.length - 1]).toBe('ET');
  });
});
