import type { BatchDetailResponse, BatchEventResponse } from '../batches/dto/batch.dto';
import { gtinCheckDigit } from '../common/gs1/gtin';
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
  /** Identifiers belong to the co-op: its GLN (from its GS1 company prefix) when it has one. */
  cooperative: { id: string; name: string; gs1CompanyPrefix?: string | null };
  /**
   * `partner` (the authenticated export) keeps where the goods went and the documents; `public` (what a
   * label's `gs1:traceability` link serves) leaves out buyers, destinations, carriers and documents.
   */
  audience?: 'partner' | 'public';
  now?: Date;
}

/** The co-op's GLN: its GS1 company prefix, location reference 0, check digit. */
export function cooperativeGln(companyPrefix: string): string {
  const body = companyPrefix.padEnd(12, '0').slice(0, 12);
  return `${body}${gtinCheckDigit(body)}`;
}

/**
 * Identifiers that never change with the address the service runs at (issue 14): GS1 Digital Links of
 * the co-op's GLN (and its planting areas as GLN extensions, AI 254) when it has a company prefix,
 * otherwise URIs in this project's EPCIS namespace keyed by the co-op and the planting-area code.
 */
class Identifiers {
  private readonly gln: string | null;

  constructor(private readonly cooperative: EpcisSource['cooperative']) {
    this.gln = cooperative.gs1CompanyPrefix ? cooperativeGln(cooperative.gs1CompanyPrefix) : null;
  }

  cooperativePlace(): { id: string } {
    return { id: this.gln ? `https://id.gs1.org/414/${this.gln}` : `${NST_NAMESPACE}cooperative/${this.cooperative.id}` };
  }

  plot(code: string): { id: string } {
    const encoded = encodeURIComponent(code);
    return { id: this.gln ? `https://id.gs1.org/414/${this.gln}/254/${encoded}` : `${NST_NAMESPACE}planting-area/${encoded}` };
  }

  other(kind: string, value: string): string {
    return `${NST_NAMESPACE}${kind}/${this.cooperative.id}/${encodeURIComponent(value)}`;
  }
}

/** What a spraying is, as an EPCIS business step of this project's namespace (CBV has none for crop treatments). */
export const SPRAYING_STEP = `${NST_NAMESPACE}bizstep/spraying`;
const TREATMENT_DETAILS = ['pesticide', 'activeIngredient', 'preHarvestIntervalDays'];
/** Where the goods went and on which papers: for partners, never on a public page. */
const PARTNER_ONLY_DETAILS = new Set(['destination', 'source', 'carrier', 'referenceDocument']);

/** UN/CEFACT Rec. 20 codes for the units a batch is weighed in; counted units carry no uom. */
const UOM: Record<string, string> = { kg: 'KGM', tonne: 'TNE' };

/** The lot as an EPC class: an LGTIN (GS1 Digital Link) when the product has a GTIN, otherwise a URI of the co-op's. */
export function lotClass(gtin: string | null, lotCode: string, cooperativeId: string): string {
  if (gtin) return `https://id.gs1.org/01/${gtin.padStart(14, '0')}/10/${encodeURIComponent(lotCode)}`;
  return `${NST_NAMESPACE}lot/${cooperativeId}/${encodeURIComponent(lotCode)}`;
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
function detailExtensions(details: Record<string, unknown> | null, audience: 'partner' | 'public'): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (!EXPORTED_DETAILS.has(key)) continue;
    if (audience === 'public' && PARTNER_ONLY_DETAILS.has(key)) continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[`nst:${key}`] = value as JsonValue;
    else if (Array.isArray(value)) out[`nst:${key}`] = value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : v) as JsonValue);
  }
  return out;
}

/** CBV mapping of our steps after harvest. Sprayings travel as plot events (below); planting and fertilizing stay out. */
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
  const { batch, cooperative } = source;
  const audience = source.audience ?? 'partner';
  const ids = new Identifiers(cooperative);
  const epcClass = lotClass(batch.product.gtin, batch.lotCode, cooperative.id);
  const quantityElement = (quantity: number, unit: string): JsonValue => {
    const element: Record<string, JsonValue> = { epcClass, quantity };
    if (UOM[unit]) element.uom = UOM[unit];
    return element;
  };
  const cooperativePlace = ids.cooperativePlace();
  const plotPlace = batch.plot ? ids.plot(batch.plot.code) : cooperativePlace;
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
      ...detailExtensions(harvest?.details ?? null, audience),
    });
  }
  // Treatments of the growing area before harvest travel as events at the plot the commissioning names
  // (its bizLocation), with the product sprayed and its pre-harvest interval: a partner can check the PHI.
  for (const event of batch.events) {
    if (event.bizStep !== 'spraying' || event.supersededBy) continue;
    const treatment: EpcisEvent = {
      ...base(event.occurredAt),
      // What was treated: the crop standing in that planting area (the lot it becomes does not exist yet).
      quantityList: [{ epcClass: batch.plot ? ids.other('crop', batch.plot.code) : epcClass }],
      action: 'OBSERVE',
      bizStep: SPRAYING_STEP,
      readPoint: plotPlace,
      bizLocation: plotPlace,
    };
    for (const key of TREATMENT_DETAILS) {
      const value = event.details?.[key];
      if (typeof value === 'string' || typeof value === 'number') treatment[`nst:${key}`] = value;
    }
    events.push(treatment);
  }
  for (const event of batch.events) {
    const step = STEP_MAP[event.bizStep];
    if (!step) continue;
    const details = event.details;
    const quantity = typeof details?.quantity === 'number' ? details.quantity : batch.quantity;
    const unit = text(details, 'unit') ?? batch.unit;
    const packingHouse = text(details, 'packingHouseCode');
    const location = packingHouse
      ? { id: ids.other('packing-house', packingHouse) }
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
    if (audience === 'partner') {
      const destination = text(details, 'destination');
      if (event.bizStep === 'shipping' && destination)
        mapped.destinationList = [{ type: 'location', destination: ids.other('place', destination) }];
      const origin = text(details, 'source') ?? text(details, 'origin');
      if (event.bizStep === 'receiving' && origin) mapped.sourceList = [{ type: 'location', source: ids.other('place', origin) }];
      const reference = text(details, 'referenceDocument') ?? text(details, 'invoiceNumber') ?? text(details, 'billOfLading');
      if (reference)
        mapped.bizTransactionList = [
          { type: event.bizStep === 'shipping' ? 'desadv' : 'inv', bizTransaction: ids.other('document', reference) },
        ];
    }
    Object.assign(mapped, detailExtensions(details, audience));
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
    // Every prefix the events use is declared inline, so a hash tool reading the document expands them as we do.
    '@context': [EPCIS_CONTEXT_URL, { ...CONTEXT_PREFIXES }],
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
