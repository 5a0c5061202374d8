import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { stopProcess } from '../support/processes';
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

const PRODUCTION = PRODUCTION_VALUES;

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

interface Started {
  child: ChildProcess;
  output: () => string;
}

describe('production start (built service as its own process)', () => {
  /** A checkout-like layout: the build in dist/, beside tools/ and tsconfig.json (links to this checkout's). */
  let checkout: string;
  let work: string;
  const prefixes: string[] = [];
  const running: ChildProcess[] = [];

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
    await Promise.all(running.map((child) => stopProcess(child)));
    for (const prefix of prefixes) await clearRedisPrefix(prefix);
    if (checkout) rmSync(checkout, { recursive: true, force: true });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** `node dist/main.js` of the build, ROLE=all on its own SQLite file and Redis prefix, with `env` on top. */
  async function start(env: Record<string, string>): Promise<Started & { port: number; mockPort: number }> {
    const [port, mockPort] = [await freePort(), await freePort()];
    const prefix = uniqueName('prod');
    prefixes.push(prefix);
    const child = spawn(process.execPath, [join(checkout, 'dist', 'main.js')], {
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
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    return { child, port, mockPort, output: () => Buffer.concat(chunks).toString() };
  }

  const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Waits until the service answers /health; fails when it exits first. */
  async function healthy(started: Started & { port: number }): Promise<void> {
    while (!(await answers(`http://127.0.0.1:${started.port}/health`))) {
      if (exited(started.child)) throw new Error(`the service exited (${started.child.exitCode}):\n${started.output()}`);
      await sleep(200);
    }
  }

  /** The exit code and the output of a start that must fail; a start that serves instead fails the test. */
  async function refused(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const started = await start(env);
    while (!exited(started.child) && !(await answers(`http://127.0.0.1:${started.port}/health`))) await sleep(200);
    if (!exited(started.child)) await stopProcess(started.child);
    expect(started.output()).not.toMatch(/Listening on/);
    return { code: started.child.exitCode, output: started.output().trim() };
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
      const service = await start(PRODUCTION);
      await healthy(service);
      // The mocks start before the service listens (main.ts), so by now they would answer.
      expect(await answers(`http://127.0.0.1:${service.mockPort}/_mock/shopee/stats`)).toBe(false);
      expect(service.output()).not.toMatch(/Mock marketplaces/);
      await stopProcess(service.child);
    },
    START_MS,
  );

  it(
    'still starts the mock marketplaces in development ROLE=all (npm start)',
    async () => {
      const service = await start({ NODE_ENV: 'development' });
      await healthy(service);
      expect(await answers(`http://127.0.0.1:${service.mockPort}/_mock/shopee/stats`)).toBe(true);
      await stopProcess(service.child);
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
