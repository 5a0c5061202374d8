/**
 * The stage every drill plays on: a private Redis and PostgreSQL (drills stop them), the mock
 * marketplaces in this process, one ROLE=api and one ROLE=worker process of the built service, an admin
 * token, a lychee batch, and a small ZPL run whose labels the scan drills scan. Logs of every process go
 * to the work directory, which is kept when a drill fails.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from '../../src/config/environment';
import { startMockMarketplaces } from '../../tools/mock-marketplaces';
import { freePorts, killAll, Started } from '../support/processes';
import { PrivatePostgres, PrivateRedis } from '../support/private-services';
import { assertBuilt, startBuiltService, waitForHealth } from '../support/service';
import { api, createLycheeBatch, labelPaths, withClient } from '../support/service-client';

export const MARKETPLACES = ['lazada', 'tiki', 'shopee'] as const;
const ADMIN = { phone: '0900000029', password: 'faults-admin-password' };

export const log = (message: string): void => void process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/** One drill's outcome, printed as one JSON line; it passes with lost 0 and duplicated 0. */
export interface DrillResult {
  drill: string;
  accepted: number;
  lost: number;
  duplicated: number;
  [key: string]: unknown;
}

export interface Drill {
  name: string;
  run(stage: Stage): Promise<DrillResult>;
}

export class Stage {
  /** Every service process started, for the final SIGKILL. */
  private readonly started: Started[] = [];
  private workers = 0;
  token = '';
  productId = '';
  batchId = '';
  scanRunId = '';
  /** Paths of the scan run's labels (`/01/…/21/…`), for the scan drills. */
  scanPaths: string[] = [];
  api!: Started;
  worker!: Started;

  private constructor(
    readonly workDir: string,
    readonly base: string,
    readonly db: string,
    readonly redis: PrivateRedis,
    readonly postgres: PrivatePostgres,
    readonly mockUrl: string,
    private readonly closeMock: () => Promise<void>,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async open(): Promise<Stage> {
    assertBuilt();
    const workDir = mkdtempSync(join(tmpdir(), 'nst-faults-'));
    const [redisPort, postgresPort, apiPort] = await freePorts(3);
    const redis = new PrivateRedis(workDir, redisPort);
    const postgres = await PrivatePostgres.init(workDir, postgresPort);
    log(`private Redis :${redis.port}, private PostgreSQL :${postgres.port}, work dir ${workDir}`);
    const db = postgres.url('faults');
    const base = `http://127.0.0.1:${apiPort}`;
    let mock: Awaited<ReturnType<typeof startMockMarketplaces>>;
    try {
      await redis.start();
      await postgres.start();
      await withClient(postgres.url(), (c) => c.query('CREATE DATABASE faults'));
      mock = await startMockMarketplaces({ keys: loadEnvironment({ NODE_ENV: 'test' }), reviewDelayMs: 1500, webhookBaseUrl: base }, 0);
    } catch (error) {
      await postgres.stop().catch(() => undefined);
      await redis.stop().catch(() => undefined);
      throw error;
    }
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      // Not production: production refuses the mock marketplaces' keys and loopback URLs the drills sync to.
      NODE_ENV: 'test',
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      DATABASE_URL: db,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `faults_${randomBytes(3).toString('hex')}`,
      ADMIN_PHONE: ADMIN.phone,
      ADMIN_PASSWORD: ADMIN.password,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LABEL_SIGNING_KEYS: `1:${randomBytes(24).toString('hex')}`,
      PUBLIC_BASE_URL: 'https://nst.vn',
      STORAGE_DIR: join(workDir, 'storage'),
      LOG_LEVEL: 'warn',
      SCAN_RATE_LIMIT_PER_MINUTE: '0',
      LABEL_RENDER_THREADS: '1',
      LABEL_JOB_LOCK_SECONDS: '3',
      MOCK_MARKETPLACES_PORT: '0',
      SHOPEE_BASE_URL: `${mock.url}/shopee`,
      LAZADA_BASE_URL: `${mock.url}/lazada/rest`,
      TIKI_BASE_URL: `${mock.url}/tiki`,
      MARKETPLACE_REVIEW_POLL_MS: '300',
      MARKETPLACE_BACKOFF_MS: '500',
      MARKETPLACE_HTTP_TIMEOUT_MS: '3000',
      MARKETPLACE_SYNC_LOCK_MS: '3000',
      MARKETPLACE_SYNC_ATTEMPTS: '8',
      SYNC_RELAY_INTERVAL_MS: '100',
    };
    const stage = new Stage(workDir, base, db, redis, postgres, mock.url, () => mock.close(), env);
    try {
      stage.api = stage.startService('api', 'api');
      await waitForHealth(base, stage.api);
      stage.worker = stage.startWorker();
      await stage.seed();
    } catch (error) {
      await stage.close();
      throw error;
    }
    return stage;
  }

  /** A new ROLE=worker process (worker-1, worker-2, …); it does not replace `worker` by itself. */
  startWorker(): Started {
    return this.startService(`worker-${++this.workers}`, 'worker');
  }

  /** kill -9 the worker and start the next one in its place. */
  async replaceWorker(): Promise<void> {
    await this.worker.kill();
    this.worker = this.startWorker();
  }

  /** Both service processes still run (a drill's processes must survive what it does to them). */
  assertAlive(): void {
    this.api.assertAlive();
    this.worker.assertAlive();
  }

  /** Stops everything this stage started. */
  async close(): Promise<void> {
    await killAll(this.started);
    await this.closeMock().catch(() => undefined);
    await this.postgres.stop().catch(() => undefined);
    await this.redis.stop().catch(() => undefined);
  }

  removeWorkDir(): void {
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private startService(name: string, role: 'api' | 'worker'): Started {
    const started = startBuiltService({ name, env: { ...this.env, ROLE: role }, logFile: join(this.workDir, `${name}.log`) });
    this.started.push(started);
    return started;
  }

  /** A co-operative with one product and batch, and a small ZPL run whose labels the scan drills scan. */
  private async seed(): Promise<void> {
    const { accessToken } = await api<{ accessToken: string }>(this.base, 'POST', '/api/v1/auth/login', null, ADMIN);
    this.token = accessToken;
    const batch = await createLycheeBatch(this.base, this.token, 40_000);
    this.productId = batch.productId;
    this.batchId = batch.batchId;
    const scanRun = await api<{ id: string }>(this.base, 'POST', `/api/v1/batches/${batch.batchId}/label-runs`, this.token, {
      quantity: 200,
      layout: 'thermal-50x30',
      format: 'zpl',
    });
    this.scanRunId = scanRun.id;
    this.scanPaths = await labelPaths(this.base, this.token, scanRun.id);
  }
}
