import { plainToInstance, Transform } from 'class-transformer';
import { BlockList, isIP } from 'node:net';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { DATA_ENCRYPTION_KEY_FORMAT, parseDataEncryptionKeys } from '../common/crypto/data-encryption-keys';
import { mostBasicConstraint } from '../common/http/constraint-priority';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** Defaults that are fine on a laptop and refused in production (see `assertProductionSafe`). */
export const DEVELOPMENT_DEFAULTS = {
  ADMIN_PHONE: '0900000000',
  ADMIN_PASSWORD: 'doi-mat-khau-ngay',
  JWT_SECRET: 'development-only-jwt-secret-change-me',
  LABEL_SIGNING_KEYS: '1:development-only-label-key-change-me',
} as const;

/** The mock marketplaces' keys: they sign requests only the mocks accept, so production refuses them. */
export const MOCK_MARKETPLACE_DEFAULTS = {
  SHOPEE_PARTNER_ID: '2001234',
  SHOPEE_PARTNER_KEY: 'mock-shopee-partner-key',
  SHOPEE_SHOP_ID: '8001234',
  SHOPEE_ACCESS_TOKEN: 'mock-shopee-access-token',
  LAZADA_APP_KEY: '123456',
  LAZADA_APP_SECRET: 'mock-lazada-app-secret',
  LAZADA_ACCESS_TOKEN: 'mock-lazada-access-token',
  TIKI_CLIENT_ID: 'mock-tiki-client',
  TIKI_CLIENT_SECRET: 'mock-tiki-client-secret',
} as const;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;

const allOf =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, name) => {
    for (const decorate of decorators) decorate(target, name);
  };

/** An integer variable of at least `min` (and at most `max`), written as digits. */
function Integer(min: number, max?: number): PropertyDecorator {
  return allOf(Transform(toInt), IsInt({ message: '$property must be an integer' }), Min(min), ...(max === undefined ? [] : [Max(max)]));
}

/** An http(s) address; a host without a top-level domain (a container's name) is fine. */
function HttpUrl(): PropertyDecorator {
  return IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: '$property must be an http(s) URL' },
  );
}

/** A password, key or token of at least `length` characters. */
function Secret(length: number): PropertyDecorator {
  return allOf(IsString(), MinLength(length, { message: '$property must be at least $constraint1 characters' }));
}

/**
 * The whole environment the service reads, validated once at start-up.
 * Every variable has a default that works on a developer machine with a local Redis.
 */
