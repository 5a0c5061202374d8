import { Environment } from './environment';

/** Every variable the service reads (the validated `Environment`'s own fields). */
export type SettingName = Exclude<keyof Environment, 'databaseKind'>;

/**
 * The sections the configuration is grouped in. A service injects the section it needs (see
 * `sections.ts`), never the whole environment, and the README's table is generated per section.
 */
export const SECTION_TITLES = {
  server: 'Server',
  database: 'Database',
  redis: 'Redis',
  auth: 'Accounts and sign-in',
  labels: 'Labels',
  scan: 'Scans and the public trace',
  reports: 'Records and reports',
  shopee: 'Shopee',
  lazada: 'Lazada',
  tiki: 'Tiki',
  sync: 'Marketplace sync',
  mocks: 'Mock marketplaces (development)',
} as const;
export type SectionName = keyof typeof SECTION_TITLES;

export interface Setting {
  section: SectionName;
  /** What the variable means, as the README shows it (Markdown). */
  doc: string;
  /** How the default reads in the README when it is not a plain value (derived, empty, unset). */
  defaultText?: string;
}

/**
 * Each variable's section and meaning. The mapped type makes a variable added to `Environment` without an
 * entry here a type error, so none goes undocumented; `npm run docs:config` writes the README's table.
 */
