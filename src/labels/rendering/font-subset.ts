import * as fontkit from 'fontkit';

/** What a worker thread needs to lay out and encode text in one embedded font (plain data, so it can cross threads). */
export interface FontMetrics {
  /** Resource name in the page, e.g. `F1`. */
  resource: string;
  /** Unicode code point -> glyph id in the embedded subset. */
  glyphOf: Record<number, number>;
  /** Subset glyph id -> advance width in 1/1000 em. */
  widthOf: Record<number, number>;
}

export interface EmbeddedFont extends FontMetrics {
  postscriptName: string;
  /** Subset TrueType file (FontFile2). */
  fontFile: Uint8Array;
  ascent: number;
  descent: number;
  bbox: [number, number, number, number];
  /** Subset glyph id -> Unicode code point, for the ToUnicode map (copy/paste, screen readers). */
  unicodeOf: Record<number, number>;
}

/** Printable ASCII: every serial, lot code and domain is drawn from it. */
export const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/**
 * Subsets a TrueType font to the characters of `text` (NFC), so a Vietnamese label embeds a few KB of
 * glyphs, not the whole font. The PDF standard 14 fonts have no Vietnamese glyphs; this is why a font is embedded.
 */
export function subsetFont(path: string, resource: string, text: string): EmbeddedFont {
  const font = fontkit.openSync(path) as fontkit.Font;
  const subset = font.createSubset();
  const scale = 1000 / font.unitsPerEm;
  const glyphOf: Record<number, number> = {};
  const widthOf: Record<number, number> = { 0: Math.round(font.getGlyph(0).advanceWidth * scale) };
  const unicodeOf: Record<number, number> = {};
  for (const ch of new Set(text.normalize('NFC'))) {
    const cp = ch.codePointAt(0)!;
    const glyph = font.glyphForCodePoint(cp);
    if (!glyph || glyph.id === 0) continue;
    // fontkit returns the glyph id in the subset (its typings say boolean).
    const id = subset.includeGlyph(glyph) as unknown as number;
    glyphOf[cp] = id;
    widthOf[id] = Math.round(glyph.advanceWidth * scale);
    unicodeOf[id] = cp;
  }
  const bbox = font.bbox;
  return {
    resource,
    postscriptName: font.postscriptName.replace(/[^A-Za-z0-9-]/g, ''),
    fontFile: subset.encode(),
    ascent: Math.round(font.ascent * scale),
    descent: Math.round(font.descent * scale),
    bbox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)) as [number, number, number, number],
    glyphOf,
    widthOf,
    unicodeOf,
  };
}

export function metricsOf(font: EmbeddedFont): FontMetrics {
  return { resource: font.resource, glyphOf: font.glyphOf, widthOf: font.widthOf };
}

/** Identity-H encoding: two bytes of glyph id per character, as a PDF hex string body. */
export function encodeGlyphs(font: FontMetrics, text: string): string {
  let hex = '';
  for (const ch of text.normalize('NFC')) {
    const id = font.glyphOf[ch.codePointAt(0)!] ?? 0;
    hex += id.toString(16).padStart(4, '0');
  }
  return hex;
}

export function textWidth(font: FontMetrics, text: string, size: number): number {
  let width = 0;
  for (const ch of text.normalize('NFC')) width += font.widthOf[font.glyphOf[ch.codePointAt(0)!] ?? 0] ?? 0;
  return (width * size) / 1000;
}
