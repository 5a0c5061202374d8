/**
 * The form names are searched in: no diacritics, đ as d, lower case, single spaces. "Nguyễn Văn An"
 * and "nguyen van an" fold alike, so a farmer typing without tones on a phone still finds the record.
 * Stored beside the text (a `*_search` column) rather than computed by the database, so PostgreSQL and
 * SQLite fold the same way and neither needs an extension.
 */
export function foldForSearch(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A LIKE pattern for `query` against a folded column, with LIKE's wildcards in the query escaped (ESCAPE '\\'). */
export function foldedLikePattern(query: string): string {
  return `%${foldForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
