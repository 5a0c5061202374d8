import { GS1_AI82 } from '../../common/gs1/gtin';

/**
 * The URL printed in the QR code. With a GTIN: `{base}/01/{gtin14}/10/{lot}/21/{serial}` (GS1 Digital
 * Link, qualifiers in the order 10, 21); without: `{base}/t/{serial}`. No query string: every byte
 * makes the code denser, and the data needed to verify the label is all in the path.
 */
export function labelUrl(publicBaseUrl: string, gtin: string | null, lot: string, serial: string): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return gtin ? `${base}/01/${gtin}/10/${encodeAi82(lot)}/21/${encodeAi82(serial)}` : `${base}/t/${encodeAi82(serial)}`;
}

/** Percent-encodes the few AI-82 characters that are not safe in a URI path segment. */
export function encodeAi82(value: string): string {
  if (!GS1_AI82.test(value)) throw new Error(`${value} is not a GS1 AI 82-character-set value`);
  return value.replace(/[!"%&'()*+,/:;<=>?]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The domain and path people can read on the label, e.g. `nst.vn`. */
export function shortDomain(publicBaseUrl: string): string {
  return new URL(publicBaseUrl).host;
}
