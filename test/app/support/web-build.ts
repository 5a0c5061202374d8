import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
export const WEB_DIR = join(ROOT, 'web');
export const WEB_DIST = join(WEB_DIR, 'dist');

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestSource(join(path, name))), stat.mtimeMs);
}

/** The server's wire contracts (the *.contract.ts files under src/) are compiled into the app as well. */
function newestContract(): number {
  const src = join(ROOT, 'src');
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.contract.ts'))
    .reduce((newest, file) => Math.max(newest, statSync(join(src, file)).mtimeMs), 0);
}

function builtAt(): number {
  try {
    return statSync(join(WEB_DIST, 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Builds the farm app (web/ → web/dist) unless the build is newer than every source file, so the
 * browser tests run on a fresh clone with `npm test` alone and a second test file does not build again.
 */
export function ensureWebBuild(): void {
  if (builtAt() > Math.max(newestSource(WEB_DIR), newestContract())) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(WEB_DIR, 'vite.config.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
}
