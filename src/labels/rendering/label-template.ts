import { formatVietnamDate } from './label-text';

/** What is the same on every label of a run, printed beside the code. */
export interface LabelTemplateText {
  productName: string;
  geographicalIndication: string | null;
  lotCode: string;
  /** dd/mm/yyyy, Vietnam time. */
  harvestDate: string;
  cooperativeName: string;
  domain: string;
  /** e.g. `2 kg`, `500 g`; printed where the layout has room. */
  netWeight?: string | null;
  /** dd/mm/yyyy; printed where the layout has room. */
  bestBefore?: string | null;
}

export interface TemplateSource {
  product: {
    name: string;
    geographicalIndication: string | null;
    packageNetWeightKg: number | string | null;
    shelfLifeDays: number | null;
  };
  batch: { lotCode: string; harvestedAt: Date };
  cooperative: { name: string };
  domain: string;
}

export function labelTemplateText({ product, batch, cooperative, domain }: TemplateSource): LabelTemplateText {
  const kg = product.packageNetWeightKg === null ? null : Number(product.packageNetWeightKg);
  return {
    productName: product.name,
    geographicalIndication: product.geographicalIndication,
    lotCode: batch.lotCode,
    harvestDate: formatVietnamDate(batch.harvestedAt),
    cooperativeName: cooperative.name,
    domain,
    netWeight: kg !== null && kg > 0 ? formatNetWeight(kg) : null,
    // The same date the consumer page shows: harvest day plus the shelf life.
    bestBefore:
      product.shelfLifeDays === null ? null : formatVietnamDate(new Date(batch.harvestedAt.getTime() + product.shelfLifeDays * 86_400_000)),
  };
}

/** Vietnamese writes a decimal comma: 1,5 kg; under a kilogram in grams. */
export function formatNetWeight(kg: number): string {
  if (kg < 1) return `${Math.round(kg * 1000)} g`;
  return `${String(Math.round(kg * 1000) / 1000).replace('.', ',')} kg`;
}

export type FontStyle = 'regular' | 'bold';
export type TemplateSize = 'name' | 'body' | 'small';

export type TemplateRole = 'name' | 'indication' | 'lot' | 'harvest' | 'bestBefore' | 'netWeight' | 'cooperative' | 'scanPrompt';

export interface TemplateLine {
  role: TemplateRole;
  text: string;
  font: FontStyle;
  size: TemplateSize;
  maxLines: number;
  /** `wrap` may end in "…" when out of lines; `shrink` never cuts: smaller type, then more lines. */
  fit: 'wrap' | 'shrink';
  /** Printed only when there is room, lower numbers first; undefined: always printed. */
  optional?: number;
}

export const SCAN_PROMPT = 'Quét mã để truy xuất';

export function templateTextLines(text: LabelTemplateText): TemplateLine[] {
  const lines: TemplateLine[] = [{ role: 'name', text: text.productName, font: 'bold', size: 'name', maxLines: 2, fit: 'wrap' }];
  // The indication's number is what makes it checkable: the line shrinks instead of losing it.
  if (text.geographicalIndication) {
    const indication = `CDĐL: ${text.geographicalIndication}`;
    lines.push({ role: 'indication', text: indication, font: 'regular', size: 'small', maxLines: 2, fit: 'shrink' });
  }
  lines.push({ role: 'lot', text: `Lô: ${text.lotCode}`, font: 'regular', size: 'body', maxLines: 1, fit: 'shrink' });
  lines.push({ role: 'harvest', text: `Thu hoạch: ${text.harvestDate}`, font: 'regular', size: 'body', maxLines: 1, fit: 'shrink' });
  if (text.bestBefore) {
    lines.push({
      role: 'bestBefore',
      text: `HSD: ${text.bestBefore}`,
      font: 'regular',
      size: 'body',
      maxLines: 1,
      fit: 'shrink',
      optional: 1,
    });
  }
  if (text.netWeight) {
    lines.push({
      role: 'netWeight',
      text: `KL tịnh: ${text.netWeight}`,
      font: 'regular',
      size: 'body',
      maxLines: 1,
      fit: 'shrink',
      optional: 2,
    });
  }
  lines.push({ role: 'cooperative', text: text.cooperativeName, font: 'regular', size: 'small', maxLines: 2, fit: 'wrap' });
  lines.push({ role: 'scanPrompt', text: SCAN_PROMPT, font: 'bold', size: 'small', maxLines: 1, fit: 'shrink', optional: 3 });
  return lines;
}

