import { InvalidInputError } from '../common/errors/domain-errors';
import type { MessageKey } from '../common/i18n/catalogue';
import { message } from '../common/i18n/message';
import { normalizePhone } from '../common/phone';
import { COMMON_PASSWORDS } from './common-passwords';

const folded = (value: string): string =>
  value
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s._-]+/g, '');
const COMMON = new Set(COMMON_PASSWORDS.map(folded));

/**
 * Refuses passwords an attacker tries first (the length rule is the DTO's): common passwords, digits only
 * (phone numbers, dates of birth, ID numbers), one repeated character, and the account's own phone number
 * in any of its spellings. The reason is a catalogue key, told in the reader's language.
 */
export function weakPasswordReason(password: string, phone: string | null): MessageKey | null {
  const plain = folded(password);
  if (COMMON.has(plain)) return 'auth.passwordCommon';
  if (/^[\d\s().+-]+$/.test(password)) return 'auth.passwordDigitsOnly';
  if (/^(.)\1*$/u.test(plain)) return 'auth.passwordRepeated';
  const own = phone ? normalizePhone(phone) : null;
  if (own) {
    // The nine digits after 0 or +84, however the password spaces them.
    if (password.replace(/\D/g, '').includes(own.slice(1))) return 'auth.passwordHasPhone';
  }
  return null;
}

export function assertStrongPassword(password: string, phone: string | null, field = 'password'): void {
  const reason = weakPasswordReason(password, phone);
  if (reason) throw InvalidInputError.field(field, message(reason));
}
