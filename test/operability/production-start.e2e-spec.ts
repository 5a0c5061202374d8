import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { freePort, Started } from '../../scripts/support/processes';
import { startBuiltService, waitForHealth } from '../../scripts/support/service';
import { answers, waitFor } from '../../scripts/support/wait';
import { clearRedisPrefix } from '../support/test-app';
import { TEST_REDIS_URL, uniqueName } from '../support/test-services';
import { PRODUCTION_VALUES } from '../support/production-values';

/**
 * The production build as `npm start` and the Docker image make it (`nest build`), started as its own
 * process: production refuses the mock marketplaces' keys and URLs and a loopback PUBLIC_BASE_URL, and
 * with real values it starts without the mocks, though the checkout that built it has them.
 */

const ROOT = join(__dirname, '..', '..');
const BUILD_MS = 300_000;
const START_MS = 120_000;
/** Waits inside a test end before its timeout, so a failure names what was awaited. */
const WAIT_MS = START_MS - 15_000;

const PRODUCTION = PRODUCTION_VALUES;

describe('production start (built service as its own process)', () => {
  /** A checkout-like layout: the build in dist/, beside tools/ and tsconfig.json (links to this checkout's). */
  let checkout: string;
  let work: string;
  const prefixes: string[] = [];
  const running: Started[] = [];

  beforeAll(async () => {
    // Under data/ (ignored by git) and not dist/: a build elsewhere in the checkout is left alone.
    mkdirSync(join(ROOT, 'data'), { recursive: true });
    checkout = mkdtempSync(join(ROOT, 'data', 'e2e-build-'));
    symlinkSync(join(ROOT, 'tools'), join(checkout, 'tools'));
    symlinkSync(join(ROOT, 'tsconfig.json'), join(checkout, 'tsconfig.json'));
    writeFileSync(
      join(checkout, 'tsconfig.build.json'),
      JSON.stringify({ extends: relative(checkout, join(ROOT, 'tsconfig.json')), compilerOptions: { outDir: './dist' } }),
    );
    work = mkdtempSync(join(tmpdir(), 'nongsan-production-start-'));
    const nest = join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js');
    // The Nest CLI resolves the tsconfig path against its working directory, the project root.
    await promisify(execFile)(process.execPath, [nest, 'build', '--path', relative(ROOT, join(checkout, 'tsconfig.build.json'))], {
      cwd: ROOT,
    });
  }, BUILD_MS);

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    for (const prefix of prefixes) await clearRedisPrefix(prefix);
    if (checkout) rmSync(checkout, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** `node dist/main.js` of the build, ROLE=all on its own SQLite file and Redis prefix, with `env` on top. */
  async function start(env: Record<string, string>): Promise<{ service: Started; base: string; mockPort: number }> {
    const [port, mockPort] = [await freePort(), await freePort()];
    const prefix = uniqueName('prod');
    prefixes.push(prefix);
    const service = startBuiltService({
      name: 'production build',
      build: join(checkout, 'dist'),
      cwd: checkout,
      env: {
        PATH: process.env.PATH,
        ROLE: 'all',
        HOST: '127.0.0.1',
        PORT: String(port),
        MOCK_MARKETPLACES_PORT: String(mockPort),
        DATABASE_URL: join(work, `${prefix}.sqlite`),
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        STORAGE_DIR: join(work, prefix),
        LOG_LEVEL: 'info',
        ...env,
      },
    });
    running.push(service);
    return { service, base: `http://127.0.0.1:${port}`, mockPort };
  }

  /** The exit code and the output of a start that must fail; a start that serves instead fails the test. */
  async function refused(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const { service, base } = await start(env);
    await waitFor('the service to exit or serve', WAIT_MS, async () => service.exited || (await answers(`${base}/health`)), {
      everyMs: 200,
    });
    if (!service.exited) await service.stop();
    await service.ending();
    expect(service.output()).not.toMatch(/Listening on/);
    return { code: service.child.exitCode, output: service.output().trim() };
  }

  it('leaves the mock marketplaces out of the production build', () => {
    const files = readdirSync(join(checkout, 'dist'), { recursive: true, encoding: 'utf8' });
    expect(files.filter((file) => /mock/i.test(file))).toEqual([]);
    const withMockCode = files
      .filter((file) => file.endsWith('.js'))
      .filter((file) => /createMockMarketplaces|_mock\/:marketplace/.test(readFileSync(join(checkout, 'dist', file), 'utf8')));
    expect(withMockCode).toEqual([]);
  });

  it(
    'starts with real values in production, and the mock marketplaces are not listening',
    async () => {
      const { service, base, mockPort } = await start(PRODUCTION);
      await waitForHealth(base, service, WAIT_MS);
      // The mocks start before the service listens (main.ts), so by now they would answer.
      expect(await answers(`http://127.0.0.1:${mockPort}/_mock/shopee/stats`)).toBe(false);
      expect(service.output()).not.toMatch(/Mock marketplaces/);
      await service.stop();
    },
    START_MS,
  );

  it(
    'still starts the mock marketplaces in development ROLE=all (npm start)',
    async () => {
      const { service, base, mockPort } = await start({ NODE_ENV: 'development' });
      await waitForHealth(base, service, WAIT_MS);
      expect(await answers(`http://127.0.0.1:${mockPort}/_mock/shopee/stats`)).toBe(true);
      await service.stop();
    },
    START_MS,
  );

  it.each([
    ['a mock marketplace secret', 'LAZADA_APP_SECRET', { LAZADA_APP_SECRET: 'mock-lazada-app-secret' }],
    ['a mock marketplace key left unset', 'SHOPEE_PARTNER_KEY', { SHOPEE_PARTNER_KEY: '' }],
    ['a base URL on the mocks', 'SHOPEE_BASE_URL', { SHOPEE_BASE_URL: 'http://127.0.0.1:4010/shopee' }],
    ['a base URL left to its default', 'TIKI_BASE_URL', { TIKI_BASE_URL: '' }],
    ['a localhost PUBLIC_BASE_URL', 'PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'http://localhost:3000' }],
  ])(
    'refuses to start in production with %s, naming %s',
    async (_what, variable, overrides) => {
      const { code, output } = await refused({ ...PRODUCTION, ...overrides });
      expect(code).toBe(1);
      expect(output).toMatch(new RegExp(`^Invalid configuration: ${variable}: `));
      expect(output).not.toContain('\n');
    },
    START_MS,
  );
});
