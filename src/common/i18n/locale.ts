/** The languages people read this service in: Vietnamese first, English on request. */
export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

/**
 * The best supported language of an `Accept-Language` header (RFC 9110 §12.5.4), honouring q-values;
 * Vietnamese when the header is absent, unusable or names nothing supported.
 */
export function negotiateLocale(acceptLanguage: string | string[] | undefined): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [range, ...parameters] = part.trim().split(';');
    const language = range.trim().toLowerCase().split('-')[0];
    const qParameter = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParameter ? Number(qParameter.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const locale = language === '*' ? DEFAULT_LOCALE : (LOCALES as readonly string[]).includes(language) ? (language as Locale) : null;
    if (locale && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}
