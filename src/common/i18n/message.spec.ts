import { CATALOGUE } from './catalogue';
import { message, translate } from './message';

describe('the message catalogue', () => {
  it('has every sentence in Vietnamese and English, with the same parameters', () => {
    for (const [key, entry] of Object.entries(CATALOGUE)) {
      const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect({ key, vi: entry.vi.trim().length > 0, en: entry.en.trim().length > 0 }).toEqual({ key, vi: true, en: true });
      expect({ key, params: params(entry.vi) }).toEqual({ key, params: params(entry.en) });
    }
  });

  it('translates with parameters, Vietnamese by default', () => {
    expect(translate(message('validation.min', { 0: 1 }))).toBe('không được nhỏ hơn 1');
    expect(translate(message('validation.min', { 0: 1 }), 'en')).toBe('must not be less than 1');
  });

  it('passes a plain string through and composes text per language', () => {
    expect(translate('plain', 'vi')).toBe('plain');
    expect(translate((locale) => `x ${locale}`, 'en')).toBe('x en');
  });
});
