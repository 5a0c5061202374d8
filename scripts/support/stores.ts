/**
 * The PostgreSQL database and the Redis key prefix a benchmark, the fuzz run or the cluster run works in,
 * on the machine's shared servers (TEST_POSTGRES_URL, REDIS_URL), and their removal at the end. The fault
 * drills, which stop their servers, run their own instead (private-services.ts).
 */
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import type { Client } from 'pg';
import { withClient } from './service-client';

/** The server throwaway databases are made on, through its `test` database. */
export const ADMIN_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface Stores {
  databaseUrl: string;
  /** The throwaway database's name; null when the run was given DATABASE_URL, which it keeps. */
  throwaway: string | null;
  redisUrl: string;
  redisPrefix: string;
  /**
   * Drops the throwaway database, or on a given DATABASE_URL runs `removeOwnRows` (the run removes exactly
   * what it added), and deletes every Redis key under the prefix.
   */
  remove(removeOwnRows?: (client: Client) => Promise<unknown>): Promise<void>;
}

export interface StoreOptions {
  /** Work in DATABASE_URL when it is PostgreSQL instead of a throwaway database (the benchmarks). */
  useDatabaseUrl?: boolean;
}

/**
 * Makes sure PostgreSQL and Redis answer (starting them when installed but stopped, see
 * scripts/ensure-services.js), then gives the run a database and a prefix named after `label`.
 */
export async function openStores(label: string, options: StoreOptions = {}): Promise<Stores> {
  const given = options.useDatabaseUrl && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;
  if (options.useDatabaseUrl && process.env.DATABASE_URL && !given) {
    process.stderr.write(`[${label}] DATABASE_URL is not PostgreSQL; using a throwaway database on ${ADMIN_POSTGRES_URL}\n`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS helper shared with npm prestart/pretest
  const { ensureServices } = require('../ensure-services.js') as {
    ensureServices: (names: string[], env: NodeJS.ProcessEnv) => Promise<string[]>;
  };
  await ensureServices(
    ['postgres', 'redis'],
    given
      ? { ...process.env, TEST_POSTGRES_URL: undefined }
      : { ...process.env, DATABASE_URL: undefined, TEST_POSTGRES_URL: ADMIN_POSTGRES_URL },
  );
  const throwaway = given ? null : `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (throwaway) await withClient(ADMIN_POSTGRES_URL, (c) => c.query(`CREATE DATABASE "${throwaway}"`));
  const databaseUrl = given ?? databaseUrlOn(ADMIN_POSTGRES_URL, throwaway!);
  const redisPrefix = `${label}_${randomBytes(4).toString('hex')}`;
  return {
    databaseUrl,
    throwaway,
    redisUrl: REDIS_URL,
    redisPrefix,
    async remove(removeOwnRows) {
      if (throwaway) await withClient(ADMIN_POSTGRES_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${throwaway}" WITH (FORCE)`));
      else if (removeOwnRows) await withClient(databaseUrl, removeOwnRows);
      await clearRedisPrefix(REDIS_URL, redisPrefix);
    },
  };
}

/** The URL of database `name` on the server of `url`. */
function databaseUrlOn(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Deletes every key under `prefix` (SCAN, so a large shared Redis is not blocked). */
export async function clearRedisPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
