import { negotiateLocale } from './locale';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['fr-FR,en;q=0.5,vi;q=0.7', 'vi'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0, vi', 'vi'],
    ['de', 'vi'],
    ['*', 'vi'],
    ['en;q=abc', 'vi'],
  ])('%j → %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
