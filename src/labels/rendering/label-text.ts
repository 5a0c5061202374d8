/** dd/mm/yyyy in Vietnam time (UTC+7, no daylight saving), as printed on labels. */
export function formatVietnamDate(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}
