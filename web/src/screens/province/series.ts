/**
 * Daily counts grouped so a chart reads well with one day of data or a whole season: up to two weeks day by
 * day, up to half a year week by week (weeks start on Monday), longer month by month. Periods without data
 * are shown as zero, so a gap is seen as a gap. Pure (no DOM, no i18n): the labels are made by `label`.
 */
export type Grain = 'day' | 'week' | 'month';

export interface Bucket {
  /** First day of the period, YYYY-MM-DD. */
  start: string;
  value: number;
}

export interface Series {
  grain: Grain;
  from: string | null;
  to: string | null;
  buckets: Bucket[];
}

const DAY_MS = 86_400_000;
const toMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function startOf(day: string, grain: Grain): string {
  if (grain === 'day') return day;
  if (grain === 'month') return `${day.slice(0, 7)}-01`;
  const ms = toMs(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return toDay(ms - weekday * DAY_MS);
}

function next(start: string, grain: Grain): string {
  if (grain === 'day') return toDay(toMs(start) + DAY_MS);
  if (grain === 'week') return toDay(toMs(start) + 7 * DAY_MS);
  const [y, m] = start.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function groupDaily(points: { day: string; value: number }[]): Series {
  const valid = points.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p.day)).sort((a, b) => a.day.localeCompare(b.day));
  if (!valid.length) return { grain: 'day', from: null, to: null, buckets: [] };
  const from = valid[0].day;
  const to = valid[valid.length - 1].day;
  const spanDays = (toMs(to) - toMs(from)) / DAY_MS + 1;
  const grain: Grain = spanDays <= 14 ? 'day' : spanDays <= 183 ? 'week' : 'month';
  const sums = new Map<string, number>();
  for (const p of valid) sums.set(startOf(p.day, grain), (sums.get(startOf(p.day, grain)) ?? 0) + p.value);
  const buckets: Bucket[] = [];
  for (let start = startOf(from, grain); start <= to; start = next(start, grain)) buckets.push({ start, value: sums.get(start) ?? 0 });
  return { grain, from, to, buckets };
}
