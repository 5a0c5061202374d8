import type { BatchEvent } from '../batches/batch-event.entity';
import type { Batch } from '../batches/batch.entity';
import type { Product } from '../catalog/product.entity';
import type { Cooperative } from '../registry/cooperative.entity';
import type { Household } from '../registry/household.entity';
import type { PlotCertification } from '../registry/plot-certification.entity';
import type { Plot } from '../registry/plot.entity';
import { safetyStateOf } from '../batches/safety-rules';
import { certificationStatus, CertificationStatus } from '../registry/certification-rules';
import { formatDate, Language, TEXT } from './i18n';
import { escapeHtml } from './html';

/** Event details a shopper may see. Anything else a farmer typed (notes, names, phone numbers) stays private. */
const PUBLIC_DETAILS = [
  'pesticide',
  'activeIngredient',
  'preHarvestIntervalDays',
  'fertilizer',
  'destination',
  'result',
  'packingHouseCode',
  'temperatureC',
  'quantityKg',
];

export interface TraceSources {
  batch: Batch;
  product: Product;
  cooperative: Cooperative;
  household: Household;
  plot: Plot | null;
  certifications: PlotCertification[];
  events: BatchEvent[];
}

/**
 * The public face of a batch, built once and served to every scan of its labels: a JSON fragment and
 * the page body in each language, so a scan only adds its verdict and count.
 */
export interface TraceView {
  batchId: string;
  cooperativeId: string;
  gtin: string | null;
  lotCode: string;
  recalled: boolean;
  recallReason: string | null;
  /** When the lot was recalled (ISO), for `status.recalled.at` and the banner. */
  recalledAt: string | null;
  /** YYYY-MM-DD (Vietnam), or null when the product has no shelf life. */
  bestBefore: string | null;
  /** The instant the best-before day ends in Vietnam: from then on the lot is `expired`. */
  expiresAt: number | null;
  /**
   * Held for food safety (harvested inside a pre-harvest interval, not released by a co-op manager):
   * `safeFrom` is the day harvesting that plot became safe. Null when not held.
   */
  hold: { safeFrom: string } | null;
  /** The lot was harvested inside a pre-harvest interval: never under a green banner, even once a manager released it. */
  safetyWarning: boolean;
  /** The dates the banner shows, formatted once per language. */
  dates: Record<Language, { bestBefore: string | null; recalledAt: string | null; safeFrom: string | null }>;
  /** `"product":{…},"batch":{…},"origin":{…},"events":[…]` */
  json: string;
  html: Record<Language, string>;
  builtAt: number;
  /** The product's name, for the linkset's item descriptions. */
  productName: string;
  /** Certificates of the growing area: the lot has a `gs1:certificationInfo` link only when there are some. */
  certificationCount: number;
  /** The lot's and product's link context objects, built on the first resolver request (ScanService). */
  resolver?: { contexts: import('./linkset').LinkContext[]; json: string[] };
  /** `Link` header of the lot's own answers. */
  lotLink?: string;
}

/** A product as `/01/{gtin}` shows it: what it is and who makes it (no lot, no verdict). */
export interface ProductView {
  name: string;
  /** `{"product":{…},"producer":{…}}` */
  json: string;
  html: Record<Language, string>;
  loadedAt: number;
}

/** What a shopper reads about a product; a lot's page adds the net weight of the package in hand. */
function publicProductOf(product: Product, withPackageWeight: boolean) {
  return {
    name: product.name,
    variety: product.variety,
    gtin: product.gtin,
    geographicalIndication: product.geographicalIndication,
    ocopStars: product.ocopStars,
    unit: product.unit,
    ...(withPackageWeight && { packageNetWeightKg: product.packageNetWeightKg === null ? null : Number(product.packageNetWeightKg) }),
    shelfLifeDays: product.shelfLifeDays,
    description: product.description,
  };
}

export function buildProductView(product: Product, cooperative: Cooperative, now = Date.now()): ProductView {
  const contact = publicContactOf(cooperative);
  const json = {
    product: publicProductOf(product, false),
    producer: { cooperative: cooperative.name, contact, province: cooperative.province },
  };
  const e = escapeHtml;
  const html = (lang: Language): string => {
    const t = TEXT[lang];
    const rows: [string, string | null][] = [
      [t.variety, product.variety ? e(product.variety) : null],
      [t.gi, product.geographicalIndication ? e(product.geographicalIndication) : null],
      ['OCOP', product.ocopStars ? e(`${'★'.repeat(product.ocopStars)} ${t.ocop(product.ocopStars)}`) : null],
      [t.cooperative, e(cooperative.name)],
      [t.contact, contactHtml(contact)],
    ];
    return `<section><h2>${e(t.product)}</h2><p class="name">${e(product.name)}</p><dl>${rows
      .filter(([, value]) => value)
      .map(([key, value]) => `<dt>${e(key)}</dt><dd>${value}</dd>`)
      .join('')}</dl>${product.description ? `<p>${e(product.description)}</p>` : ''}</section>`;
  };
  return { name: product.name, json: JSON.stringify(json), html: { vi: html('vi'), en: html('en') }, loadedAt: now };
}

