/**
 * What a real deployment sets: its own secrets, its public address and each platform's real API and
 * keys. Production refuses to start without every one of them; a new such requirement is added here.
 */
export const PRODUCTION_VALUES: Readonly<Record<string, string>> = {
  NODE_ENV: 'production',
  JWT_SECRET: 'production-jwt-secret-of-this-test-run-0123456789',
  ADMIN_PASSWORD: 'a-real-admin-password-1',
  LABEL_SIGNING_KEYS: '1:a-real-label-signing-key-of-this-run',
  DATA_ENCRYPTION_KEY: '1:a-real-data-encryption-key-of-this-run-0123',
  PUBLIC_BASE_URL: 'https://truyxuat.htxthanhha.vn',
  SHOPEE_BASE_URL: 'https://partner.shopeemobile.com',
  SHOPEE_PARTNER_ID: '2009876',
  SHOPEE_PARTNER_KEY: 'shpk-issued-by-shopee',
  SHOPEE_SHOP_ID: '8009876',
  SHOPEE_ACCESS_TOKEN: 'shopee-access-token-of-the-shop',
  LAZADA_BASE_URL: 'https://api.lazada.vn/rest',
  LAZADA_APP_KEY: '130987',
  LAZADA_APP_SECRET: 'lazada-app-secret-issued',
  LAZADA_ACCESS_TOKEN: 'lazada-access-token-of-the-seller',
  TIKI_BASE_URL: 'https://api.tiki.vn',
  TIKI_CLIENT_ID: 'tiki-client-of-the-coop',
  TIKI_CLIENT_SECRET: 'tiki-client-secret-issued',
};