export class Environment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(PROCESS_ROLES, { message: 'ROLE must be one of api, worker, all' })
  ROLE: ProcessRole = 'all';

  @Integer(0, 65535)
  PORT = 3000;

  @IsString()
  @IsNotEmpty()
  HOST = '0.0.0.0';

  /** A `postgres://` URL, or the path of a SQLite file. */
  @IsString()
  // Any other scheme (mysql://, http://...) is a mistake, not a SQLite file name.
  @Matches(/^(postgres(ql)?:\/\/[^\s]+|(?![A-Za-z][A-Za-z0-9+.-]*:\/\/)[^:\s][^\s]*)$/, {
    message: 'DATABASE_URL must be a postgres:// URL or a SQLite file path',
  })
  DATABASE_URL = './data/nongsan.sqlite';

  @IsString()
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key this deployment writes, so several deployments (or test runs) can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'REDIS_PREFIX must be 1-64 characters of A-Z a-z 0-9 : _ -' })
  REDIS_PREFIX = 'nongsan';

  @HttpUrl()
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /**
   * `true` lets production run with an `http://` PUBLIC_BASE_URL (a closed network with no certificate):
   * labels printed from it say `http://` for as long as they exist, so it must be said on purpose.
   */
  @IsIn(['true', 'false'], { message: 'ALLOW_HTTP_PUBLIC_BASE_URL must be true or false' })
  ALLOW_HTTP_PUBLIC_BASE_URL: 'true' | 'false' = 'false';

  @IsString()
  @Matches(/^(\+84|0)\d{9}$/, { message: 'ADMIN_PHONE must be a Vietnamese phone number (0xxxxxxxxx or +84xxxxxxxxx)' })
  ADMIN_PHONE: string = DEVELOPMENT_DEFAULTS.ADMIN_PHONE;

  @Secret(10)
  ADMIN_PASSWORD: string = DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD;

  @Secret(32)
  JWT_SECRET: string = DEVELOPMENT_DEFAULTS.JWT_SECRET;

  @Integer(60, 86400)
  JWT_TTL_SECONDS = 900;

  /** Lifetime of a refresh token (a session without activity ends after this); each use rotates it. */
  @Integer(1, 365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /**
   * Keys for personal data encrypted at rest (national ID numbers): `kid:secret[,kid:secret...]` or one
   * secret (key id 1), secrets of 32+ characters; the first encrypts, the others still decrypt after a
   * rotation. Required in production; elsewhere derived from JWT_SECRET when unset.
   */
  @IsOptional()
  @IsString()
  @Matches(DATA_ENCRYPTION_KEY_FORMAT, {
    message: 'DATA_ENCRYPTION_KEY must be one secret of 32+ characters or kid:secret[,kid:secret...] (kid 1-16 of A-Z a-z 0-9)',
  })
  DATA_ENCRYPTION_KEY?: string;

  @Integer(1)
  LOGIN_MAX_FAILURES = 5;

  @Integer(1)
  LOGIN_LOCK_SECONDS = 900;

  /** Failed logins per minute one client address (IPv4, or IPv6 /64) may make (429 beyond); 0 turns the limit off. */
  @Integer(0)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /**
   * How long a process trusts its memory of an account (token version, disabled) without a change notice:
   * the safety net behind the Redis broadcast that ends old tokens at once.
   */
  @Integer(0, 300)
  ACCOUNT_CACHE_SECONDS = 10;

  /** Largest JSON body accepted, in bytes. CSV imports have their own, larger limit. */
  @Integer(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @Integer(1024)
  IMPORT_LIMIT_BYTES = 20_971_520;

  /**
   * Keys that sign label serials: `kid:secret[,kid:secret...]`, kid one character 0-9/A-Z. The first
   * signs new labels; keep old entries after rotating so labels already printed still verify.
   */
  @IsString()
  @Matches(/^[0-9A-Z]:[^,\s]{16,}(,[0-9A-Z]:[^,\s]{16,})*$/, {
    message: 'LABEL_SIGNING_KEYS must be kid:secret[,kid:secret...] with kid one character 0-9 or A-Z and secrets of 16+ characters',
  })
  LABEL_SIGNING_KEYS: string = DEVELOPMENT_DEFAULTS.LABEL_SIGNING_KEYS;

  /** Where rendered label files are written. */
  @IsString()
  @IsNotEmpty()
  STORAGE_DIR = './data/storage';

  /** How far a label run may exceed what the batch can fill before it is refused (0.05 = 5%). */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value,
  )
  @IsNumber({}, { message: 'LABEL_OVERRUN_TOLERANCE must be a number such as 0.05' })
  @Min(0)
  @Max(1)
  LABEL_OVERRUN_TOLERANCE = 0.05;

  /** Threads that render label PDFs; 0 = one per CPU core. */
  @Integer(0, 64)
  LABEL_RENDER_THREADS = 0;

  /**
   * How long a label worker's job lock lasts without renewal. A worker killed mid-run loses its lock
   * after this long and the run is picked up again by another (or the restarted) worker.
   */
  @Integer(2, 3600)
  LABEL_JOB_LOCK_SECONDS = 30;

  /** Scans per minute one client address may make on the public resolver (429 beyond); 0 turns the limit off. */
  @Integer(0)
  SCAN_RATE_LIMIT_PER_MINUTE = 600;

  /**
   * A label viewed from more distinct networks (IPv4 /24, IPv6 /48) than this within SCAN_WINDOW_HOURS is
   * shown as suspicious: a copied label is scanned by shoppers everywhere. How often it was scanned does not
   * decide (one shopper reloading is one network).
   */
  @Integer(1)
  SCAN_SUSPICIOUS_NETWORKS = 5;

  @Integer(1)
  SCAN_WINDOW_HOURS = 72;

  /** How long a trace view may be served from memory without a change notice (safety net behind invalidation). */
  @Integer(0, 3600)
  TRACE_CACHE_SECONDS = 30;

  /**
   * Who a shopper should tell about a fake label, printed on counterfeit and unknown scan pages: the
   * province office's or a hotline's name and number as one line, e.g. "Chi cục QLCL Nông lâm sản và
   * Thủy sản Hải Phòng: 0225 3842 520". Empty: only the general advice is shown.
   */
  @IsString()
  @MaxLength(300)
  TRACE_HELP_LINE = '';

  /** The same line for English pages; empty: TRACE_HELP_LINE is shown there too. */
  @IsString()
  @MaxLength(300)
  TRACE_HELP_LINE_EN = '';

  /**
   * Which proxies' X-Forwarded-For is believed (Fastify trustProxy): only `loopback` by default, so no
   * client (nor a neighbour on a private network) can pick its own address for the scan rate limit and the
   * suspicious count by sending the header; name your proxy's address or CIDR, `true` trusts every hop.
   */
  @IsString()
  @Matches(/^(true|false|[0-9A-Za-z.:/,_-]+)$/, { message: 'TRUST_PROXY must be true, false or a list of addresses/CIDRs/keywords' })
  TRUST_PROXY = 'loopback';

  // --- Marketplace sync (issue 5). Unset base URLs point every adapter at the mocks on MOCK_MARKETPLACES_PORT. ---

  /** Port of the mock marketplaces started inside ROLE=all; 0 = do not start them. */
  @Integer(0, 65535)
  MOCK_MARKETPLACES_PORT = 4010;

  /** How long the mocks' Lazada quality check and Tiki review take. */
  @Integer(0)
  MOCK_REVIEW_DELAY_MS = 3000;

  /** Where the mocks push orders (the service's own base URL as the mock reaches it); unset = this service on PORT. */
  @HttpUrl()
  MOCK_WEBHOOK_BASE_URL = 'http://127.0.0.1:3000';

  @HttpUrl()
  SHOPEE_BASE_URL = 'http://127.0.0.1:4010/shopee';

  @IsString()
  @Matches(/^\d{1,20}$/, { message: 'SHOPEE_PARTNER_ID must be digits' })
  SHOPEE_PARTNER_ID: string = MOCK_MARKETPLACE_DEFAULTS.SHOPEE_PARTNER_ID;

  @Secret(8)
  SHOPEE_PARTNER_KEY: string = MOCK_MARKETPLACE_DEFAULTS.SHOPEE_PARTNER_KEY;

  @IsString()
  @Matches(/^\d{1,20}$/, { message: 'SHOPEE_SHOP_ID must be digits' })
  SHOPEE_SHOP_ID: string = MOCK_MARKETPLACE_DEFAULTS.SHOPEE_SHOP_ID;

  @IsString()
  @IsNotEmpty()
  SHOPEE_ACCESS_TOKEN: string = MOCK_MARKETPLACE_DEFAULTS.SHOPEE_ACCESS_TOKEN;

  @HttpUrl()
  LAZADA_BASE_URL = 'http://127.0.0.1:4010/lazada/rest';

  @IsString()
  @IsNotEmpty()
  LAZADA_APP_KEY: string = MOCK_MARKETPLACE_DEFAULTS.LAZADA_APP_KEY;

  @Secret(8)
  LAZADA_APP_SECRET: string = MOCK_MARKETPLACE_DEFAULTS.LAZADA_APP_SECRET;

  @IsString()
  @IsNotEmpty()
  LAZADA_ACCESS_TOKEN: string = MOCK_MARKETPLACE_DEFAULTS.LAZADA_ACCESS_TOKEN;

  @HttpUrl()
  TIKI_BASE_URL = 'http://127.0.0.1:4010/tiki';

  @IsString()
  @IsNotEmpty()
  TIKI_CLIENT_ID: string = MOCK_MARKETPLACE_DEFAULTS.TIKI_CLIENT_ID;

  @Secret(8)
  TIKI_CLIENT_SECRET: string = MOCK_MARKETPLACE_DEFAULTS.TIKI_CLIENT_SECRET;

  /** Calls a second each queue may start (BullMQ limiter); 0 = unlimited. */
  @Integer(0)
  SHOPEE_RATE_LIMIT_PER_SECOND = 0;

  @Integer(0)
  LAZADA_RATE_LIMIT_PER_SECOND = 0;

  @Integer(0)
  TIKI_RATE_LIMIT_PER_SECOND = 0;

  /**
   * Sync jobs each marketplace queue runs at once in one worker process. A job mostly waits on the
   * platform and the database (the rate limiter, not this, keeps a platform's pace), and concurrent
   * jobs share database statements, so this is set well above the number of cores.
   */
  @Integer(1, 500)
  MARKETPLACE_SYNC_CONCURRENCY = 50;

  /** Attempts before a channel is marked failed (throttling answers do not count). */
  @Integer(1, 50)
  MARKETPLACE_SYNC_ATTEMPTS = 8;

  /**
   * ...and only once the failures in a row have lasted this long (ms): a platform answering 5xx for a
   * minute is an outage to wait out, not a reason to give up on a listing.
   */
  @Integer(0)
  MARKETPLACE_GIVE_UP_AFTER_MS = 180_000;

  /** First retry delay for 5xx/timeouts; doubles each attempt, with jitter. */
  @Integer(10)
  MARKETPLACE_BACKOFF_MS = 500;

  /** How long a stock/price change waits so a burst of changes makes one call. */
  @Integer(0)
  LISTING_UPDATE_DELAY_MS = 1000;

  /** How often a channel under review (Lazada QC, Tiki review) is checked. */
  @Integer(10)
  MARKETPLACE_REVIEW_POLL_MS = 1500;

  /**
   * Listing image URLs come from users: by default they are fetched from public addresses only
   * (`deny`), never from loopback, private or link-local ones. `allow` is for development and tests,
   * where images are served from this machine.
   */
  @IsIn(['allow', 'deny'])
  IMAGE_FETCH_PRIVATE_NETWORKS: 'allow' | 'deny' = 'deny';

  /** Timeout of one marketplace HTTP call. */
  @Integer(100)
  MARKETPLACE_HTTP_TIMEOUT_MS = 10_000;

  /** Lock of a running sync job; a worker killed mid-sync has its jobs taken over within about 1.5 times this. */
  @Integer(1000)
  MARKETPLACE_SYNC_LOCK_MS = 30_000;

  /** How often the outbox relay looks for sync intents to move to the queues. */
  @Integer(10)
  SYNC_RELAY_INTERVAL_MS = 200;

  /**
   * A channel out of line with its listing that no sync has touched for this long, with no intent
   * waiting, is given a new intent (its job was lost with Redis's data). Longer than any backoff or poll.
   */
  @Integer(1000)
  SYNC_SWEEP_STALE_MS = 600_000;

  /** When set, GET /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (for scrapers that reach the api directly). */
  @IsOptional()
  @Secret(16)
  METRICS_TOKEN?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  get databaseKind(): DatabaseKind {
    return databaseKindOf(this.DATABASE_URL);
  }

  // --- Records and reports (issue 6). ---

  /** Above this many kg per hectare in one harvest year, a lychee plot's records are flagged as implausible. */
  @Integer(1)
  LYCHEE_MAX_YIELD_KG_PER_HA = 15_000;
}