export interface PublicCertification {
  scheme: string;
  number: string;
  issuer: string | null;
  validUntil: string;
  /** certificationStatus(): expired, revoked and unverified certificates are never shown as valid. */
  status: CertificationStatus;
}

/** The co-operative's public contact (never a farmer's phone), shown so a shopper knows whom to ask. */
export interface PublicContact {
  phone: string | null;
  email: string | null;
}

/** Public contact columns of a co-operative. */
export function publicContactOf(cooperative: Cooperative): PublicContact | null {
  const phone = cooperative.contactPhone ?? null;
  const email = cooperative.contactEmail ?? null;
  return phone || email ? { phone, email } : null;
}

function publicDetails(details: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!details) return out;
  for (const key of PUBLIC_DETAILS) {
    const value = details[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

export function buildTraceView(src: TraceSources, now = new Date()): TraceView {
  const { batch, product, cooperative, household, plot } = src;
  const certifications: PublicCertification[] = src.certifications.map((c) => ({
    scheme: c.scheme,
    number: c.number,
    issuer: c.issuer,
    validUntil: c.validUntil,
    status: certificationStatus(c, now),
  }));
  // A corrected diary entry stays in the records (and EPCIS) but the shopper reads the correction only.
  const events = src.events
    .filter((e) => !e.supersededBy)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    .map((e) => ({ bizStep: e.bizStep, occurredAt: e.occurredAt.toISOString(), details: publicDetails(e.details) }));
  const bestBefore =
    product.shelfLifeDays !== null
      ? // Dates are read in Vietnam time (UTC+7).
        new Date(batch.harvestedAt.getTime() + product.shelfLifeDays * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10)
      : null;
  const json = {
    product: publicProductOf(product, true),
    batch: {
      lotCode: batch.lotCode,
      harvestedAt: batch.harvestedAt.toISOString(),
      quantity: Number(batch.quantity),
      unit: batch.unit,
      bestBefore,
      status: batch.status,
      recallReason: batch.recallReason,
      safetyWarnings: (batch.safetyWarnings ?? []).map((w) => ({
        code: w.code,
        message: w.message,
        harvestedAt: w.harvestedAt,
        safeFrom: w.safeFrom,
      })),
    },
    origin: {
      cooperative: cooperative.name,
      contact: publicContactOf(cooperative),
      commune: household.commune,
      district: household.district,
      province: household.province,
      plotCode: plot?.code ?? null,
      certifications,
    },
    events,
  };
  const body = JSON.stringify(json);
  const safety = safetyStateOf(batch, now);
  const hold = safety.onHold && safety.safeFrom ? { safeFrom: safety.safeFrom.toISOString() } : null;
  const recalledAt = batch.status === 'recalled' ? (batch.recalledAt ?? batch.updatedAt).toISOString() : null;
  const datesIn = (lang: Language) => ({
    bestBefore: bestBefore ? formatDate(lang, bestBefore) : null,
    recalledAt: recalledAt ? formatDate(lang, new Date(recalledAt)) : null,
    safeFrom: hold ? formatDate(lang, new Date(hold.safeFrom)) : null,
  });
  return {
    batchId: batch.id,
    cooperativeId: batch.cooperativeId,
    gtin: product.gtin,
    lotCode: batch.lotCode,
    recalled: batch.status === 'recalled',
    recallReason: batch.recallReason,
    recalledAt,
    bestBefore,
    // The best-before day is still good: the lot expires when that day ends in Vietnam (UTC+7).
    expiresAt: bestBefore ? Date.parse(`${bestBefore}T00:00:00+07:00`) + 86_400_000 : null,
    hold,
    safetyWarning: (batch.safetyWarnings ?? []).length > 0,
    dates: { vi: datesIn('vi'), en: datesIn('en') },
    json: body.slice(1, -1),
    html: { vi: sections('vi', json, src), en: sections('en', json, src) },
    builtAt: now.getTime(),
    productName: product.name,
    certificationCount: certifications.length,
  };
}

type ViewJson = {
  product: { name: string; variety: string | null; geographicalIndication: string | null; ocopStars: number | null };
  batch: {
    lotCode: string;
    harvestedAt: string;
    bestBefore: string | null;
    safetyWarnings: { harvestedAt: string; safeFrom: string }[];
  };
  origin: {
    cooperative: string;
    contact: PublicContact | null;
    commune: string;
    district: string | null;
    province: string;
    plotCode: string | null;
    certifications: PublicCertification[];
  };
  events: { bizStep: string; occurredAt: string; details: Record<string, unknown> }[];
};

function sections(lang: Language, v: ViewJson, src: TraceSources): string {
  const t = TEXT[lang];
  const e = escapeHtml;
  const rows = (pairs: [string, string | null][]) =>
    pairs
      .filter(([, value]) => value)
      .map(([key, value]) => `<dt>${e(key)}</dt><dd>${value}</dd>`)
      .join('');
  const address = [v.origin.commune, v.origin.district, v.origin.province]
    .filter(Boolean)
    .map((p) => e(p!))
    .join(', ');
  const certs = v.origin.certifications.length
    ? `<ul class="certs">${v.origin.certifications
        .map(
          (c) =>
            `<li class="${c.status}"><b>${e(t.scheme[c.scheme as keyof typeof t.scheme] ?? c.scheme)}</b> ${e(c.number)}${
              c.issuer ? ` · ${e(c.issuer)}` : ''
            }<br><span>${e(t.certStatus[c.status](formatDate(lang, c.validUntil)))}</span></li>`,
        )
        .join('')}</ul>`
    : '';
  // Told from the warning's fields, not its stored (Vietnamese) message: an English page says it in English.
  const warnings = src.batch.safetyWarnings?.length
    ? `<section class="warn"><h2>⚠ ${e(t.warnings)}</h2><ul>${src.batch.safetyWarnings
        .map(
          (w) =>
            `<li>${e(
              t.warning({
                pesticide: w.pesticide,
                days: w.preHarvestIntervalDays,
                sprayedAt: formatDate(lang, new Date(w.sprayedAt)),
                harvestedAt: formatDate(lang, new Date(w.harvestedAt)),
                safeFrom: formatDate(lang, new Date(w.safeFrom)),
              }),
            )}</li>`,
        )
        .join('')}</ul></section>`
    : '';
  const timeline = v.events.length
    ? `<ol class="timeline">${v.events
        .map((ev) => {
          const details = Object.entries(ev.details)
            .map(([k, val]) => `${e(t.detail[k] ?? k)}: ${e(String(val))}`)
            .join(' · ');
          const step = t.step[ev.bizStep as keyof typeof t.step] ?? ev.bizStep;
          return `<li><time datetime="${e(ev.occurredAt)}">${e(formatDate(lang, new Date(ev.occurredAt)))}</time> <b>${e(step)}</b>${details ? `<br><small>${details}</small>` : ''}</li>`;
        })
        .join('')}</ol>`
    : `<p>${e(t.noEvents)}</p>`;
  return [
    `<section><h2>${e(t.product)}</h2><p class="name">${e(v.product.name)}</p><dl>${rows([
      [t.variety, v.product.variety ? e(v.product.variety) : null],
      [t.gi, v.product.geographicalIndication ? e(v.product.geographicalIndication) : null],
      ['OCOP', v.product.ocopStars ? e(`${'★'.repeat(v.product.ocopStars)} ${t.ocop(v.product.ocopStars)}`) : null],
      [t.lot, e(v.batch.lotCode)],
      [t.harvest, e(formatDate(lang, src.batch.harvestedAt))],
      [t.bestBefore, v.batch.bestBefore ? e(formatDate(lang, v.batch.bestBefore)) : null],
    ])}</dl></section>`,
    warnings,
    `<section><h2>${e(t.origin)}</h2><dl>${rows([
      [t.cooperative, e(v.origin.cooperative)],
      [t.address, address],
      [t.plotCode, v.origin.plotCode ? e(v.origin.plotCode) : null],
      [t.contact, contactHtml(v.origin.contact)],
    ])}</dl>${certs ? `<h3>${e(t.certificates)}</h3>${certs}` : ''}</section>`,
    `<section><h2>${e(t.history)}</h2>${timeline}</section>`,
  ].join('');
}

/** Phone as a tap-to-call link, e-mail as a mail link; null when the co-operative published neither. */
export function contactHtml(contact: PublicContact | null): string | null {
  if (!contact) return null;
  const e = escapeHtml;
  const parts: string[] = [];
  if (contact.phone) parts.push(`<a href="tel:${e(contact.phone.replace(/[^0-9+]/g, ''))}">${e(contact.phone)}</a>`);
  if (contact.email) parts.push(`<a href="mailto:${e(contact.email)}">${e(contact.email)}</a>`);
  return parts.join('<br>');
}
