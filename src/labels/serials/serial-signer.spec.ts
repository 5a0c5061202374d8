import { createHmac, randomInt } from 'node:crypto';
import { DigitalLink } from 'digital-link.js';
import { labelUrl } from './digital-link';
import { parseSigningKeys, SERIAL_LENGTH, SerialSigner } from './serial-signer';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GTIN = '08930000000019';
const LOT = '260612-7K3Q9M';

/** A GTIN-less label as the code before issue 11 signed it: HMAC over `|lot|random`, with the lot the /t/ URL omits. */
function legacyShortSerial(secret: string, lot: string): string {
  let random = '';
  for (let i = 0; i < 10; i++) random += ALPHABET[randomInt(32)];
  const mac = createHmac('sha256', secret).update(`|${lot}|${random}`).digest();
  let bits = 0n;
  for (const byte of mac.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let tag = '';
  for (let i = 7; i >= 0; i--) tag += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `1${random}${tag}`;
}

describe('SerialSigner', () => {
  const signer = new SerialSigner(parseSigningKeys('1:first-key-0123456789abcdef'));

  it('issues 19-character URL-safe serials that verify for their own GTIN and lot', () => {
    const serials = Array.from({ length: 1000 }, () => signer.issue(GTIN, LOT));
    expect(new Set(serials).size).toBe(1000);
    for (const serial of serials) {
      expect(serial).toHaveLength(SERIAL_LENGTH);
      expect(serial).toMatch(/^1[0-9A-HJKMNP-TV-Z]{18}$/);
      expect(signer.check(serial, GTIN, LOT)).toBe('valid');
    }
  });

  it('reports a serial with any one character changed as forged', () => {
    const serial = signer.issue(GTIN, LOT);
    for (let i = 1; i < serial.length; i++) {
      const other = ALPHABET.replace(serial[i], '')[randomInt(31)];
      const altered = serial.slice(0, i) + other + serial.slice(i + 1);
      expect(signer.check(altered, GTIN, LOT)).toBe('forged');
    }
  });

  it('reports 10,000 random serials as forged', () => {
    let valid = 0;
    for (let i = 0; i < 10_000; i++) {
      let guess = '1';
      for (let j = 1; j < SERIAL_LENGTH; j++) guess += ALPHABET[randomInt(32)];
      if (signer.check(guess, GTIN, LOT) !== 'forged') valid++;
    }
    expect(valid).toBe(0);
  });

  it('binds the serial to the GTIN and lot: a copied serial on another lot is forged', () => {
    const serial = signer.issue(GTIN, LOT);
    expect(signer.check(serial, GTIN, '260613-AAAAAA')).toBe('forged');
    expect(signer.check(serial, '08930000000026', LOT)).toBe('forged');
    const short = signer.issue(null, null);
    expect(signer.check(short, null, null)).toBe('valid');
    expect(signer.check(short, GTIN, LOT)).toBe('forged');
  });

  it('signs a short-form serial the way /t/{serial} verifies it: without the lot the URL does not carry', () => {
    const short = signer.issue(null, LOT);
    expect(signer.check(short, null, null)).toBe('valid');
    expect(signer.check(short, null, LOT)).toBe('valid');
  });

  it('recognises a short-form serial printed before the fix, signed with its lot, only against that lot', () => {
    const printed = legacyShortSerial('first-key-0123456789abcdef', LOT);
    expect(signer.check(printed, null, null)).toBe('forged');
    expect(signer.checkLegacyShortForm(printed, ['260613-AAAAAA', LOT])).toBe(true);
    expect(signer.checkLegacyShortForm(printed, ['260613-AAAAAA'])).toBe(false);
    const altered = printed.slice(0, 5) + (printed[5] === 'A' ? 'B' : 'A') + printed.slice(6);
    expect(signer.checkLegacyShortForm(altered, [LOT])).toBe(false);
    expect(signer.checkLegacyShortForm(signer.issue(GTIN, LOT), [LOT])).toBe(false);
  });

  it('keeps verifying labels signed with an older key after rotation', () => {
    const old = signer.issue(GTIN, LOT);
    const rotated = new SerialSigner(parseSigningKeys('2:second-key-0123456789abcdef,1:first-key-0123456789abcdef'));
    expect(rotated.check(old, GTIN, LOT)).toBe('valid');
    const fresh = rotated.issue(GTIN, LOT);
    expect(fresh[0]).toBe('2');
    expect(signer.check(fresh, GTIN, LOT)).toBe('forged');
  });

  it('tells malformed input from forgery', () => {
    expect(signer.check('short', GTIN, LOT)).toBe('malformed');
    expect(signer.check('1ABCDEFGHJKMNPQRSTI', GTIN, LOT)).toBe('malformed');
    expect(signer.check('1abcdefghjkmnpqrstv', GTIN, LOT)).toBe('malformed');
  });

  it('refuses badly formed key lists', () => {
    expect(() => parseSigningKeys('')).toThrow();
    expect(() => parseSigningKeys('10:abcdefghijklmnopqr')).toThrow();
    expect(() => parseSigningKeys('1:short')).toThrow();
    expect(() => parseSigningKeys('1:abcdefghijklmnopqr,1:abcdefghijklmnopqs')).toThrow();
  });
});

describe('labelUrl', () => {
  const signer = new SerialSigner(parseSigningKeys('1:first-key-0123456789abcdef'));

  it('builds GS1 Digital Links that GS1’s own grammar accepts, short enough for QR version 5 at level M', () => {
    for (let i = 0; i < 200; i++) {
      const serial = signer.issue(GTIN, LOT);
      const url = labelUrl('https://nst.vn', GTIN, LOT, serial);
      expect(url).toBe(`https://nst.vn/01/${GTIN}/10/${LOT}/21/${serial}`);
      expect(DigitalLink(url).isValid()).toBe(true);
      // QR version 5 at error correction M holds 84 bytes in byte mode.
      expect(Buffer.byteLength(url)).toBeLessThanOrEqual(84);
    }
  });

  it('uses the short form without a GTIN and percent-encodes AI-82 characters unsafe in a path', () => {
    expect(labelUrl('https://nst.vn/', null, LOT, '1ABC')).toBe('https://nst.vn/t/1ABC');
    expect(labelUrl('https://nst.vn', GTIN, 'A/B?1', '1ABC')).toBe(`https://nst.vn/01/${GTIN}/10/A%2FB%3F1/21/1ABC`);
    expect(() => labelUrl('https://nst.vn', GTIN, 'Lô-1', '1ABC')).toThrow();
  });
});
