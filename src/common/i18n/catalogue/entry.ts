/** One sentence in every language; `{name}` marks a parameter. */
export interface CatalogueEntry {
  vi: string;
  en: string;
}
