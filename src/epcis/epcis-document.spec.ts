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
      cooperative: { id: 'c1', name: 'HTX' },
      baseUrl: 'https://nst.vn/',
      now: new Date('2026-07-01T00:00:00Z'),
    });

  it('commissions the lot at harvest with lot master data, then maps steps to CBV in time order, leaving pre-harvest steps out', () => {
    const events = (doc().epcisBody as { eventList: Record<string, unknown>[] }).eventList;
    expect(events.map((e) => [e.bizStep, e.action, e.disposition])).toEqual([
      ['commissioning', 'ADD', 'active'],
      ['packing', 'OBSERVE', 'in_progress'],
      ['shipping', 'OBSERVE', 'in_transit'],
    ]);
    expect(events[0]).toMatchObject({
      eventTime: '2026-06-09T23:00:00.000Z',
      eventTimeZoneOffset: '+07:00',
      readPoint: { id: 'geo:20.87,106.43' },
      bizLocation: { id: 'https://nst.vn/places/plot/VN-HD-1' },
      quantityList: [{ epcClass: 'https://nst.vn/lots/L260610AB', quantity: 1200, uom: 'KGM' }],
      ilmd: {
        'cbvmda:harvestStartDate': '2026-06-10',
        'nst:plotCode': 'VN-HD-1',
        'nst:certifications': ['VietGAP VG-1 valid until 2030-06-30 (valid)'],
      },
    });
    expect(events[1]).toMatchObject({ readPoint: { id: 'https://nst.vn/places/packing-house/PHC-1' }, 'nst:packingHouseCode': 'PHC-1' });
    expect(events[2]).toMatchObject({
      destinationList: [{ type: 'location', destination: 'https://nst.vn/places/place/H%C3%A0%20N%E1%BB%99i' }],
    });
    expect(events[2]).not.toHaveProperty('nst:note');
  });

  it('uses an LGTIN for products with a GTIN and keeps event ids stable across exports', () => {
    const withGtin = batch({ product: { ...batch().product, gtin: '8930000000019' } });
    const first = (doc(withGtin).epcisBody as { eventList: { eventID: string; quantityList: { epcClass: string }[] }[] }).eventList;
    expect(first[0].quantityList[0].epcClass).toBe('https://id.gs1.org/01/08930000000019/10/L260610AB');
    const second = (doc(withGtin).epcisBody as { eventList: { eventID: string }[] }).eventList;
    expect(second.map((e) => e.eventID)).toEqual(first.map((e) => e.eventID));
    expect(new Set(first.map((e) => e.eventID)).size).toBe(3);
  });
});
