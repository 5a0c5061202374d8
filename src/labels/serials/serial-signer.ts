import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford base32 (no I, L, O, U): URL-safe, inside the GS1 82-character set, easy to read aloud.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DECODE = new Map([...ALPHABET].map((c, i) => [c, i]));
const RANDOM_CHARS = 10; // 50 random bits
const TAG_CHARS = 8; // 40-bit truncated HMAC
export const SERIAL_LENGTH = 1 + RANDOM_CHARS + TAG_CHARS;
export const SERIAL_PATTERN = /^[0-9A-Z]{19}$/;

export interface SigningKey {
  id: string;
  secret: Buffer;
}

/** Parses LABEL_SIGNING_KEYS: `kid:secret[,kid:secret...]`, kid one character [0-9A-Z]; the first key signs new serials. */
export function parseSigningKeys(value: string): SigningKey[] {
  const keys = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, separator);
      const secret = entry.slice(separator + 1);
      if (separator !== 1 || !/^[0-9A-Z]$/.test(id) || secret.length < 16) {
        throw new Error('each entry is kid:secret, kid one character 0-9 or A-Z, secret at least 16 characters');
      }
      return { id, secret: Buffer.from(secret, 'utf8') };
    });
  if (!keys.length) throw new Error('at least one kid:secret is required');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('key ids must be distinct');
  return keys;
}

function encodeBase32(bytes: Buffer, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

export type SerialCheck = 'valid' | 'forged' | 'malformed';

/**
 * Serials `kid(1) + random(10) + tag(8)` = 19 characters inside GS1 AI 21, where
 * tag = first 40 bits of HMAC-SHA256(key[kid], gtin|lot|random). A guessed or altered serial fails the
 * tag check without any database lookup; the key id lets keys rotate while old labels keep verifying.
 * Labels without a GTIN (short form /t/{serial}) sign with empty gtin and lot: the URL carries no lot, so
 * the scan could never supply it. Short-form serials printed before issue 11 were signed with their lot
 * anyway; checkLegacyShortForm recognises those.
 */
export class SerialSigner {
  private readonly byId: Map<string, SigningKey>;

  constructor(private readonly keys: SigningKey[]) {
    this.byId = new Map(keys.map((k) => [k.id, k]));
  }

  /** `lot` is ignored without a GTIN, so issuing and checking a short-form label always agree. */
  issue(gtin: string | null, lot: string | null): string {
    const key = this.keys[0];
    const random = encodeBase32(randomBytes(7), RANDOM_CHARS);
    return key.id + random + this.tag(key, gtin, gtin === null ? null : lot, random);
  }

  check(serial: string, gtin: string | null, lot: string | null): SerialCheck {
    if (!this.wellFormed(serial)) return 'malformed';
    const key = this.byId.get(serial[0]);
    if (!key) return 'forged';
    return this.matches(serial, key, gtin, gtin === null ? null : lot) ? 'valid' : 'forged';
  }

  /**
   * Whether a short-form serial is one printed before issue 11, signed with one of `lots` (the lots that
   * had GTIN-less labels then). One HMAC per lot, no database: a forged serial stays cheap to refuse.
   */
  checkLegacyShortForm(serial: string, lots: readonly string[]): boolean {
    if (!this.wellFormed(serial)) return false;
    const key = this.byId.get(serial[0]);
    if (!key) return false;
    for (const lot of lots) if (this.matches(serial, key, null, lot)) return true;
    return false;
  }

  private wellFormed(serial: string): boolean {
    if (!SERIAL_PATTERN.test(serial)) return false;
    for (const c of serial) if (!DECODE.has(c)) return false;
    return true;
  }

  private matches(serial: string, key: SigningKey, gtin: string | null, lot: string | null): boolean {
    const random = serial.slice(1, 1 + RANDOM_CHARS);
    const expected = Buffer.from(this.tag(key, gtin, lot, random));
    const actual = Buffer.from(serial.slice(1 + RANDOM_CHARS));
    return timingSafeEqual(expected, actual);
  }

  private tag(key: SigningKey, gtin: string | null, lot: string | null, random: string): string {
    const mac = createHmac('sha256', key.secret)
      .update(`${gtin ?? ''}|${lot ?? ''}|${random}`)
      .digest();
    return encodeBase32(mac.subarray(0, 5), TAG_CHARS);
  }
}
