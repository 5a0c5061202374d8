import type { ChildProcess } from 'node:child_process';
import type { Environment } from '../../src/config/environment';
import { stopChild } from '../../scripts/support/processes';
import { startSourceService } from '../../scripts/support/service';

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

/** Starts the service from its TypeScript source as a separate OS process (ROLE from `env`), through the drill harness. */
export function startServiceProcess(env: NodeJS.ProcessEnv): ChildProcess {
  return startSourceService({ name: `service (${env.ROLE ?? 'all'})`, env }).child;
}

/** `signal` (SIGTERM unless told) and the exit. */
export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await stopChild(child, signal);
}