/** Width of `text` in `font` at `size`, in the unit of the layout (PDF points, printer dots). */
export type Measure = (font: FontStyle, text: string, size: number) => number;

export interface PlacedLine {
  text: string;
  font: FontStyle;
  size: number;
  /** Distance of the baseline below the top of the text area. */
  baseline: number;
}

const LINE_HEIGHT = 1.18;
const GAP = 0.25;
/** Smallest type a shrinking line goes down to, relative to its size, before it takes another line. */
const MIN_SCALE = 0.75;

interface Block {
  line: TemplateLine;
  size: number;
  parts: string[];
  height: number;
}

/**
 * Lays the run's text out top-down in a `width` × `height` area: every line that must be there, then
 * the optional ones that still fit, in priority order, each drawn at its place in the list. A required
 * line below the bottom is dropped rather than drawn over what lies beneath.
 */
export function layoutTemplate(
  lines: TemplateLine[],
  sizes: Record<TemplateSize, number>,
  width: number,
  height: number,
  measure: Measure,
): PlacedLine[] {
  const blocks = lines.map((line) => fitBlock(line, sizes[line.size], width, measure));
  const chosen = new Set(blocks.filter((b) => b.line.optional === undefined));
  for (const block of blocks.filter((b) => b.line.optional !== undefined).sort((a, b) => a.line.optional! - b.line.optional!)) {
    chosen.add(block);
    if (extent(blocks.filter((b) => chosen.has(b))) > height) chosen.delete(block);
  }
  const placed: PlacedLine[] = [];
  let y = 0;
  for (const block of blocks) {
    if (!chosen.has(block)) continue;
    for (const part of block.parts) {
      y += block.size * LINE_HEIGHT;
      if (y > height) return placed;
      placed.push({ text: part, font: block.line.font, size: block.size, baseline: y });
    }
    y += block.size * GAP;
  }
  return placed;
}

/** Baseline of the last line below the top, for these blocks stacked in order. */
function extent(blocks: Block[]): number {
  const total = blocks.reduce((sum, b) => sum + b.height, 0);
  return blocks.length ? total - blocks[blocks.length - 1].size * GAP : 0;
}

function fitBlock(line: TemplateLine, base: number, width: number, measure: Measure): Block {
  const block = (size: number, parts: string[]): Block => ({ line, size, parts, height: parts.length * size * LINE_HEIGHT + size * GAP });
  if (line.fit === 'wrap')
    return block(
      base,
      wrapWords(line.text, line.maxLines, width, (t) => measure(line.font, t, base)),
    );
  for (let scale = 1; scale >= MIN_SCALE - 1e-9; scale -= 0.05) {
    const size = base * scale;
    if (measure(line.font, line.text, size) <= width) return block(size, [line.text]);
  }
  for (let scale = 1; scale >= MIN_SCALE - 1e-9; scale -= 0.05) {
    const size = base * scale;
    const parts = greedyLines(line.text, width, (t) => measure(line.font, t, size));
    if (parts.length <= line.maxLines && parts.every((p) => measure(line.font, p, size) <= width)) return block(size, parts);
  }
  // Longer than the label can hold even small: cut, as a last resort.
  const size = base * MIN_SCALE;
  return block(
    size,
    wrapWords(line.text, line.maxLines, width, (t) => measure(line.font, t, size)),
  );
}

/** Greedy word wrap, as many lines as it takes; a word wider than the line stays whole. */
function greedyLines(text: string, maxWidth: number, widthOf: (text: string) => number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (widthOf(candidate) <= maxWidth || !current) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = word;
  }
  if (current) lines.push(current);
  return lines;
}

/** Greedy word wrap into at most `maxLines`; the last line ends with "…" when text is cut or too wide. */
export function wrapWords(text: string, maxLines: number, maxWidth: number, widthOf: (text: string) => number): string[] {
  const lines = greedyLines(text, maxWidth, widthOf);
  if (lines.length > maxLines) {
    lines.splice(maxLines - 1, lines.length, ellipsize(lines.slice(maxLines - 1).join(' '), maxWidth, widthOf));
  }
  return lines.map((line) => (widthOf(line) > maxWidth ? ellipsize(line, maxWidth, widthOf) : line));
}

function ellipsize(text: string, maxWidth: number, widthOf: (text: string) => number): string {
  if (widthOf(text) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && widthOf(`${cut}…`) > maxWidth) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
