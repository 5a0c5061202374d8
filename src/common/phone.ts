/** Vietnamese mobile and landline numbers, written 0xxxxxxxxx or +84xxxxxxxxx (spaces, dots and dashes allowed). */
export const VIETNAMESE_PHONE = /^(?:\+?84|0)[1-9]\d{8}$/;

/** Normalises to the 0xxxxxxxxx form people type and read in Vietnam; returns null when it is not a phone number. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.()-]/g, '');
  if (!VIETNAMESE_PHONE.test(compact)) return null;
  return `0${compact.slice(compact.length - 9)}`;
}
