import type { LabelLayout } from '../label-run.entity';

export const MM = 72 / 25.4;

/** Geometry of one print layout, in PDF points (1/72 inch), origin bottom-left. */
export interface LayoutGeometry {
  name: LabelLayout;
  pageWidth: number;
  pageHeight: number;
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  marginLeft: number;
  marginTop: number;
  /** Blank border inside each cell, so a slightly shifted sheet does not cut the code. */
  padding: number;
  /** Side of the QR square including its 4-module quiet zone. */
  qrSide: number;
  gap: number;
  /** The serial is printed on this many lines (narrow thermal labels split it). */
  serialLines: number;
  sizes: { name: number; body: number; small: number; serial: number; domain: number };
}

/** 24 labels of 70 × 37.125 mm on A4, edge to edge: the common 3 × 8 sticker sheet. */
const A4_3X8: LayoutGeometry = {
  name: 'a4-3x8',
  pageWidth: 210 * MM,
  pageHeight: 297 * MM,
  columns: 3,
  rows: 8,
  cellWidth: 70 * MM,
  cellHeight: 37.125 * MM,
  marginLeft: 0,
  marginTop: 0,
  padding: 1.5 * MM,
  qrSide: 34 * MM,
  gap: 0.8 * MM,
  serialLines: 1,
  sizes: { name: 7.5, body: 5.8, small: 5.2, serial: 7, domain: 6 },
};

/** One 50 × 30 mm label per page, for thermal roll printers driven as PDF printers. */
const THERMAL_50X30: LayoutGeometry = {
  name: 'thermal-50x30',
  pageWidth: 50 * MM,
  pageHeight: 30 * MM,
  columns: 1,
  rows: 1,
  cellWidth: 50 * MM,
  cellHeight: 30 * MM,
  marginLeft: 0,
  marginTop: 0,
  padding: 1 * MM,
  qrSide: 27 * MM,
  gap: 0.5 * MM,
  serialLines: 2,
  sizes: { name: 6.2, body: 4.7, small: 4.4, serial: 6.8, domain: 5 },
};

export const LAYOUTS: Record<LabelLayout, LayoutGeometry> = { 'a4-3x8': A4_3X8, 'thermal-50x30': THERMAL_50X30 };

export function labelsPerPage(layout: LayoutGeometry): number {
  return layout.columns * layout.rows;
}

/** Bottom-left corner of the `index`-th cell of a page (row-major, from the top-left). */
export function cellOrigin(layout: LayoutGeometry, index: number): { x: number; y: number } {
  const column = index % layout.columns;
  const row = Math.floor(index / layout.columns);
  return {
    x: layout.marginLeft + column * layout.cellWidth,
    y: layout.pageHeight - layout.marginTop - (row + 1) * layout.cellHeight,
  };
}

export function textArea(layout: LayoutGeometry): { x: number; width: number } {
  const x = layout.padding + layout.qrSide + layout.gap;
  return { x, width: layout.cellWidth - x - layout.padding };
}
