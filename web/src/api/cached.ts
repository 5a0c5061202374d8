import { cacheGet, cachePut } from '../storage/db';
import { NetworkError, request } from './client';

export interface Cached<T> {
  data: T;
  /** When the copy was fetched; differs from now only when the network failed and the saved copy answers. */
  savedAt: string;
  fromCache: boolean;
}

/**
 * A read the person needs in the field: from the server when it answers, else the last answer saved on
 * this phone (per user, in IndexedDB). Offline with nothing saved, the NetworkError goes to the caller.
 */
export async function cachedGet<T>(userId: string, path: string): Promise<Cached<T>> {
  const key = `${userId} ${path}`;
  try {
    const { data } = await request<T>(path);
    await cachePut(key, data);
    return { data, savedAt: new Date().toISOString(), fromCache: false };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const saved = await cacheGet<T>(key);
    if (!saved) throw error;
    return { data: saved.data, savedAt: saved.savedAt, fromCache: true };
  }
}
