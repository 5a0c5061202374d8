/**
 * The service as its own OS process: the build (`dist/main.js`, or a private copy of it) or, for the
 * tests, its TypeScript source through ts-node. The caller gives the environment; ROLE comes with it.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startNode, Started } from './processes';
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
}

/** `node <build>/main.js`. */
export function startBuiltService(options: ServiceOptions): Started {
  const build = options.build ?? BUILD;
  return startNode(join(build, 'main.js'), { cwd: ROOT, ...options });
}

/** `src/main.ts` through ts-node (no build needed: what the e2e tests start). */
export function startSourceService(options: Omit<ServiceOptions, 'build'>): Started {
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
