import { foldForSearch } from '../../common/text/search-fold';
import { PesticideEntry, PESTICIDES } from './pesticides.data';

export type PesticideCrop = PesticideEntry['crops'][number];

/** Entries for a crop whose product or active ingredient contains `q`, ignoring case and diacritics. */
export function searchPesticides(crop: PesticideCrop | undefined, q: string | undefined): PesticideEntry[] {
  const needle = foldForSearch(q);
  return PESTICIDES.filter(
    (p) =>
      (!crop || p.crops.includes(crop)) && (!needle || foldForSearch(`${p.product} ${p.activeIngredient} ${p.targets}`).includes(needle)),
  );
}

/** Compares names as farmers type them: no case, no diacritics, no spaces or punctuation ("Score 250 EC" = "score250ec"). */
function compact(text: string): string {
  return foldForSearch(text).replace(/[^a-z0-9]/g, '');
}

/**
 * The table entry a spraying names, by trade name or active ingredient; several matches (one active
 * ingredient sold under several names) give the longest interval, which is the safe side.
 */
export function findPesticide(pesticide: unknown, activeIngredient: unknown): PesticideEntry | null {
  const names = [pesticide, activeIngredient].filter((v): v is string => typeof v === 'string' && v.trim() !== '').map(compact);
  if (!names.length) return null;
  const matches = PESTICIDES.filter((p) => {
    const product = compact(p.product);
    const ingredient = compact(p.activeIngredient);
    return names.some((n) => n === product || n === ingredient || (n.length >= 6 && (n.startsWith(ingredient) || product.startsWith(n))));
  });
  return matches.reduce<PesticideEntry | null>((best, p) => (!best || p.phiDays > best.phiDays ? p : best), null);
}