export const SETTINGS = {
  NODE_ENV: { section: 'server', doc: '`development`, `production` or `test`' },
  ROLE: { section: 'server', doc: '`api` serves HTTP only; `worker` runs queue consumers without HTTP; `all` does both in one process' },
  PORT: { section: 'server', doc: 'HTTP port' },
  HOST: { section: 'server', doc: 'interface to listen on' },
  PUBLIC_BASE_URL: {
    section: 'server',
    doc: "the service's public address, printed into QR labels and the OpenAPI document (a loopback address is refused in production)",
  },
  BODY_LIMIT_BYTES: { section: 'server', doc: 'largest JSON body; larger is `413`' },
  IMPORT_LIMIT_BYTES: { section: 'server', doc: 'largest CSV body for the household import' },
  TRUST_PROXY: {
    section: 'server',
    doc: "whose `X-Forwarded-For` is believed (Fastify `trustProxy`): addresses/CIDRs/keywords, `true` or `false`. Name your proxy; `docker-compose.yml` sets `loopback,uniquelocal` for the api behind its nginx",
  },
  METRICS_TOKEN: {
    section: 'server',
    doc: 'when set, `GET /metrics` answers only `Authorization: Bearer <METRICS_TOKEN>` (16+ characters); the bundled proxy never forwards `/metrics`',
    defaultText: 'unset',
  },
  LOG_LEVEL: { section: 'server', doc: 'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`' },

  DATABASE_URL: { section: 'database', doc: 'a `postgres://` URL, or the path of a SQLite file (created with its folder)' },

  REDIS_URL: { section: 'redis', doc: '`redis://` or `rediss://` URL (BullMQ queues, change notices, scan counters)' },
  REDIS_PREFIX: {
    section: 'redis',
    doc: 'prefix of every Redis key (and BullMQ queue), so deployments or test runs can share one Redis',
  },

  ADMIN_PHONE: { section: 'auth', doc: 'phone of the province-office admin account created at first start' },
  ADMIN_PASSWORD: { section: 'auth', doc: 'its password (at least 10 characters; refused in production)' },
  JWT_SECRET: { section: 'auth', doc: 'HS256 key for access tokens (at least 32 characters; refused in production)' },
  JWT_TTL_SECONDS: { section: 'auth', doc: 'access-token lifetime, 60 to 86400; clients renew with the refresh token' },
  REFRESH_TOKEN_TTL_DAYS: {
    section: 'auth',
    doc: 'refresh-token lifetime; each refresh token works once (`POST /api/v1/auth/refresh` answers a new one), a reused one ends its session, `POST /api/v1/auth/logout` ends it too',
  },
  DATA_ENCRYPTION_KEY: {
    section: 'auth',
    doc: 'AES-256-GCM keys for national IDs at rest: a secret (key id `1`) or `kid:secret[,kid:secret…]`, 32+ characters each; the first encrypts, old ones still decrypt. Required in production',
    defaultText: 'derived from `JWT_SECRET`',
  },
  LOGIN_MAX_FAILURES: {
    section: 'auth',
    doc: 'failed logins for one phone before it is locked; a locked phone answers like a wrong password',
  },
  LOGIN_LOCK_SECONDS: { section: 'auth', doc: 'how long the lock lasts' },
  LOGIN_RATE_LIMIT_PER_MINUTE: {
    section: 'auth',
    doc: 'failed logins per minute from one client address (IPv4, or IPv6 /64) before `429` + `Retry-After`; 0 = off',
  },
  ACCOUNT_CACHE_SECONDS: {
    section: 'auth',
    doc: 'how long a process trusts its memory of an account (token version, disabled) if a change notice over Redis is lost',
  },

  LABEL_SIGNING_KEYS: {
    section: 'labels',
    doc: 'keys that sign label serials, `kid:secret[,kid:secret…]` (kid one of 0-9/A-Z, secrets 16+ characters); the first signs new labels, keep old ones after rotating (refused in production)',
  },
  STORAGE_DIR: { section: 'labels', doc: 'where rendered label files (PDF, ZPL) are written; api and worker must share it' },
  LABEL_OVERRUN_TOLERANCE: {
    section: 'labels',
    doc: 'how far a label run may exceed what the batch can fill before it is refused (0.05 = 5 %)',
  },
  LABEL_RENDER_THREADS: { section: 'labels', doc: 'threads that render label PDFs; 0 = one per CPU core' },
  LABEL_JOB_LOCK_SECONDS: {
    section: 'labels',
    doc: "a label worker's job lock; a run whose worker died is picked up again after this long",
  },

  SCAN_RATE_LIMIT_PER_MINUTE: {
    section: 'scan',
    doc: 'scans per minute one client (an IPv4 address, an IPv6 /64) may make on the public resolver (`429` + `Retry-After` beyond); 0 = off. Generous, for many shoppers behind one carrier-grade NAT',
  },
  SCAN_SUSPICIOUS_NETWORKS: {
    section: 'scan',
    doc: 'a label viewed from more distinct networks (IPv4 /24, IPv6 /48) than this within `SCAN_WINDOW_HOURS` is shown as `suspicious` (see "Scans and the suspicious verdict")',
  },
  SCAN_WINDOW_HOURS: {
    section: 'scan',
    doc: 'the sliding window for counting networks: a network counts while its last view is younger than this',
  },
  TRACE_CACHE_SECONDS: {
    section: 'scan',
    doc: 'how long a process may serve a label or batch view from memory; changes are pushed to every process over Redis at once, this is the safety net when Redis is down',
  },
  TRACE_HELP_LINE: {
    section: 'scan',
    doc: "who to tell about a fake label, shown on counterfeit and unknown pages (e.g. the province's agro-product quality office and its number); empty: general advice only",
    defaultText: 'empty',
  },
  TRACE_HELP_LINE_EN: {
    section: 'scan',
    doc: 'the same line on English pages; empty: `TRACE_HELP_LINE` is shown there too',
    defaultText: 'empty',
  },

  LYCHEE_MAX_YIELD_KG_PER_HA: {
    section: 'reports',
    doc: "above this many kg per hectare in one harvest year, a lychee plot's records are flagged as implausible",
  },

  SHOPEE_BASE_URL: {
    section: 'shopee',
    doc: "Shopee Open Platform API address (refused in production while it points at the mocks)",
    defaultText: 'the mocks: `http://127.0.0.1:$MOCK_MARKETPLACES_PORT/shopee`',
  },
  SHOPEE_PARTNER_ID: { section: 'shopee', doc: 'partner id the platform issued (digits; the mocks\' value is refused in production)' },
  SHOPEE_PARTNER_KEY: { section: 'shopee', doc: 'partner key that signs every call (HMAC-SHA256; refused in production while the mocks\' value)' },
  SHOPEE_SHOP_ID: { section: 'shopee', doc: "the co-op's shop id (digits; refused in production while the mocks' value)" },
  SHOPEE_ACCESS_TOKEN: { section: 'shopee', doc: "the shop's access token (refused in production while the mocks' value)" },
  SHOPEE_RATE_LIMIT_PER_SECOND: { section: 'shopee', doc: 'calls a second the Shopee queue may start (BullMQ limiter); 0 = unlimited' },

  LAZADA_BASE_URL: {
    section: 'lazada',
    doc: 'Lazada Open Platform REST address (refused in production while it points at the mocks)',
    defaultText: 'the mocks: `http://127.0.0.1:$MOCK_MARKETPLACES_PORT/lazada/rest`',
  },
  LAZADA_APP_KEY: { section: 'lazada', doc: "app key the platform issued (refused in production while the mocks' value)" },
  LAZADA_APP_SECRET: { section: 'lazada', doc: "app secret that signs every call (refused in production while the mocks' value)" },
  LAZADA_ACCESS_TOKEN: { section: 'lazada', doc: "the seller's access token (refused in production while the mocks' value)" },
  LAZADA_RATE_LIMIT_PER_SECOND: { section: 'lazada', doc: 'calls a second the Lazada queue may start (BullMQ limiter); 0 = unlimited' },

  TIKI_BASE_URL: {
    section: 'tiki',
    doc: 'Tiki Open API address (refused in production while it points at the mocks)',
    defaultText: 'the mocks: `http://127.0.0.1:$MOCK_MARKETPLACES_PORT/tiki`',
  },
  TIKI_CLIENT_ID: { section: 'tiki', doc: "OAuth client id the platform issued (refused in production while the mocks' value)" },
  TIKI_CLIENT_SECRET: { section: 'tiki', doc: "OAuth client secret (refused in production while the mocks' value)" },
  TIKI_RATE_LIMIT_PER_SECOND: { section: 'tiki', doc: 'calls a second the Tiki queue may start (BullMQ limiter); 0 = unlimited' },

  MARKETPLACE_SYNC_CONCURRENCY: {
    section: 'sync',
    doc: 'sync jobs each marketplace queue runs at once per worker process (the rate limits, not this, set a platform\'s pace)',
  },
  MARKETPLACE_SYNC_ATTEMPTS: { section: 'sync', doc: 'attempts before a channel is marked failed (throttling answers do not count)' },
  MARKETPLACE_GIVE_UP_AFTER_MS: {
    section: 'sync',
    doc: '…and only once its failures in a row have lasted this long: a platform answering 5xx for a minute is an outage to wait out',
  },
  MARKETPLACE_BACKOFF_MS: { section: 'sync', doc: 'first retry delay after a 5xx or timeout; doubles each attempt, with jitter' },
  LISTING_UPDATE_DELAY_MS: { section: 'sync', doc: 'how long a stock/price change waits so a burst of changes makes one call' },
  MARKETPLACE_REVIEW_POLL_MS: { section: 'sync', doc: 'how often a channel under review (Lazada QC, Tiki review) is checked' },
  IMAGE_FETCH_PRIVATE_NETWORKS: {
    section: 'sync',
    doc: 'listing image URLs come from users: `deny` fetches them from public addresses only, never loopback, private or link-local ones; `allow` is for development and tests',
  },
  MARKETPLACE_HTTP_TIMEOUT_MS: { section: 'sync', doc: 'timeout of one marketplace HTTP call' },
  MARKETPLACE_SYNC_LOCK_MS: {
    section: 'sync',
    doc: 'lock of a running sync job; a worker killed mid-sync has its jobs taken over within about 1.5 times this',
  },
  SYNC_RELAY_INTERVAL_MS: { section: 'sync', doc: 'how often the outbox relay moves sync intents to the queues' },
  SYNC_SWEEP_STALE_MS: {
    section: 'sync',
    doc: "a channel out of line with its listing and untouched this long, with no intent waiting, gets a new one (jobs lost with Redis's data)",
  },

  MOCK_MARKETPLACES_PORT: {
    section: 'mocks',
    doc: 'port of the mock marketplaces started inside `ROLE=all` outside production; 0 = do not start them',
  },
  MOCK_REVIEW_DELAY_MS: { section: 'mocks', doc: "how long the mocks' Lazada quality check and Tiki review take" },
  MOCK_WEBHOOK_BASE_URL: {
    section: 'mocks',
    doc: 'where the mocks push orders (the service as the mocks reach it)',
    defaultText: 'this service: `http://127.0.0.1:$PORT`',
  },
} as const satisfies { [name in SettingName]: Setting };

/** The names of one section's variables, as a type. */
export type SectionSettings<S extends SectionName> = { [K in SettingName]: (typeof SETTINGS)[K]['section'] extends S ? K : never }[SettingName];

/** The variables of one section, in the order `SETTINGS` lists them. */
export function settingsOf<S extends SectionName>(section: S): SectionSettings<S>[] {
  return (Object.keys(SETTINGS) as SettingName[]).filter((name): name is SectionSettings<S> => SETTINGS[name].section === section);
}
