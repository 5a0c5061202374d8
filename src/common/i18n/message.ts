import { CATALOGUE, MessageKey } from './catalogue';
import { DEFAULT_LOCALE, Locale } from './locale';

export type MessageParams = Record<string, string | number>;

/**
 * Something a person will read, as a key of the catalogue and its parameters, translated only at the
 * edge (the error filter, a page) into the reader's language. Services never hold the sentences.
 */
export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export function message(key: MessageKey, params?: MessageParams): Message {
  return params ? { key, params } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as Message).key === 'string' && (value as Message).key in CATALOGUE;
}

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CATALOGUE, value);
}

/** Text made of several catalogue sentences (a list of field problems), composed per language. */
export type ComposedText = (locale: Locale) => string;

/** Anything a reader is told: a catalogue message, a composition of them, or a plain string not yet in the catalogue. */
export type Translatable = Message | ComposedText | string;

/** The text in `locale`; a plain string (not yet in the catalogue) is returned as it is. */
export function translate(text: Translatable, locale: Locale = DEFAULT_LOCALE): string {
  if (typeof text === 'function') return text(locale);
  if (typeof text === 'string') return isMessageKey(text) ? translate({ key: text }, locale) : text;
  const entry = CATALOGUE[text.key];
  const template = entry[locale] ?? entry[DEFAULT_LOCALE];
  const params = text.params ?? {};
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
