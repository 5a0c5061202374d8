import type { BatchDetailResponse } from '../batches/dto/batch.dto';
import { toEpcisDocument } from './epcis-document';

function batch(overrides: Partial<BatchDetailResponse> = {}): BatchDetailResponse {
  return {
    id: 'b1',
    lotCode: 'L260610AB',
    productId: 'p1',
    householdId: 'h1',
    plotId: 'pl1',
    cooperativeId: 'c1',
    harvestedAt: '2026-06-09T23:00:00.000Z',
    quantity: 1200,
    unit: 'kg',
    status: 'active',
    safetyWarnings: [],
    createdAt: '2026-06-10T00:00:00.000Z',
    product: {
      id: 'p1',
      cooperativeId: 'c1',
      name: 'Vải thiều',
      variety: null,
      gtin: null,
      unit: 'box',
      packageNetWeightKg: 2,
      geographicalIndication: null,
      ocopStars: null,
      description: null,
      shelfLifeDays: null,
      createdAt: '',
    },
    household: {} as BatchDetailResponse['household'],
    plot: {
      id: 'pl1',
      householdId: 'h1',
      cooperativeId: 'c1',
      code: 'VN-HD-1',
      areaHa: 0.8,
      latitude: 20.87,
      longitude: 106.43,
      crop: 'Vải thiều',
      certifications: [{ scheme: 'VietGAP', number: 'VG-1', issuer: null, validUntil: '2030-06-30', status: 'valid' }],
      createdAt: '',
    } as unknown as BatchDetailResponse['plot'],
    events: [
      {
        id: 'e0',
        batchId: 'b1',
        bizStep: 'spraying',
        occurredAt: '2026-05-20T00:00:00.000Z',
        details: { pesticide: 'X', preHarvestIntervalDays: 7 },
        recordedAt: '',
      },
      {
        id: 'e1',
        batchId: 'b1',
        bizStep: 'shipping',
        occurredAt: '2026-06-10T22:00:00.000Z',
        details: { destination: 'Hà Nội', note: 'private' },
        recordedAt: '',
      },
      {
        id: 'e2',
        batchId: 'b1',
        bizStep: 'packing',
        occurredAt: '2026-06-10T03:00:00.000Z',
        details: { packingHouseCode: 'PHC-1' },
        recordedAt: '',
      },
    ],
    ...overrides,
  };
}

describe('EPCIS 2.0 mapping', () => {
  const doc = (b = batch()) =>
    toEpcisDocument({
      batch: b,
      cooperative: { id: 'c1', name: 'HTX', gs1CompanyPrefix: '893123' },
      now: new Date('2026-07-01T00:00:00Z'),
    });

  it('commissions the lot at harvest with lot master data, then maps steps to CBV in time order, the spraying on its plot', () => {
    const events = (doc().epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    expect(events.map((e) => [e.bizStep, e.action, e.disposition])).toEqual([
      ['https://nongsan-trace.vn/epcis/bizstep/spraying', 'OBSERVE', undefined],
      ['commissioning', 'ADD', 'active'],
      ['packing', 'OBSERVE', 'in_progress'],
      ['shipping', 'OBSERVE', 'in_transit'],
    ]);
    // The co-op's GLN (prefix 893123, location 0, check digit) and the planting area as its extension (AI 254).
    const plot = { id: 'https://id.gs1.org/414/8931230000008/254/VN-HD-1' };
    expect(events[0]).toMatchObject({ readPoint: plot, bizLocation: plot, 'nst:pesticide': 'X', 'nst:preHarvestIntervalDays': 7 });
    expect(events[1]).toMatchObject({
      eventTime: '2026-06-09T23:00:00.000Z',
      eventTimeZoneOffset: '+07:00',
      readPoint: { id: 'geo:20.87,106.43' },
      bizLocation: plot,
      quantityList: [{ epcClass: 'https://nongsan-trace.vn/epcis/lot/c1/L260610AB', quantity: 1200, uom: 'KGM' }],
      ilmd: {
        'cbvmda:harvestStartDate': '2026-06-10',
        'nst:plotCode': 'VN-HD-1',
        'nst:certifications': ['VietGAP VG-1 valid until 2030-06-30 (valid)'],
      },
    });
    expect(events[2]).toMatchObject({
      readPoint: { id: 'https://nongsan-trace.vn/epcis/packing-house/c1/PHC-1' },
      'nst:packingHouseCode': 'PHC-1',
    });
    expect(events[3]).toMatchObject({
      destinationList: [{ type: 'location', destination: 'https://nongsan-trace.vn/epcis/place/c1/H%C3%A0%20N%E1%BB%99i' }],
    });
    expect(events[3]).not.toHaveProperty('nst:note');
  });

  it('declares every prefix it uses in the inline @context (cbvmda included) and names nothing after the service address', () => {
    const document = doc();
    expect(document['@context']).toEqual([
      'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
      { nst: 'https://nongsan-trace.vn/epcis/', cbvmda: 'urn:epcglobal:cbv:mda:' },
    ]);
    expect(JSON.stringify(document)).not.toContain('nst.vn/');
  });

  it('leaves destinations, documents and carriers out of the public document', () => {
    const withPapers = batch();
    withPapers.events[1].details = { destination: 'Chợ đầu mối Long Biên', referenceDocument: 'HD-42', carrier: 'Xe anh Tư' };
    const publicDoc = toEpcisDocument({ batch: withPapers, cooperative: { id: 'c1', name: 'HTX' }, audience: 'public' });
    const text = JSON.stringify(publicDoc);
    for (const secret of ['Long Bi', 'HD-42', 'anh T', 'destinationList', 'bizTransactionList']) expect(text).not.toContain(secret);
    const partnerDoc = toEpcisDocument({ batch: withPapers, cooperative: { id: 'c1', name: 'HTX' } });
    expect(JSON.stringify(partnerDoc)).toContain('bizTransactionList');
  });

  it('uses an LGTIN for products with a GTIN and keeps event ids stable across exports', () => {
    const withGtin = batch({ product: { ...batch().product, gtin: '8930000000019' } });
    const first = (doc(withGtin).epcisBody as { eventList: { eventID: string; quantityList: { epcClass: string }[] }[] }).eventList;
    expect(first[1].quantityList[0].epcClass).toBe('https://id.gs1.org/01/08930000000019/10/L260610AB');
    const second = (doc(withGtin).epcisBody as { eventList: { eventID: string }[] }).eventList;
    expect(second.map((e) => e.eventID)).toEqual(first.map((e) => e.eventID));
    expect(new Set(first.map((e) => e.eventID)).size).toBe(4);
  });
});
