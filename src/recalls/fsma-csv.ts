/**
 * The FDA FSMA 204 "sortable spreadsheet": one row per critical tracking event with its key data elements,
 * then where the lot went. Plain RFC 4180 CSV with a UTF-8 BOM (so spreadsheet programs read Vietnamese),
 * every field quoted, and text that a spreadsheet would run as a formula neutralised.
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

export function csvField(value: string | number | null): string {
  if (value === null) return '""';
  let text = String(value);
  if (typeof value === 'string' && /^[=+@\t\r]|^-[^\d]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(columns: readonly string[], rows: Record<string, string | number | null>[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c] ?? null)).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** YYYY-MM-DD and HH:MM+07:00 in Vietnam time. */
export function vietnamDateTime(at: Date): { date: string; time: string } {
  const local = new Date(at.getTime() + 7 * 3_600_000).toISOString();
  return { date: local.slice(0, 10), time: `${local.slice(11, 16)}+07:00` };
}
