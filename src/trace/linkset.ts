import { explicitPreference, preferredLanguages } from './negotiation';

/** GS1 Web Vocabulary: link types are written as full URIs in linksets and Link headers. */
export const GS1_VOC = 'https://gs1.org/voc/';
/** The JSON-LD context that turns a GS1 linkset into JSON-LD (GS1-Conformant Resolver, artefacts). */
export const LINKSET_CONTEXT = 'https://ref.gs1.org/standards/resolver/linkset-context';
export const LINKSET_MEDIA_TYPE = 'application/linkset+json';

/** The link types this resolver serves; all are in GS1's ratified set. */
export const LINK_TYPES = ['defaultLink', 'pip', 'traceability', 'certificationInfo'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

export interface LinkTarget {
  href: string;
  title: string;
  type?: string;
  hreflang?: string[];
}

/** The links of one identified entity (a label, its lot, its product), most granular first in a list. */
export interface LinkContext {
  anchor: string;
  itemDescription?: string;
  links: Partial<Record<LinkType, LinkTarget[]>>;
}

const GS1_NAMESPACES = ['gs1:', 'https://gs1.org/voc/', 'http://gs1.org/voc/', 'https://www.gs1.org/voc/', 'https://ref.gs1.org/voc/'];

/**
 * `?linkType=` as the resolver understands it: `linkset` (and the deprecated `all`), or a GS1 link type as
 * a CURIE (`gs1:pip`) or a full URI in any of the GS1 vocabulary's namespaces. Anything else is a link
 * type this resolver has no link for.
 */
export function readLinkType(value: string): 'linkset' | LinkType | null {
  if (value === 'linkset' || value === 'all') return 'linkset';
  for (const ns of GS1_NAMESPACES) {
    if (value.startsWith(ns)) {
      const name = value.slice(ns.length);
      return (LINK_TYPES as readonly string[]).includes(name) ? (name as LinkType) : null;
    }
  }
  return null;
}

function linkObject(target: LinkTarget): string {
  let out = `{"href":${JSON.stringify(target.href)},"title":${JSON.stringify(target.title)}`;
  if (target.type) out += `,"type":"${target.type}"`;
  if (target.hreflang) out += `,"hreflang":${JSON.stringify(target.hreflang)}`;
  return `${out}}`;
}

/** One link context object of RFC 9264 §4.2: `anchor`, then each link type's full URI with its targets. */
export function contextJson(context: LinkContext): string {
  let out = `{"anchor":${JSON.stringify(context.anchor)}`;
  if (context.itemDescription) out += `,"itemDescription":${JSON.stringify(context.itemDescription)}`;
  for (const type of LINK_TYPES) {
    const targets = context.links[type];
    if (targets?.length) out += `,"${GS1_VOC}${type}":[${targets.map(linkObject).join(',')}]`;
  }
  return `${out}}`;
}

/** The linkset document from link context objects already serialised (a lot's are built once and cached). */
export function linksetDocument(contexts: string[]): string {
  return `{"linkset":[${contexts.join(',')}]}`;
}

/** `Link` entry pointing at the linkset of `anchor` (resolver standard 2.9: on every answer). */
export function linksetLink(anchor: string): string {
  return `<${anchor}?linkType=linkset>; rel="linkset"; type="${LINKSET_MEDIA_TYPE}"`;
}

/** `Link` entry pointing at the JSON-LD context, sent with a linkset. */
export const CONTEXT_LINK = `<${LINKSET_CONTEXT}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`;

/** One link in the `Link` header's current form: full-URI relation type, title, media type and languages. */
export function linkHeaderEntry(type: LinkType, target: LinkTarget): string {
  // A header carries ASCII only: a Vietnamese title travels as RFC 8187 `title*` (RFC 8288 §3.4.1).
  const title = /^[\x20-\x7e]*$/.test(target.title)
    ? `title="${target.title.replace(/["\\]/g, '\\$&')}"`
    : `title*=UTF-8''${encodeURIComponent(target.title)}`;
  let out = `<${target.href}>; rel="${GS1_VOC}${type}"; ${title}`;
  if (target.type) out += `; type="${target.type}"`;
  if (target.hreflang) out += `; hreflang="${target.hreflang.join(' ')}"`;
  return out;
}

/**
 * The link of `type` a request gets (resolver standard 2.6.3): the most granular entity that has one,
 * then among its links the media type the client names (q-values honoured), then its language; a link
 * without a language when the client names none. Null when no entity has a link of that type.
 */
export function chooseLink(
  contexts: LinkContext[],
  type: LinkType,
  accept: string | undefined,
  acceptLanguage: string | undefined,
): LinkTarget | null {
  for (const context of contexts) {
    const targets = context.links[type];
    if (!targets?.length) continue;
    let candidates = targets;
    if (accept) {
      const offered = [...new Set(targets.map((t) => t.type).filter((t): t is string => !!t))];
      const preferred = explicitPreference(accept, offered);
      if (preferred) candidates = targets.filter((t) => t.type === preferred);
      else if (targets.some((t) => t.type === 'text/html')) candidates = targets.filter((t) => t.type === 'text/html' || !t.type);
    }
    const languages = preferredLanguages(acceptLanguage);
    for (const lang of languages) {
      const match = candidates.find((t) => t.hreflang?.includes(lang));
      if (match) return match;
    }
    return candidates.find((t) => !t.hreflang) ?? candidates[0];
  }
  return null;
}

/** `href` with the request's own query string passed on (resolver standard 2.12), `linkType` left out. */
export function withQuery(href: string, passOn: string): string {
  if (!passOn) return href;
  return `${href}${href.includes('?') ? '&' : '?'}${passOn}`;
}

const TITLES = {
  page: { vi: 'Thông tin truy xuất nguồn gốc', en: 'Traceability information' },
  json: 'Traceability information (JSON)',
  product: { vi: 'Thông tin sản phẩm', en: 'Product information' },
  traceability: 'EPCIS 2.0 events of the lot',
  certificationInfo: 'Certificates of the growing area',
};

/**
 * The links of a page this service renders at `anchor` (a label, a lot or a product): the page itself
 * as the default link (content negotiated), in Vietnamese and English, and its JSON answer, all typed
 * `gs1:pip`. `?format=` names the representation, so following a link never redirects again.
 */
export function pageLinks(anchor: string, kind: 'page' | 'product'): Partial<Record<LinkType, LinkTarget[]>> {
  const titles = TITLES[kind];
  const html = `${anchor}?format=html`;
  return {
    defaultLink: [{ href: html, title: titles.vi }],
    pip: [
      { href: html, title: titles.vi, type: 'text/html' },
      { href: `${html}&lang=vi`, title: titles.vi, type: 'text/html', hreflang: ['vi'] },
      { href: `${html}&lang=en`, title: titles.en, type: 'text/html', hreflang: ['en'] },
      { href: `${anchor}?format=json`, title: kind === 'page' ? TITLES.json : 'Product information (JSON)', type: 'application/json' },
    ],
  };
}

/** The public, privacy-filtered records of a lot: its EPCIS document and its growing area's certificates. */
export function lotRecordLinks(base: string, batchId: string, hasCertificates: boolean): Partial<Record<LinkType, LinkTarget[]>> {
  const links: Partial<Record<LinkType, LinkTarget[]>> = {
    traceability: [{ href: `${base}/trace/lots/${batchId}/epcis`, title: TITLES.traceability, type: 'application/ld+json' }],
  };
  if (hasCertificates) {
    links.certificationInfo = [
      { href: `${base}/trace/lots/${batchId}/certifications`, title: TITLES.certificationInfo, type: 'application/json' },
    ];
  }
  return links;
}
