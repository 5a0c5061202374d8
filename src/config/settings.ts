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

/** A variable's meaning, or its meaning and how its default reads: the section is given once per group. */
type Described = string | Omit<Setting, 'section'>;

/** The variables of one section, each with its section spelled out (kept as a literal type, see `SectionSettings`). */
function inSection<S extends SectionName, N extends string>(
  section: S,
  described: Record<N, Described>,
): Record<N, { section: S; doc: string; defaultText?: string }> {
  const settings = {} as Record<N, { section: S; doc: string; defaultText?: string }>;
  for (const name of Object.keys(described) as N[]) {
    const entry: Described = described[name];
    settings[name] = typeof entry === 'string' ? { section, doc: entry } : { section, ...entry };
  }
  return settings;
}

/** A marketplace's API address: unset, it follows the embedded mocks, which production refuses. */
const platformAddress = (doc: string, mockPath: string): Described => ({
  doc: `${doc} (refused in production while it points at the mocks)`,
  defaultText: `the mocks: \`http://127.0.0.1:$MOCK_MARKETPLACES_PORT${mockPath}\``,
});

/** A credential a marketplace issues; the mocks' stand-in is refused in production. */
const platformCredential = (doc: string, format?: string): string =>
  `${doc} (${format ? `${format}; ` : ''}refused in production while the mocks' value)`;

const queueRateLimit = (platform: string): string => `calls a second the ${platform} queue may start (BullMQ limiter); 0 = unlimited`;

/**
 * Each variable's section and meaning. The mapped type makes a variable added to `Environment` without an
 * entry here a type error, so none goes undocumented; `npm run docs:config` writes the README's table.
 */