export type DatabaseKind = 'postgres' | 'sqlite';

export function databaseKindOf(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/**
 * The values needed while modules load, before `loadEnvironment` has run in main.ts: entity column
 * types and decorator options are fixed when their file is imported. Read and validated as
 * `loadEnvironment` does, so a bad value is refused with the same message rather than replaced.
 */
export function environmentAtLoad(env: NodeJS.ProcessEnv = process.env): Pick<Environment, 'DATABASE_URL' | 'LABEL_JOB_LOCK_SECONDS'> & {
  databaseKind: DatabaseKind;
} {
  const config = validated(givenValues(env, ['DATABASE_URL', 'LABEL_JOB_LOCK_SECONDS']));
  return { DATABASE_URL: config.DATABASE_URL, databaseKind: config.databaseKind, LABEL_JOB_LOCK_SECONDS: config.LABEL_JOB_LOCK_SECONDS };
}

export class ConfigurationError extends Error {}

const OPTIONAL_VARIABLES = ['DATA_ENCRYPTION_KEY', 'METRICS_TOKEN'];

/** The reason a variable is refused: a value of the wrong kind breaks its bounds too, and then its kind says why. */
function reasonOf(error: ValidationError): string {
  return mostBasicConstraint(error)?.text ?? `${error.property} is invalid`;
}

/** The variables among `names` that `env` sets; an empty value counts as unset. */
function givenValues(env: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  const given: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') given[name] = value;
  }
  return given;
}

