/**
 * GS1 GTIN check digit: weights 3,1,3,... from the right, excluding the check digit;
 * check = (10 - sum mod 10) mod 10. GTIN-8/12/13 are left-padded with zeros to GTIN-14.
 */
export function gtinCheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let i = digitsWithoutCheck.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
    sum += (digitsWithoutCheck.charCodeAt(i) - 48) * weight;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(value: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(value)) return false;
  return gtinCheckDigit(value.slice(0, -1)) === value.charCodeAt(value.length - 1) - 48;
}

export function toGtin14(value: string): string {
  return value.padStart(14, '0');
}

/** GS1 AI 10/21/22 values: up to 20 characters of the GS1 82-character set (GS1 General Specifications, figure 7.11-1). */
export const GS1_AI82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;
