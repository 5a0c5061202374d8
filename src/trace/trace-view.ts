import type { BatchEvent } from '../batches/batch-event.entity';
import type { Batch } from '../batches/batch.entity';
import type { Product } from '../catalog/product.entity';
import type { Cooperative } from '../registry/cooperative.entity';
import type { Household } from '../registry/household.entity';
import type { PlotCertification } from '../registry/plot-certification.entity';
import type { Plot } from '../registry/plot.entity';
import { todayIso } from '../registry/dto/plot.dto';
import { formatVietnamDate } from '../labels/rendering/label-text';
import { Language, TEXT } from './i18n';
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
  /** `"product":{…},"batch":{…},"origin":{…},"events":[…]` */
  json: string;
  html: Record<Language, string>;
  builtAt: number;
}

export interface PublicCertification {
  scheme: string;
  number: string;
  issuer: string | null;
  validUntil: string;
  status: 'valid' | 'expired';
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

function isoDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function buildTraceView(src: TraceSources, now = new Date()): TraceView {
  const { batch, product, cooperative, household, plot } = src;
  const today = todayIso(now);
  const certifications: PublicCertification[] = src.certifications.map((c) => ({
    scheme: c.scheme,
    number: c.number,
    issuer: c.issuer,
    validUntil: c.validUntil,
    status: c.validUntil >= today ? 'valid' : 'expired',
  }));
  const events = [...src.events]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    .map((e) => ({ bizStep: e.bizStep, occurredAt: e.occurredAt.toISOString(), details: publicDetails(e.details) }));
  const bestBefore =
    product.shelfLifeDays !== null
      ? // Dates are read in Vietnam time (UTC+7).
        new Date(batch.harvestedAt.getTime() + product.shelfLifeDays * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10)
      : null;
  const json = {
    product: {
      name: product.name,
      variety: product.variety,
      gtin: product.gtin,
      geographicalIndication: product.geographicalIndication,
      ocopStars: product.ocopStars,
      unit: product.unit,
      packageNetWeightKg: product.packageNetWeightKg === null ? null : Number(product.packageNetWeightKg),
      shelfLifeDays: product.shelfLifeDays,
      description: product.description,
    },
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
      commune: household.commune,
      district: household.district,
      province: household.province,
      plotCode: plot?.code ?? null,
      certifications,
    },
    events,
  };
  const body = JSON.stringify(json);
  return {
    batchId: batch.id,
    cooperativeId: batch.cooperativeId,
    gtin: product.gtin,
    lotCode: batch.lotCode,
    recalled: batch.status === 'recalled',
    recallReason: batch.recallReason,
    json: body.slice(1, -1),
    html: { vi: sections('vi', json, src), en: sections('en', json, src) },
    builtAt: now.getTime(),
  };
}

type ViewJson = {
  product: { name: string; variety: string | null; geographicalIndication: string | null; ocopStars: number | null };
  batch: { lotCode: string; harvestedAt: string; bestBefore: string | null; safetyWarnings: { message: string }[] };
  origin: {
    cooperative: string;
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
            `<li class="${c.status}"><b>${e(c.scheme)}</b> ${e(c.number)}${c.issuer ? ` · ${e(c.issuer)}` : ''}<br><span>${
              c.status === 'valid' ? e(t.validUntil(isoDate(c.validUntil))) : e(t.expiredOn(isoDate(c.validUntil)))
            }</span></li>`,
        )
        .join('')}</ul>`
    : '';
  const warnings = v.batch.safetyWarnings.length
    ? `<section class="warn"><h2>⚠ ${e(t.warnings)}</h2><ul>${v.batch.safetyWarnings.map((w) => `<li>${e(w.message)}</li>`).join('')}</ul></section>`
    : '';
  const timeline = v.events.length
    ? `<ol class="timeline">${v.events
        .map((ev) => {
          const details = Object.entries(ev.details)
            .map(([k, val]) => `${e(t.detail[k] ?? k)}: ${e(String(val))}`)
            .join(' · ');
          const step = t.step[ev.bizStep as keyof typeof t.step] ?? ev.bizStep;
          return `<li><time datetime="${e(ev.occurredAt)}">${e(formatVietnamDate(new Date(ev.occurredAt)))}</time> <b>${e(step)}</b>${details ? `<br><small>${details}</small>` : ''}</li>`;
        })
        .join('')}</ol>`
    : `<p>${e(t.noEvents)}</p>`;
  return [
    `<section><h2>${e(t.product)}</h2><p class="name">${e(v.product.name)}</p><dl>${rows([
      [t.variety, v.product.variety ? e(v.product.variety) : null],
      [t.gi, v.product.geographicalIndication ? e(v.product.geographicalIndication) : null],
      ['OCOP', v.product.ocopStars ? e(`${'★'.repeat(v.product.ocopStars)} ${t.ocop(v.product.ocopStars)}`) : null],
      [t.lot, e(v.batch.lotCode)],
      [t.harvest, e(formatVietnamDate(src.batch.harvestedAt))],
      [t.bestBefore, v.batch.bestBefore ? e(isoDate(v.batch.bestBefore)) : null],
    ])}</dl></section>`,
    warnings,
    `<section><h2>${e(t.origin)}</h2><dl>${rows([
      [t.cooperative, e(v.origin.cooperative)],
      [t.address, address],
      [t.plotCode, v.origin.plotCode ? e(v.origin.plotCode) : null],
    ])}</dl>${certs ? `<h3>${e(t.certificates)}</h3>${certs}` : ''}</section>`,
    `<section><h2>${e(t.history)}</h2>${timeline}</section>`,
  ].join('');
}
