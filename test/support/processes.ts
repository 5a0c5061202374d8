import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Environment } from '../../src/config/environment';

const ROOT = join(__dirname, '..', '..');

/** The variables a second process needs to join a test app's database, Redis prefix and storage. */
export function processEnvironment(env: Environment, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATABASE_URL: env.DATABASE_URL,
    REDIS_URL: env.REDIS_URL,
    REDIS_PREFIX: env.REDIS_PREFIX,
    ADMIN_PHONE: env.ADMIN_PHONE,
    ADMIN_PASSWORD: env.ADMIN_PASSWORD,
    JWT_SECRET: env.JWT_SECRET,
    PUBLIC_BASE_URL: env.PUBLIC_BASE_URL,
    LABEL_SIGNING_KEYS: env.LABEL_SIGNING_KEYS,
    STORAGE_DIR: env.STORAGE_DIR,
    LOG_LEVEL: 'warn',
    ...overrides,
  };
}

/** Starts the service from its TypeScript source as a separate OS process (ROLE from `env`). */
export function startServiceProcess(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--require', 'ts-node/register/transpile-only', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}
