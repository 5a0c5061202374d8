import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Environment } from '../../config/environment';

/**
 * AES-256-GCM for personal data kept at rest (national ID numbers), so a database dump alone does not
 * reveal them. The key comes from DATA_ENCRYPTION_KEY, or is derived from JWT_SECRET when that is unset.
 */
@Injectable()
export class PersonalDataCipher {
  private readonly key: Buffer;

  constructor(env: Environment) {
    const secret = env.DATA_ENCRYPTION_KEY ?? env.JWT_SECRET;
    this.key = Buffer.from(hkdfSync('sha256', secret, 'nongsan-trace', 'personal-data-v1', 32));
  }

  encrypt(plain: string, iv: Buffer = randomBytes(12)): string {
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** Encrypts many values with one call for all their random IVs (a bulk import encrypts thousands). */
  encryptMany(plains: (string | null)[]): (string | null)[] {
    const ivs = randomBytes(12 * plains.length);
    return plains.map((plain, i) => (plain === null ? null : this.encrypt(plain, ivs.subarray(i * 12, i * 12 + 12))));
  }

  decrypt(sealed: string): string {
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/** `********1234`: the only form in which a national ID ever leaves the service. */
export function maskNationalId(last4: string | null): string | null {
  return last4 ? `********${last4}` : null;
}