/** The defaults with `given` over them, transformed and validated; the first invalid variable throws. */
function validated(given: Record<string, string>): Environment {
  const config = plainToInstance(Environment, given, { exposeDefaultValues: true });
  const first = validateSync(config, { whitelist: false, skipMissingProperties: false })[0];
  if (first) {
    throw new ConfigurationError(`Invalid configuration: ${first.property}: ${reasonOf(first)}`);
  }
  return config;
}

/** Validates `env` (normally `process.env`); throws a one-line ConfigurationError naming the variable. */
export function loadEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const given = givenValues(env, [...Object.keys(new Environment()), ...OPTIONAL_VARIABLES]);
  const config = validated(given);
  // Read once here without its trailing slashes, so every address built from it (labels, links, webhooks) can append a path as is.
  config.PUBLIC_BASE_URL = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  deriveDevelopmentDefaults(config, given);
  assertProductionSafe(config);
  assertDataEncryptionKey(config);
  return config;
}

/** `loadEnvironment` for a command's start: an invalid environment stops the process with its one-line reason. */
export function loadEnvironmentOrExit(env: NodeJS.ProcessEnv = process.env): Environment {
  try {
    return loadEnvironment(env);
  } catch (error) {
    console.error(error instanceof ConfigurationError ? error.message : error);
    process.exit(1);
  }
}

