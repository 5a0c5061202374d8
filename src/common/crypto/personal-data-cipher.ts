import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AuthConfig } from '../../config/sections';
import { parseDataEncryptionKeys } from './data-encryption-keys';

const deriveKey = (secret: string): Buffer => Buffer.from(hkdfSync('sha256', secret, 'nongsan-trace', 'personal-data-v1', 32));

/** Key id of the key derived from JWT_SECRET, outside production when DATA_ENCRYPTION_KEY is unset. */
const JWT_DERIVED_KID = 'jwt';

function open(key: Buffer, raw: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * AES-256-GCM for personal data kept at rest (national ID numbers), so a database dump alone does not
 * reveal them. Ciphertexts are `v2:<kid>:<base64url(iv | tag | body)>`: the key id says which key of
 * DATA_ENCRYPTION_KEY opens it, so keys can be rotated. `v1.` ciphertexts, written before key ids,
 * were sealed with a key derived from DATA_ENCRYPTION_KEY as it was then, or from JWT_SECRET.
 */
@Injectable()
export class PersonalDataCipher {
  private readonly current: { kid: string; key: Buffer };
  private readonly keys = new Map<string, Buffer>();
  private readonly legacyKeys: Buffer[];

  constructor(auth: AuthConfig) {
    const configured = auth.DATA_ENCRYPTION_KEY ? parseDataEncryptionKeys(auth.DATA_ENCRYPTION_KEY) : [];
    for (const { kid, secret } of configured) this.keys.set(kid, deriveKey(secret));
    if (!this.keys.has(JWT_DERIVED_KID)) this.keys.set(JWT_DERIVED_KID, deriveKey(auth.JWT_SECRET));
    const first = configured[0]?.kid ?? JWT_DERIVED_KID;
    this.current = { kid: first, key: this.keys.get(first)! };
    // v1 keys were derived from the whole variable (before it could hold a list), or from JWT_SECRET.
    const legacySecrets = [auth.DATA_ENCRYPTION_KEY, ...configured.map((k) => k.secret), auth.JWT_SECRET];
    this.legacyKeys = [...new Set(legacySecrets.filter((s): s is string => Boolean(s)))].map(deriveKey);
  }

  encrypt(plain: string, iv: Buffer = randomBytes(12)): string {
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v2:${this.current.kid}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** Encrypts many values with one call for all their random IVs (a bulk import encrypts thousands). */
  encryptMany(plains: (string | null)[]): (string | null)[] {
    const ivs = randomBytes(12 * plains.length);
    return plains.map((plain, i) => (plain === null ? null : this.encrypt(plain, ivs.subarray(i * 12, i * 12 + 12))));
  }

  decrypt(sealed: string): string {
    const v2 = /^v2:([A-Za-z0-9]{1,16}):([A-Za-z0-9_-]+)$/.exec(sealed);
    if (v2) {
      const key = this.keys.get(v2[1]);
      if (!key) throw new Error(`Sealed with key ${v2[1]}, which DATA_ENCRYPTION_KEY no longer holds`);
      return open(key, Buffer.from(v2[2], 'base64url'));
    }
    if (!sealed.startsWith('v1.')) throw new Error('Not a sealed value');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    for (const key of this.legacyKeys) {
      try {
        return open(key, raw);
      } catch {
        // GCM's tag says it was another key; the next is tried.
      }
    }
    throw new Error('No key of DATA_ENCRYPTION_KEY or JWT_SECRET opens this v1 value');
  }
}

/** `********1234`: the only form in which a national ID ever leaves the service. */
export function maskNationalId(last4: string | null): string | null {
  return last4 ? `********${last4}` : null;
}
