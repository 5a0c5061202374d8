/**
 * The service as its own OS process: the build (`dist/main.js`, or a private copy of it) or, for the
 * tests, its TypeScript source through ts-node. The caller gives the environment; ROLE comes with it
 * (builtServiceEnv makes a benchmark's).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startNode, Started } from './processes';
import type { Stores } from './stores';
import { sleep, waitForHttp } from './wait';

export const ROOT = join(__dirname, '..', '..');
export const BUILD = join(ROOT, 'dist');

export interface ServiceOptions {
  name: string;
  env: NodeJS.ProcessEnv;
  /** The dist/ directory to run; the checkout's unless told. */
  build?: string;
  /** Working directory; the checkout unless told. */
  cwd?: string;
  logFile?: string;
  forward?: boolean;
  /** Flags for node itself (cpuProfileFlags). */
  nodeArgs?: string[];
  /** Pins the process to this core (see StartOptions.cpu). */
  cpu?: number;
}

/** Node flags that write a CPU profile of the process into `dir` when it exits; none without a dir. */
export function cpuProfileFlags(dir: string | undefined): string[] {
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** `node <build>/main.js`. */
export function startBuiltService(options: ServiceOptions): Started {
  const build = options.build ?? BUILD;
  return startNode(join(build, 'main.js'), { cwd: ROOT, ...options });
}

/** `src/main.ts` through ts-node (no build needed: what the e2e tests start). */
export function startSourceService(options: Omit<ServiceOptions, 'build' | 'nodeArgs'>): Started {
  return startNode(join(ROOT, 'src', 'main.ts'), { cwd: ROOT, nodeArgs: ['--require', 'ts-node/register/transpile-only'], ...options });
}

/** Waits for `base`/health to answer 200; fails at once when `service` exits. */
export async function waitForHealth(base: string, service: Started, timeoutMs = 60_000): Promise<void> {
  await waitForHttp(`${base}/health`, timeoutMs, { alive: [service] });
}

export function assertBuilt(build = BUILD): void {
  if (!existsSync(join(build, 'main.js'))) throw new Error(`${join(build, 'main.js')} missing: run nest build first`);
}

/**
 * A private copy of dist/ for one run, so a `nest build` elsewhere in the checkout (which empties dist/)
 * cannot pull the code from under the running processes. It sits under node_modules/.cache so the copy
 * still resolves the project's node_modules. Remove it with removeSnapshot.
 */
export async function snapshotBuild(label: string): Promise<string> {
  const parent = join(ROOT, 'node_modules', '.cache');
  mkdirSync(parent, { recursive: true });
  const target = mkdtempSync(join(parent, `nongsan-${label}-`));
  const required = ['main.js', 'app.module.js', 'database/migrations/index.js', 'labels/rendering/render-worker.js'];
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(join(target, 'dist'), { recursive: true, force: true });
      cpSync(BUILD, join(target, 'dist'), { recursive: true });
      if (required.every((file) => existsSync(join(target, 'dist', file)))) return join(target, 'dist');
    } catch {
      // dist/ was being rebuilt while we copied it
    }
    if (attempt === 20) throw new Error('dist/ is incomplete: run `nest build`');
    await sleep(1000);
  }
}

export function removeSnapshot(build: string): void {
  rmSync(join(build, '..'), { recursive: true, force: true });
}

export interface BuiltServiceSettings {
  role: 'api' | 'worker' | 'all';
  port: number;
  stores: Pick<Stores, 'databaseUrl' | 'redisUrl' | 'redisPrefix'>;
  admin: { phone: string; password: string };
  /** Anything else this run needs (rate limits off, mock URLs…). */
  extra?: Record<string, string>;
}

/** The environment of a built service process for a benchmark: production mode, fresh secrets, quiet logs. */
function builtServiceEnv(s: BuiltServiceSettings): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    ROLE: s.role,
    PORT: String(s.port),
    HOST: '127.0.0.1',
    DATABASE_URL: s.stores.databaseUrl,
    REDIS_URL: s.stores.redisUrl,
    REDIS_PREFIX: s.stores.redisPrefix,
    ADMIN_PHONE: s.admin.phone,
    ADMIN_PASSWORD: s.admin.password,
    JWT_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    LABEL_SIGNING_KEYS: `1:${randomBytes(24).toString('hex')}`,
    PUBLIC_BASE_URL: 'https://nst.vn',
    ...unreachableMarketplaces(),
    LOG_LEVEL: 'warn',
    ...s.extra,
  };
}

export interface BenchApi {
  service: Started;
  base: string;
}

/**
 * Runs `bench` against the built service (ROLE=api, builtServiceEnv) on `stores`, on a free port, its output
 * forwarded to stderr: started, healthy, and stopped once `bench` is done or has failed (SIGTERM, SIGKILL
 * after 15 s; a bench may stop it earlier itself).
 */
export async function withBenchApi<T>(
  stores: Stores,
  admin: BuiltServiceSettings['admin'],
  options: Pick<ServiceOptions, 'cpu' | 'nodeArgs'> & Pick<BuiltServiceSettings, 'extra'>,
  bench: (api: BenchApi) => Promise<T>,
): Promise<T> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { extra, ...placement } = options;
  const service = startBuiltService({
    name: 'api',
    env: builtServiceEnv({ role: 'api', port, stores, admin, extra }),
    forward: true,
    ...placement,
  });
  try {
    await waitForHealth(base, service);
    return await bench({ service, base });
  } finally {
    await service.stop('SIGTERM', 15_000);
  }
}

/**
 * Production refuses the mock marketplaces' keys and URLs. The benchmarks list nothing, so they get
 * fresh keys and platform names that never resolve (`.invalid`, RFC 2606).
 */
function unreachableMarketplaces(): Record<string, string> {
  const secret = () => randomBytes(16).toString('hex');
  return {
    SHOPEE_BASE_URL: 'https://shopee.invalid',
    SHOPEE_PARTNER_ID: String(randomInt(1_000_000, 9_999_999)),
    SHOPEE_PARTNER_KEY: secret(),
    SHOPEE_SHOP_ID: String(randomInt(1_000_000, 9_999_999)),
    SHOPEE_ACCESS_TOKEN: secret(),
    LAZADA_BASE_URL: 'https://lazada.invalid/rest',
    LAZADA_APP_KEY: String(randomInt(100_000, 999_999)),
    LAZADA_APP_SECRET: secret(),
    LAZADA_ACCESS_TOKEN: secret(),
    TIKI_BASE_URL: 'https://tiki.invalid',
    TIKI_CLIENT_ID: secret(),
    TIKI_CLIENT_SECRET: secret(),
  };
}
