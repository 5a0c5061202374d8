import { timingSafeEqual } from 'node:crypto';

/** Compares two hex signatures in constant time, ignoring case (platforms differ on upper/lower hex). */
export function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}
