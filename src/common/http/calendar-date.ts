import { propertyRule } from './property-rule';

/** A real calendar date written YYYY-MM-DD (2025-02-30 is refused). */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const IsCalendarDate = propertyRule('isCalendarDate', 'http.calendarDate', isCalendarDate);

/** An ISO 8601 date-time with an explicit offset (2026-05-20T06:30:00+07:00), or a plain YYYY-MM-DD date. */
export function isTimestampWithOffset(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const text: string = value;
  if (isCalendarDate(text)) return true;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return false;
  return !Number.isNaN(Date.parse(text)) && isCalendarDate(text.slice(0, 10));
}

export const IsTimestampWithOffset = propertyRule('isTimestampWithOffset', 'http.timestampWithOffset', isTimestampWithOffset);

/** A YYYY-MM-DD date is read as midnight in Vietnam (UTC+7). */
export function parseTimestamp(value: string): Date {
  return isCalendarDate(value) ? new Date(`${value}T00:00:00+07:00`) : new Date(value);
}
