import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment, MOCK_MARKETPLACE_DEFAULTS } from './environment';

/** The service's environment in docker-compose.yml (`x-service-env`), as `KEY: template` pairs. */
function composeServiceEnvironment(): Record<string, string> {
  const compose = readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');
  const block = /^x-service-env: &service-env\n((?: {2}.*\n)+)/m.exec(compose);
  if (!block) throw new Error('docker-compose.yml has no x-service-env block');
  const entries = block[1]
    .split('\n')
    .map((line) => /^ {2}([A-Z0-9_]+): (.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1], match[2].trim()]);
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Compose's interpolation of `${VAR}`, `${VAR:-default}` and `${VAR:?message}` (an unset or empty VAR is refused). */
function interpolate(template: string, vars: Record<string, string>): string {
  return template.replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_match, name: string, operator?: string, argument?: string) => {
    if (vars[name]) return vars[name];
    if (operator === '?') throw new Error(`required variable ${name} is missing a value: ${argument}`);
    return operator === '-' ? (argument ?? '') : '';
  });
}

/** What the operator's .env holds for a real deployment. */
const OPERATOR_VALUES: Record<string, string> = {
  PUBLIC_BASE_URL: 'https://truyxuat.htxthanhha.vn',
  ADMIN_PASSWORD: 'a-real-admin-password-1',
  JWT_SECRET: 'y'.repeat(48),
  LABEL_SIGNING_KEYS: '1:a-real-label-signing-key-0123',
  DATA_ENCRYPTION_KEY: '1:a-real-data-encryption-key-0123456789abcdef',
  SHOPEE_PARTNER_ID: '2009876',
  SHOPEE_PARTNER_KEY: 'shpk-issued-by-shopee',
  SHOPEE_SHOP_ID: '8009876',
  SHOPEE_ACCESS_TOKEN: 'shopee-access-token-of-the-shop',
  LAZADA_APP_KEY: '130987',
  LAZADA_APP_SECRET: 'lazada-app-secret-issued',
  LAZADA_ACCESS_TOKEN: 'lazada-access-token-of-the-seller',
  TIKI_CLIENT_ID: 'tiki-client-of-the-coop',
  TIKI_CLIENT_SECRET: 'tiki-client-secret-issued',
};

describe('docker-compose.yml', () => {
  const environment = composeServiceEnvironment();

  it('refuses to start without the public address, the secrets and every marketplace key', () => {
    const required = Object.entries(environment)
      .filter(([, template]) => {
        try {
          interpolate(template, {});
          return false;
        } catch {
          return true;
        }
      })
      .map(([key]) => key);
    expect(required.sort()).toEqual(
      ['PUBLIC_BASE_URL', 'ADMIN_PASSWORD', 'JWT_SECRET', 'LABEL_SIGNING_KEYS', 'DATA_ENCRYPTION_KEY', ...Object.keys(MOCK_MARKETPLACE_DEFAULTS)].sort(),
    );
  });

  it('gives a service that passes the production checks once they are set', () => {
    const env = Object.fromEntries(Object.entries(environment).map(([key, template]) => [key, interpolate(template, OPERATOR_VALUES)]));
    expect(env.NODE_ENV).toBe('production');
    expect(() => loadEnvironment(env)).not.toThrow();
  });
});