/** Personal data must not be one leaked JWT_SECRET away from readable, so production has a key of its own. */
function assertDataEncryptionKey(config: Environment): void {
  if (config.DATA_ENCRYPTION_KEY === undefined) {
    if (config.NODE_ENV !== 'production') return;
    throw new ConfigurationError(
      'Invalid configuration: DATA_ENCRYPTION_KEY: required when NODE_ENV=production (a secret of 32+ characters, or kid:secret[,kid:secret...])',
    );
  }
  try {
    parseDataEncryptionKeys(config.DATA_ENCRYPTION_KEY);
  } catch (error) {
    throw new ConfigurationError(`Invalid configuration: DATA_ENCRYPTION_KEY: ${(error as Error).message}`);
  }
}

/** Port of `npm run mock:marketplaces` when the mocks are not embedded (MOCK_MARKETPLACES_PORT=0). */
export const STANDALONE_MOCK_PORT = 4010;

/**
 * The adapters' base URLs follow MOCK_MARKETPLACES_PORT and the mocks' webhook target follows PORT (and
 * HOST), unless set: otherwise moving one port leaves the other side talking to whatever listens on the
 * old one, and a listing shows `live` on a marketplace that never saw it.
 */
function deriveDevelopmentDefaults(config: Environment, given: Record<string, string>): void {
  const mocks = `http://127.0.0.1:${config.MOCK_MARKETPLACES_PORT || STANDALONE_MOCK_PORT}`;
  if (given.SHOPEE_BASE_URL === undefined) config.SHOPEE_BASE_URL = `${mocks}/shopee`;
  if (given.LAZADA_BASE_URL === undefined) config.LAZADA_BASE_URL = `${mocks}/lazada/rest`;
  if (given.TIKI_BASE_URL === undefined) config.TIKI_BASE_URL = `${mocks}/tiki`;
  if (given.MOCK_WEBHOOK_BASE_URL === undefined) config.MOCK_WEBHOOK_BASE_URL = `http://${reachableHost(config.HOST)}:${config.PORT}`;
}