export const SETTINGS = {
  ...inSection('server', {
    NODE_ENV: '`development`, `production` or `test`',
    ROLE: '`api` serves HTTP only; `worker` runs queue consumers without HTTP; `all` does both in one process',
    PORT: 'HTTP port',
    HOST: 'interface to listen on',
    PUBLIC_BASE_URL:
      "the service's public address, printed into QR labels and the OpenAPI document (a loopback address, or `http://` unless allowed below, is refused in production)",
    ALLOW_HTTP_PUBLIC_BASE_URL:
      '`true` lets production run with an `http://` `PUBLIC_BASE_URL` (a closed network without a certificate); said on purpose, since labels keep it',
    BODY_LIMIT_BYTES: 'largest JSON body; larger is `413`',
    IMPORT_LIMIT_BYTES: 'largest CSV body for the household import',
    TRUST_PROXY:
      'whose `X-Forwarded-For` is believed (Fastify `trustProxy`): addresses/CIDRs/keywords, `true` or `false`. Name your proxy; `docker-compose.yml` sets `loopback,uniquelocal` for the api behind its nginx',
    METRICS_TOKEN: {
      doc: 'when set, `GET /metrics` answers only `Authorization: Bearer <METRICS_TOKEN>` (16+ characters); the bundled proxy never forwards `/metrics`',
      defaultText: 'unset',
    },
    LOG_LEVEL: 'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`',
  }),

  ...inSection('database', {
    DATABASE_URL: 'a `postgres://` URL, or the path of a SQLite file (created with its folder)',
  }),

  ...inSection('redis', {
    REDIS_URL: '`redis://` or `rediss://` URL (BullMQ queues, change notices, scan counters)',
    REDIS_PREFIX: 'prefix of every Redis key (and BullMQ queue), so deployments or test runs can share one Redis',
  }),

  ...inSection('auth', {
    ADMIN_PHONE: 'phone of the province-office admin account created at first start',
    ADMIN_PASSWORD: 'its password (at least 10 characters; refused in production)',
    JWT_SECRET: 'HS256 key for access tokens (at least 32 characters; refused in production)',
    JWT_TTL_SECONDS: 'access-token lifetime, 60 to 86400; clients renew with the refresh token',
    REFRESH_TOKEN_TTL_DAYS:
      'refresh-token lifetime; each refresh token works once (`POST /api/v1/auth/refresh` answers a new one), a reused one ends its session, `POST /api/v1/auth/logout` ends it too',
    DATA_ENCRYPTION_KEY: {
      doc: 'AES-256-GCM keys for national IDs at rest: a secret (key id `1`) or `kid:secret[,kid:secret…]`, 32+ characters each; the first encrypts, old ones still decrypt. Required in production',
      defaultText: 'derived from `JWT_SECRET`',
    },
    LOGIN_MAX_FAILURES: 'failed logins for one phone before it is locked; a locked phone answers like a wrong password',
    LOGIN_LOCK_SECONDS: 'how long the lock lasts',
    LOGIN_RATE_LIMIT_PER_MINUTE:
      'failed logins per minute from one client address (IPv4, or IPv6 /64) before `429` + `Retry-After`; 0 = off',
    ACCOUNT_CACHE_SECONDS:
      'how long a process trusts its memory of an account (token version, disabled) if a change notice over Redis is lost',
  }),

  ...inSection('labels', {
    LABEL_SIGNING_KEYS:
      'keys that sign label serials, `kid:secret[,kid:secret…]` (kid one of 0-9/A-Z, secrets 16+ characters); the first signs new labels, keep old ones after rotating (refused in production)',
    STORAGE_DIR: 'where rendered label files (PDF, ZPL) are written; api and worker must share it',
    LABEL_OVERRUN_TOLERANCE: 'how far a label run may exceed what the batch can fill before it is refused (0.05 = 5 %)',
    LABEL_RENDER_THREADS: 'threads that render label PDFs; 0 = one per CPU core',
    LABEL_JOB_LOCK_SECONDS: "a label worker's job lock; a run whose worker died is picked up again after this long",
  }),

  ...inSection('scan', {
    SCAN_RATE_LIMIT_PER_MINUTE:
      'scans per minute one client (an IPv4 address, an IPv6 /64) may make on the public resolver (`429` + `Retry-After` beyond); 0 = off. Generous, for many shoppers behind one carrier-grade NAT',
    SCAN_SUSPICIOUS_NETWORKS:
      'a label viewed from more distinct networks (IPv4 /24, IPv6 /48) than this within `SCAN_WINDOW_HOURS` is shown as `suspicious` (see "Scans and the suspicious verdict")',
    SCAN_WINDOW_HOURS: 'the sliding window for counting networks: a network counts while its last view is younger than this',
    TRACE_CACHE_SECONDS:
      'how long a process may serve a label or batch view from memory; changes are pushed to every process over Redis at once, this is the safety net when Redis is down',
    TRACE_HELP_LINE: {
      doc: "who to tell about a fake label, shown on counterfeit and unknown pages (e.g. the province's agro-product quality office and its number); empty: general advice only",
      defaultText: 'empty',
    },
    TRACE_HELP_LINE_EN: { doc: 'the same line on English pages; empty: `TRACE_HELP_LINE` is shown there too', defaultText: 'empty' },
  }),

  ...inSection('reports', {
    LYCHEE_MAX_YIELD_KG_PER_HA: "above this many kg per hectare in one harvest year, a lychee plot's records are flagged as implausible",
  }),

  ...inSection('shopee', {
    SHOPEE_BASE_URL: platformAddress('Shopee Open Platform API address', '/shopee'),
    SHOPEE_PARTNER_ID: platformCredential('partner id the platform issued', 'digits'),
    SHOPEE_PARTNER_KEY: platformCredential('partner key that signs every call', 'HMAC-SHA256'),
    SHOPEE_SHOP_ID: platformCredential("the co-op's shop id", 'digits'),
    SHOPEE_ACCESS_TOKEN: platformCredential("the shop's access token"),
    SHOPEE_RATE_LIMIT_PER_SECOND: queueRateLimit('Shopee'),
  }),

  ...inSection('lazada', {
    LAZADA_BASE_URL: platformAddress('Lazada Open Platform REST address', '/lazada/rest'),
    LAZADA_APP_KEY: platformCredential('app key the platform issued'),
    LAZADA_APP_SECRET: platformCredential('app secret that signs every call'),
    LAZADA_ACCESS_TOKEN: platformCredential("the seller's access token"),
    LAZADA_RATE_LIMIT_PER_SECOND: queueRateLimit('Lazada'),
  }),

  ...inSection('tiki', {
    TIKI_BASE_URL: platformAddress('Tiki Open API address', '/tiki'),
    TIKI_CLIENT_ID: platformCredential('OAuth client id the platform issued'),
    TIKI_CLIENT_SECRET: platformCredential('OAuth client secret'),
    TIKI_RATE_LIMIT_PER_SECOND: queueRateLimit('Tiki'),
  }),

  ...inSection('sync', {
    MARKETPLACE_SYNC_CONCURRENCY:
      "sync jobs each marketplace queue runs at once per worker process (the rate limits, not this, set a platform's pace)",
    MARKETPLACE_SYNC_ATTEMPTS: 'attempts before a channel is marked failed (throttling answers do not count)',
    MARKETPLACE_GIVE_UP_AFTER_MS:
      '…and only once its failures in a row have lasted this long: a platform answering 5xx for a minute is an outage to wait out',
    MARKETPLACE_BACKOFF_MS: 'first retry delay after a 5xx or timeout; doubles each attempt, with jitter',
    LISTING_UPDATE_DELAY_MS: 'how long a stock/price change waits so a burst of changes makes one call',
    MARKETPLACE_REVIEW_POLL_MS: 'how often a channel under review (Lazada QC, Tiki review) is checked',
    IMAGE_FETCH_PRIVATE_NETWORKS:
      'listing image URLs come from users: `deny` fetches them from public addresses only, never loopback, private or link-local ones; `allow` is for development and tests',
    MARKETPLACE_HTTP_TIMEOUT_MS: 'timeout of one marketplace HTTP call',
    MARKETPLACE_SYNC_LOCK_MS: 'lock of a running sync job; a worker killed mid-sync has its jobs taken over within about 1.5 times this',
    SYNC_RELAY_INTERVAL_MS: 'how often the outbox relay moves sync intents to the queues',
    SYNC_SWEEP_STALE_MS:
      "a channel out of line with its listing and untouched this long, with no intent waiting, gets a new one (jobs lost with Redis's data)",
  }),

  ...inSection('mocks', {
    MOCK_MARKETPLACES_PORT: 'port of the mock marketplaces started inside `ROLE=all` outside production; 0 = do not start them',
    MOCK_REVIEW_DELAY_MS: "how long the mocks' Lazada quality check and Tiki review take",
    MOCK_WEBHOOK_BASE_URL: {
      doc: 'where the mocks push orders (the service as the mocks reach it)',
      defaultText: 'this service: `http://127.0.0.1:$PORT`',
    },
  }),
} satisfies { [name in SettingName]: Setting };

/** The names of one section's variables, as a type. */
export type SectionSettings<S extends SectionName> = {
  [K in SettingName]: (typeof SETTINGS)[K]['section'] extends S ? K : never;
}[SettingName];

/** The variables of one section, in the order `SETTINGS` lists them. */
export function settingsOf<S extends SectionName>(section: S): SectionSettings<S>[] {
  return (Object.keys(SETTINGS) as SettingName[]).filter((name): name is SectionSettings<S> => SETTINGS[name].section === section);
}
