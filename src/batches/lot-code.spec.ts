import { GS1_AI82 } from '../common/gs1/gtin';
import { generateLotCode } from './lot-code';

describe('generateLotCode', () => {
  it('starts with the harvest date in Vietnam time, then a random suffix, in the GS1 set and at most 20 characters', () => {
    // 20:00 UTC on 9 June is 03:00 on 10 June in Vietnam.
    const code = generateLotCode(new Date('2026-06-09T20:00:00Z'));
    expect(code).toMatch(/^260610-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(code.length).toBeLessThanOrEqual(20);
    expect(GS1_AI82.test(code)).toBe(true);
  });

  it('draws a different suffix each time', () => {
    const at = new Date('2026-06-10T06:00:00+07:00');
    const codes = new Set(Array.from({ length: 200 }, () => generateLotCode(at)));
    expect(codes.size).toBe(200);
  });
});
