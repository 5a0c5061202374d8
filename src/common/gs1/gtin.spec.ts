import { GS1_AI82, gtinCheckDigit, isValidGtin, toGtin14 } from './gtin';

describe('GTIN', () => {
  it('computes the GS1 check digit (weights 3,1,3... from the right)', () => {
    expect(gtinCheckDigit('893456789012')).toBe(0);
    expect(gtinCheckDigit('629104150021')).toBe(3);
    expect(gtinCheckDigit('9638507')).toBe(4);
    expect(gtinCheckDigit('0000000000000')).toBe(0);
  });

  it.each(['8934567890120', '6291041500213', '96385074', '036000291452', '10614141000415'])('accepts %s', (gtin) => {
    expect(isValidGtin(gtin)).toBe(true);
  });

  it.each(['8934567890128', '96385075', '036000291453', '10614141000416'])('rejects %s (wrong check digit)', (gtin) => {
    expect(isValidGtin(gtin)).toBe(false);
  });

  it.each(['', '123', '1234567890', '893456789012a', '089345678901280', ' 8934567890120'])('rejects %j (not 8/12/13/14 digits)', (gtin) => {
    expect(isValidGtin(gtin)).toBe(false);
  });

  it('pads shorter GTINs to 14 digits', () => {
    expect(toGtin14('8934567890120')).toBe('08934567890120');
    expect(toGtin14('96385074')).toBe('00000096385074');
    expect(toGtin14('10614141000415')).toBe('10614141000415');
  });

  it('describes the GS1 82-character set, at most 20 characters', () => {
    expect(GS1_AI82.test('260610-ABC123')).toBe(true);
    expect(GS1_AI82.test('a'.repeat(20))).toBe(true);
    expect(GS1_AI82.test('a'.repeat(21))).toBe(false);
    expect(GS1_AI82.test('lô-1')).toBe(false);
    expect(GS1_AI82.test('A B')).toBe(false);
    expect(GS1_AI82.test('A#B')).toBe(false);
  });
});
