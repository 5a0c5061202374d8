import { eventHashId, preHashString } from './event-hash';

const event = {
  type: 'ObjectEvent',
  eventTime: '2026-06-10T06:00:00+07:00',
  eventTimeZoneOffset: '+07:00',
  quantityList: [{ epcClass: 'https://id.gs1.org/01/08930000000019/10/L1', quantity: 1200, uom: 'KGM' }],
  action: 'ADD',
  bizStep: 'commissioning',
  disposition: 'active',
  readPoint: { id: 'geo:20.87,106.43' },
  ilmd: { 'cbvmda:harvestStartDate': '2026-06-10', 'nst:plotCode': 'VN-HD-1' },
};
const context = { nst: 'https://nongsan-trace.vn/epcis/', cbvmda: 'urn:epcglobal:cbv:mda:' };

describe('EPCIS event hash (CBV 2.0 §8.9)', () => {
  it('writes the canonical pre-hash string: fixed order, UTC times, CBV URIs, namespaced extensions sorted', () => {
    expect(preHashString(event, context)).toBe(
      'eventType=ObjectEventeventTime=2026-06-09T23:00:00.000ZeventTimeZoneOffset=+07:00' +
        'quantityListquantityElementepcClass=https://id.gs1.org/01/08930000000019/10/L1quantity=1200uom=KGM' +
        'action=ADDbizStep=https://ref.gs1.org/cbv/BizStep-commissioningdisposition=https://ref.gs1.org/cbv/Disp-active' +
        'readPointid=geo:20.87,106.43' +
        'ilmd{https://nongsan-trace.vn/epcis/}plotCode=VN-HD-1{urn:epcglobal:cbv:mda:}harvestStartDate=2026-06-10',
    );
  });

  it('is an ni URI of the SHA-256 that ignores key order, eventID and recordTime, and changes with the content', () => {
    const id = eventHashId(event, context);
    expect(id).toMatch(/^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    const reordered = Object.fromEntries(Object.entries(event).reverse());
    expect(eventHashId({ ...reordered, eventID: 'x', recordTime: '2027-01-01T00:00:00Z' }, context)).toBe(id);
    expect(eventHashId({ ...event, eventTime: '2026-06-09T23:00:00.000Z' }, context)).toBe(id);
    expect(eventHashId({ ...event, bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning' }, context)).toBe(id);
    expect(eventHashId({ ...event, disposition: 'in_progress' }, context)).not.toBe(id);
  });
});
