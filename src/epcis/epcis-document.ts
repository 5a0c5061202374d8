import type { BatchDetailResponse, BatchEventResponse } from '../batches/dto/batch.dto';
import { EpcisEvent, eventHashId, JsonValue } from './event-hash';

export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
/** Our own extension namespace (plot, certificates, reference documents): declared in @context, so validators accept it. */
export const NST_NAMESPACE = 'https://nongsan-trace.vn/epcis/';
const CONTEXT_PREFIXES: Record<string, string> = {
  nst: NST_NAMESPACE,
  cbvmda: 'urn:epcglobal:cbv:mda:',
};
/** Vietnam has one time zone and no daylight saving; events are recorded as instants, shown in local time. */
const VIETNAM_OFFSET = '+07:00';

export interface EpcisSource {
  batch: BatchDetailResponse & { recallReason?: string | null; recalledAt?: string | null };
  cooperative: { id: string; name: string };
  /** PUBLIC_BASE_URL: private identifiers (lots, places) are HTTP URIs under it. */
  baseUrl: string;
  now?: Date;
}

/** UN/CEFACT Rec. 20 codes for the units a batch is weighed in; counted units carry no uom. */
const UOM: Record<string, string> = { kg: 'KGM', tonne: 'TNE' };

/** The lot as an EPC class: an LGTIN (GS1 Digital Link) when the product has a GTIN, otherwise a URI of ours. */
export function lotClass(gtin: string | null, lotCode: string, baseUrl: string): string {
  if (gtin) return `https://id.gs1.org/01/${gtin.padStart(14, '0')}/10/${encodeURIComponent(lotCode)}`;
  return `${baseUrl.replace(/\/$/, '')}/lots/${encodeURIComponent(lotCode)}`;
}

function place(baseUrl: string, kind: string, id: string): { id: string } {
  return { id: `${baseUrl.replace(/\/$/, '')}/places/${kind}/${encodeURIComponent(id)}` };
}

function text(details: Record<string, unknown> | null, key: string): string | null {
  const value = details?.[key];
  return typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : null;
}

/** Details that may travel with the record; anything else a farmer typed (notes, names, phones) stays private. */
const EXPORTED_DETAILS = new Set([
  'pesticide',
  'activeIngredient',
  'preHarvestIntervalDays',
  'fertilizer',
  'destination',
  'source',
  'result',
  'packingHouseCode',
  'temperatureC',
  'quantityKg',
  'quantity',
  'unit',
  'referenceDocument',
  'carrier',
]);

/** Step-specific details the event keeps, as `nst:` extension fields (only scalars and lists of scalars). */
function detailExtensions(details: Record<string, unknown> | null): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (!EXPORTED_DETAILS.has(key)) continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[`nst:${key}`] = value as JsonValue;
    else if (Array.isArray(value)) out[`nst:${key}`] = value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : v) as JsonValue);
  }
  return out;
}

/** CBV mapping of our steps. Pre-harvest steps (planting, fertilizing, spraying) happen before the lot exists and stay out. */
const STEP_MAP: Partial<Record<BatchEventResponse['bizStep'], { bizStep: string; disposition: string }>> = {
  packing: { bizStep: 'packing', disposition: 'in_progress' },
  inspecting: { bizStep: 'inspecting', disposition: 'in_progress' },
  shipping: { bizStep: 'shipping', disposition: 'in_transit' },
  receiving: { bizStep: 'receiving', disposition: 'in_progress' },
};

/**
 * The batch's history as an EPCIS 2.0 JSON-LD document. The harvest is an ObjectEvent `ADD` with bizStep
 * `commissioning` and lot master data (CBV has no harvesting step); packing, inspecting, shipping and
 * receiving keep their CBV names; a recall is a `holding` event with disposition `recalled`.
 * Every event's eventID is its canonical hash, so the same history always exports the same ids.
 */
