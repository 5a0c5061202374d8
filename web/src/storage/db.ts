import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Operation } from '../outbox/outbox';

interface AppDb extends DBSchema {
  /** The session on this device (refresh token, user), the PIN hash and small settings. */
  kv: { key: string; value: unknown };
  outbox: { key: string; value: Operation; indexes: { bySeq: number } };
  /** The last answers of read APIs the farmer needs offline (plots, pesticides, products), per user. */
  cache: { key: string; value: { savedAt: string; data: unknown } };
}

let opening: Promise<IDBPDatabase<AppDb>> | null = null;

export function db(): Promise<IDBPDatabase<AppDb>> {
  opening ??= openDB<AppDb>('nongsan-app', 1, {
    upgrade(database) {
      database.createObjectStore('kv');
      database.createObjectStore('outbox', { keyPath: 'id' }).createIndex('bySeq', 'seq');
      database.createObjectStore('cache');
    },
  });
  return opening;
}

export async function kvGet<T>(key: string): Promise<T | undefined> {
  return (await (await db()).get('kv', key)) as T | undefined;
}

export async function kvSet(key: string, value: unknown): Promise<void> {
  await (await db()).put('kv', value, key);
}

export async function kvDelete(key: string): Promise<void> {
  await (await db()).delete('kv', key);
}

export async function cacheGet<T>(key: string): Promise<{ savedAt: string; data: T } | undefined> {
  return (await (await db()).get('cache', key)) as { savedAt: string; data: T } | undefined;
}

export async function cachePut(key: string, data: unknown): Promise<void> {
  await (await db()).put('cache', { savedAt: new Date().toISOString(), data }, key);
}

export async function cacheClear(): Promise<void> {
  await (await db()).clear('cache');
}
