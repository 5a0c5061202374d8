import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { loadEnvironment } from '../../config/environment';
import { PersonalDataCipher } from './personal-data-cipher';

const JWT_SECRET = 'j'.repeat(40);
const OLD = 'o'.repeat(40);
const NEW = 'n'.repeat(40);
const cipherFor = (vars: Record<string, string>) => new PersonalDataCipher(loadEnvironment({ JWT_SECRET, ...vars }));

/** A national ID sealed the way the service did before key ids: `v1.` + base64url(iv | tag | body). */
function sealedTheOldWay(secret: string, plain: string): string {
  const key = Buffer.from(hkdfSync('sha256', secret, 'nongsan-trace', 'personal-data-v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

describe('PersonalDataCipher', () => {
  it('names the key in every ciphertext: a single secret is key 1', () => {
    const cipher = cipherFor({ DATA_ENCRYPTION_KEY: OLD });
    const sealed = cipher.encrypt('030088001234');
    expect(sealed).toMatch(/^v2:1:[A-Za-z0-9_-]+$/);
    expect(cipher.decrypt(sealed)).toBe('030088001234');
  });

  it('encrypts with the first of kid:secret pairs and still decrypts with the others after a rotation', () => {
    const before = cipherFor({ DATA_ENCRYPTION_KEY: `a:${OLD}` });
    const sealedBefore = before.encrypt('030088001234');
    const after = cipherFor({ DATA_ENCRYPTION_KEY: `b:${NEW},a:${OLD}` });
    const sealedAfter = after.encrypt('001199004321');
    expect(sealedAfter).toMatch(/^v2:b:/);
    expect(after.decrypt(sealedBefore)).toBe('030088001234');
    expect(after.decrypt(sealedAfter)).toBe('001199004321');
    // A key dropped from the list no longer opens what it sealed.
    expect(() => cipherFor({ DATA_ENCRYPTION_KEY: `b:${NEW}` }).decrypt(sealedBefore)).toThrow(/key a/);
  });

  it('still opens ciphertexts written before key ids, whether their key came from DATA_ENCRYPTION_KEY or JWT_SECRET', () => {
    const fromJwt = sealedTheOldWay(JWT_SECRET, '030088001234');
    const fromKey = sealedTheOldWay(OLD, '001199004321');
    const cipher = cipherFor({ DATA_ENCRYPTION_KEY: `2:${NEW},1:${OLD}` });
    expect(cipher.decrypt(fromJwt)).toBe('030088001234');
    expect(cipher.decrypt(fromKey)).toBe('001199004321');
    // The same when the single secret is still set as it was.
    expect(cipherFor({ DATA_ENCRYPTION_KEY: OLD }).decrypt(fromKey)).toBe('001199004321');
    expect(cipherFor({}).decrypt(fromJwt)).toBe('030088001234');
  });

  it('refuses a tampered ciphertext', () => {
    const cipher = cipherFor({ DATA_ENCRYPTION_KEY: OLD });
    const sealed = cipher.encrypt('030088001234');
    const prefix = sealed.slice(0, sealed.lastIndexOf(':') + 1);
    const payload = Buffer.from(sealed.slice(prefix.length), 'base64url');
    // Every byte of iv, tag and body is covered: flip one bit in each and none may open.
    for (let i = 0; i < payload.length; i++) {
      const tampered = Buffer.from(payload);
      tampered[i] ^= 0x01;
      expect(() => cipher.decrypt(`${prefix}${tampered.toString('base64url')}`)).toThrow();
    }
  });
});

describe('DATA_ENCRYPTION_KEY', () => {
  // Its refusal in production is tested with the other production checks (config/environment.spec.ts).
  it.each([
    ['too short', 'short'],
    ['a short secret in the list', `1:${OLD},2:short`],
    ['the same key id twice', `1:${OLD},1:${NEW}`],
  ])('refuses %s', (_label, value) => {
    expect(() => loadEnvironment({ DATA_ENCRYPTION_KEY: value })).toThrow(/^Invalid configuration: DATA_ENCRYPTION_KEY: /);
  });
});
