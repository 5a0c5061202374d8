import { randomInt } from 'node:crypto';

// Crockford base32: no I, L, O, U, so a lot code read aloud over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * `YYMMDD-XXXXXX`: the harvest date (Vietnam time) and 30 random bits. 13 characters, all inside
 * the GS1 82-character set, so the lot can sit in a Digital Link (AI 10 allows 20).
 */
export function generateLotCode(harvestedAt: Date): string {
  const local = new Date(harvestedAt.getTime() + 7 * 3600_000).toISOString();
  const date = local.slice(2, 4) + local.slice(5, 7) + local.slice(8, 10);
  let suffix = '';
  for (let i = 0; i < 6; i++) suffix += ALPHABET[randomInt(32)];
  return `${date}-${suffix}`;
}