export function toEpcisDocument(source: EpcisSource): Record<string, JsonValue> {
  const { batch, cooperative, baseUrl } = source;
  const epcClass = lotClass(batch.product.gtin, batch.lotCode, baseUrl);
  const quantityElement = (quantity: number, unit: string): JsonValue => {
    const element: Record<string, JsonValue> = { epcClass, quantity };
    if (UOM[unit]) element.uom = UOM[unit];
    return element;
  };
  const cooperativePlace = place(baseUrl, 'cooperative', cooperative.id);
  const plotPlace = batch.plot ? place(baseUrl, 'plot', batch.plot.code) : cooperativePlace;
  const harvestReadPoint = batch.plot ? { id: `geo:${batch.plot.latitude},${batch.plot.longitude}` } : plotPlace;

  const ilmd: Record<string, JsonValue> = {
    'cbvmda:harvestStartDate': localDate(batch.harvestedAt),
    'cbvmda:countryOfOrigin': 'VN',
    'cbvmda:lotNumber': batch.lotCode,
  };
  if (batch.product.shelfLifeDays) {
    ilmd['cbvmda:itemExpirationDate'] = localDate(
      new Date(Date.parse(batch.harvestedAt) + batch.product.shelfLifeDays * 86_400_000).toISOString(),
    );
  }
  if (batch.product.geographicalIndication) ilmd['nst:geographicalIndication'] = batch.product.geographicalIndication;
  if (batch.plot) {
    ilmd['nst:plotCode'] = batch.plot.code;
    ilmd['nst:plotAreaHa'] = batch.plot.areaHa;
    ilmd['nst:crop'] = batch.plot.crop;
    ilmd['nst:certifications'] = batch.plot.certifications.map((c) => `${c.scheme} ${c.number} valid until ${c.validUntil} (${c.status})`);
  }

  const events: EpcisEvent[] = [];
  const base = (occurredAt: string): EpcisEvent => ({
    type: 'ObjectEvent',
    eventTime: new Date(occurredAt).toISOString(),
    eventTimeZoneOffset: VIETNAM_OFFSET,
  });

  const harvests = batch.events.filter((e) => e.bizStep === 'harvesting');
  const commissioning = harvests.length ? harvests : [null];
  for (const harvest of commissioning) {
    events.push({
      ...base(harvest?.occurredAt ?? batch.harvestedAt),
      quantityList: [quantityElement(batch.quantity, batch.unit)],
      action: 'ADD',
      bizStep: 'commissioning',
      disposition: 'active',
      readPoint: harvestReadPoint,
      bizLocation: plotPlace,
      ilmd,
      ...detailExtensions(harvest?.details ?? null),
    });
  }
  for (const event of batch.events) {
    const step = STEP_MAP[event.bizStep];
    if (!step) continue;
    const details = event.details;
    const quantity = typeof details?.quantity === 'number' ? details.quantity : batch.quantity;
    const unit = text(details, 'unit') ?? batch.unit;
    const packingHouse = text(details, 'packingHouseCode');
    const location = packingHouse
      ? place(baseUrl, 'packing-house', packingHouse)
      : event.bizStep === 'packing'
        ? cooperativePlace
        : plotPlace;
    const mapped: EpcisEvent = {
      ...base(event.occurredAt),
      quantityList: [quantityElement(quantity, unit)],
      action: 'OBSERVE',
      bizStep: step.bizStep,
      disposition: step.disposition,
      readPoint: location,
    };
    if (event.bizStep !== 'shipping') mapped.bizLocation = location;
    const destination = text(details, 'destination');
    if (event.bizStep === 'shipping' && destination)
      mapped.destinationList = [{ type: 'location', destination: place(baseUrl, 'place', destination).id }];
    const origin = text(details, 'source') ?? text(details, 'origin');
    if (event.bizStep === 'receiving' && origin) mapped.sourceList = [{ type: 'location', source: place(baseUrl, 'place', origin).id }];
    const reference = text(details, 'referenceDocument') ?? text(details, 'invoiceNumber') ?? text(details, 'billOfLading');
    if (reference)
      mapped.bizTransactionList = [
        {
          type: event.bizStep === 'shipping' ? 'desadv' : 'inv',
          bizTransaction: `${baseUrl.replace(/\/$/, '')}/documents/${encodeURIComponent(reference)}`,
        },
      ];
    Object.assign(mapped, detailExtensions(details));
    events.push(mapped);
  }
  if (batch.status === 'recalled' && batch.recalledAt) {
    events.push({
      ...base(batch.recalledAt),
      quantityList: [quantityElement(batch.quantity, batch.unit)],
      action: 'OBSERVE',
      bizStep: 'holding',
      disposition: 'recalled',
      readPoint: cooperativePlace,
      'nst:recallReason': batch.recallReason ?? '',
    });
  }

  events.sort((a, b) => (a.eventTime as string).localeCompare(b.eventTime as string));
  const withIds = events.map((e) => ({ eventID: eventHashId(e, CONTEXT_PREFIXES), ...e }));
  return {
    '@context': [EPCIS_CONTEXT_URL, { nst: NST_NAMESPACE }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: (source.now ?? new Date()).toISOString(),
    epcisBody: { eventList: withIds },
  };
}

/** YYYY-MM-DD in Vietnam time. */
export function localDate(iso: string): string {
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
}
