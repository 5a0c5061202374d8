interface Range {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  for (const part of header.split(',')) {
    const [mediaRange, ...params] = part.split(';');
    const [type, subtype] = mediaRange.trim().toLowerCase().split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=');
      if (name?.trim().toLowerCase() === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/**
 * The quality an `Accept` header gives `offer` (RFC 9110 §12.5.1: the most specific matching range
 * decides) and whether a range naming it exactly decided, rather than a wildcard.
 */
function quality(ranges: Range[], offer: string): { q: number; explicit: boolean } {
  const [type, subtype] = offer.split('/');
  let best: { q: number; specificity: number } = { q: 0, specificity: -1 };
  for (const r of ranges) {
    const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' ? 0 : -1;
    if (specificity > best.specificity) best = { q: r.q, specificity };
  }
  return { q: best.q, explicit: best.specificity === 2 };
}

const CACHE_LIMIT = 500;
/** Per list of offers (the callers' constant arrays), header value → choice. */
const caches = new WeakMap<readonly string[], Map<string, string | null>>();

/**
 * Which of `offers` a client asked for by name, honouring q-values (ties go to the earlier offer);
 * null when the header names none of them with q > 0 (only wildcards, or other types). Results are
 * memoised per header value: a few browsers and apps send almost every request.
 */
export function explicitPreference(accept: string, offers: readonly string[]): string | null {
  let cache = caches.get(offers);
  if (!cache) caches.set(offers, (cache = new Map<string, string | null>()));
  const cached = cache.get(accept);
  if (cached !== undefined) return cached;
  const ranges = parseAccept(accept);
  let chosen: string | null = null;
  let bestQ = 0;
  for (const offer of offers) {
    const { q, explicit } = quality(ranges, offer);
    if (explicit && q > bestQ) {
      chosen = offer;
      bestQ = q;
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(accept, chosen);
  return chosen;
}

/** Whether the client accepts `offer` at all (q > 0), by name or by a wildcard; a missing header accepts everything. */
export function accepts(accept: string | undefined, offer: string): boolean {
  if (!accept) return true;
  return quality(parseAccept(accept), offer).q > 0;
}

/** Languages of `Accept-Language` with q > 0, best first (primary subtags, lower case). */
export function preferredLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const qParam = params.find((p) => p.trim().startsWith('q='));
      const q = qParam ? Number(qParam.trim().slice(2)) : 1;
      return { tag: tag.trim().toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}
