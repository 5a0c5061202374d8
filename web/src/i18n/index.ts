import { signal } from '@preact/signals';
import commonEn from './en/common';
import commonVi from './vi/common';

export type Lang = 'vi' | 'en';
export type Strings = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;

const LANG_KEY = 'nongsan.lang';
const catalogues: Record<Lang, Record<string, string>> = { vi: {}, en: {} };

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** The language the person chose; Vietnamese until they pick English. Screens re-render when it changes. */
export const lang = signal<Lang>(initialLang());

/**
 * Adds an area's strings (common, farmer, manager, province). Each area registers its own when its code
 * loads, so a farmer's phone never downloads the province office's words.
 */
export function addStrings(vi: Strings, en: Strings): void {
  Object.assign(catalogues.vi, vi);
  Object.assign(catalogues.en, en);
}

addStrings(commonVi, commonEn);

/** The text of `key` in the chosen language, `{name}` placeholders filled from `params`. */
export function t(key: string, params?: Params): string {
  const text = catalogues[lang.value][key] ?? catalogues.vi[key];
  if (text === undefined) {
    if (import.meta.env.DEV) console.warn(`i18n: no text for ${key}`);
    return key;
  }
  return params ? interpolate(text, params) : text;
}

export function interpolate(text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function setLang(next: Lang): void {
  lang.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
}

/** BCP 47 tag for Intl and Accept-Language. */
export function locale(): string {
  return lang.value === 'en' ? 'en-GB' : 'vi-VN';
}

/** The farms are in Viet Nam: a diary day is a day there, whatever the phone's own time zone says. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

/** 07/12/2026 */
export function formatDate(value: Date | string | number): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(toDate(value));
}

/** 07/12 — the short form farmers write ("an toàn thu hoạch từ 07/12"); Intl's vi-VN writes 07-12. */
export function formatDayMonth(value: Date | string | number): string {
  const [, month, day] = isoDay(value).split('-');
  return `${day}/${month}`;
}

/** 07/12/2026 14:05 */
export function formatDateTime(value: Date | string | number): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(toDate(value));
}

/** 1.234,5 in Vietnamese, 1,234.5 in English. */
export function formatNumber(value: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits }).format(value);
}

/** YYYY-MM-DD of a moment, as the calendar reads in Viet Nam. */
export function isoDay(value: Date | string | number = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(toDate(value));
}

/** Traditional weight units still used at the farm gate: 1 yến = 10 kg, 1 tạ = 100 kg, 1 tấn = 1000 kg. */
export const WEIGHT_UNITS = { kg: 1, yen: 10, ta: 100, tan: 1000 } as const;
export type WeightUnit = keyof typeof WEIGHT_UNITS;

export function toKg(quantity: number, unit: WeightUnit): number {
  return Math.round(quantity * WEIGHT_UNITS[unit] * 1000) / 1000;
}

/** "250 kg (2,5 tạ)": kilograms as the API stores them, with the largest traditional unit that reads naturally. */
export function formatWeight(kg: number): string {
  const base = `${formatNumber(kg)} kg`;
  const unit: WeightUnit | null = kg >= 1000 ? 'tan' : kg >= 100 ? 'ta' : kg >= 10 ? 'yen' : null;
  if (!unit) return base;
  return `${base} (${formatNumber(kg / WEIGHT_UNITS[unit])} ${t(`common.unit.${unit}`)})`;
}