/** How a process on this machine reaches a server listening on `host` (a wildcard address means loopback). */
function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function assertProductionSafe(config: Environment): void {
  if (config.NODE_ENV !== 'production') return;
  for (const key of ['JWT_SECRET', 'ADMIN_PASSWORD', 'LABEL_SIGNING_KEYS'] as const) {
    if (config[key] === DEVELOPMENT_DEFAULTS[key]) {
      throw productionRefusal(key, 'the development default is refused when NODE_ENV=production; set your own value');
    }
  }
  if (isLoopbackUrl(config.PUBLIC_BASE_URL)) {
    throw productionRefusal(
      'PUBLIC_BASE_URL',
      `${config.PUBLIC_BASE_URL} is a loopback address, refused when NODE_ENV=production: it is printed into every QR label; set the address shoppers reach`,
    );
  }
  if (config.PUBLIC_BASE_URL.startsWith('http:') && config.ALLOW_HTTP_PUBLIC_BASE_URL !== 'true') {
    throw productionRefusal(
      'PUBLIC_BASE_URL',
      `${config.PUBLIC_BASE_URL} is not HTTPS, refused when NODE_ENV=production: every QR label printed from it would say http:// for good; use https:// (deploy/nginx.conf terminates TLS) or set ALLOW_HTTP_PUBLIC_BASE_URL=true`,
    );
  }
  for (const key of Object.keys(MOCK_MARKETPLACE_DEFAULTS) as (keyof typeof MOCK_MARKETPLACE_DEFAULTS)[]) {
    if (config[key] === MOCK_MARKETPLACE_DEFAULTS[key]) {
      throw productionRefusal(key, "the mock marketplaces' value is refused when NODE_ENV=production; set the one the platform issued you");
    }
  }
  const mockPorts = new Set([String(STANDALONE_MOCK_PORT), String(config.MOCK_MARKETPLACES_PORT)]);
  for (const key of ['SHOPEE_BASE_URL', 'LAZADA_BASE_URL', 'TIKI_BASE_URL'] as const) {
    const url = new URL(config[key]);
    if (isLoopbackUrl(config[key]) || mockPorts.has(url.port)) {
      throw productionRefusal(
        key,
        `${config[key]} points at the mock marketplaces, refused when NODE_ENV=production; set the platform's API address`,
      );
    }
  }
}

function productionRefusal(key: string, reason: string): ConfigurationError {
  return new ConfigurationError(`Invalid configuration: ${key}: ${reason}`);
}

const LOOPBACK_ADDRESSES = new BlockList();
LOOPBACK_ADDRESSES.addSubnet('127.0.0.0', 8, 'ipv4');
// 0.0.0.0 ("this host") connects to the local machine on Linux.
LOOPBACK_ADDRESSES.addSubnet('0.0.0.0', 8, 'ipv4');
LOOPBACK_ADDRESSES.addAddress('::1', 'ipv6');
LOOPBACK_ADDRESSES.addAddress('::', 'ipv6');
LOOPBACK_ADDRESSES.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
LOOPBACK_ADDRESSES.addSubnet('::ffff:0.0.0.0', 104, 'ipv6');
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'localhost6', 'ip6-localhost', 'ip6-loopback']);

/** Whether a URL's host is this machine: a loopback address, `localhost` or a `*.localhost` name (RFC 6761). */
export function isLoopbackUrl(url: string): boolean {
  // The WHATWG parser has already normalised 127.1, 0x7f000001 and friends to dotted IPv4.
  const host = new URL(url).hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  const family = isIP(host);
  if (family !== 0) return LOOPBACK_ADDRESSES.check(host, family === 4 ? 'ipv4' : 'ipv6');
  return LOOPBACK_NAMES.has(host) || host.endsWith('.localhost');
}
