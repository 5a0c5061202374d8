/**
 * The FDA FSMA 204 "sortable spreadsheet": one row per critical tracking event with its key data elements,
 * then where the lot went. Written by the shared `toCsv` (common/csv), which neutralises formulas.
 */
export const FSMA_COLUMNS = [
  'Traceability Lot Code',
  'Product Description',
  'Quantity',
  'Unit of Measure',
  'Critical Tracking Event',
  'Event Date',
  'Event Time',
  'Location Description',
  'Location Identifier',
  'Immediate Previous Source',
  'Immediate Subsequent Recipient',
  'Reference Document Type',
  'Reference Document Number',
  'Traceability Lot Code Source',
  'Record ID',
] as const;

export type FsmaRow = Record<(typeof FSMA_COLUMNS)[number], string | number | null>;

/** YYYY-MM-DD and HH:MM+07:00 in Vietnam time. */
export function vietnamDateTime(at: Date): { date: string; time: string } {
  const local = new Date(at.getTime() + 7 * 3_600_000).toISOString();
  return { date: local.slice(0, 10), time: `${local.slice(11, 16)}+07:00` };
}
