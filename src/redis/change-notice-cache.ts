import { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ChangeNotice, ChangeNotices } from './change-notices';

/**
 * Memory of database rows that a change notice (from this process, or another over Redis) empties; if a
 * notice is lost, entries older than `ttlMs` are read again. Concurrent misses for one key share one read.
 */
export abstract class ChangeNoticeCache implements OnModuleInit, OnModuleDestroy {
  private readonly loading = new Map<string, Promise<unknown>>();
  /** Bumped by every notice that concerns this cache; a read that started before one does not fill the cache. */
  private generation = 0;
  private unsubscribe: (() => void) | null = null;

  protected constructor(
    protected readonly notices: ChangeNotices,
    protected readonly ttlMs: number,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.notices.subscribe((notice) => this.invalidate(notice));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Drops what `notice` makes stale (calling `readsBefore` when it concerns this cache). */
  abstract invalidate(notice: ChangeNotice): void;

  /**
   * A change was announced: reads in flight (of `key`, or all of them) may have seen the old row, so
   * they are no longer shared with later callers, and none of the reads started before it fills the cache.
   */
  protected readsBefore(key?: string): void {
    this.generation++;
    if (key === undefined) this.loading.clear();
    else this.loading.delete(key);
  }

  /** Whether a cached entry may still be served at `now`. */
  protected fresh<E extends { loadedAt: number }>(entry: E | undefined, now: number): entry is E {
    return entry !== undefined && now - entry.loadedAt < this.ttlMs;
  }

  /** Reads `key` once for all concurrent callers; `current()` tells `load` whether what it read may be kept. */
  protected once<T>(key: string, load: (current: () => boolean) => Promise<T>): Promise<T> {
    const pending = this.loading.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const generation = this.generation;
    const promise: Promise<T> = load(() => generation === this.generation).finally(() => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
    });
    this.loading.set(key, promise);
    return promise;
  }
}

/** Keeps `value` under `key` in a map of at most `max` entries, dropping the oldest to make room. */
export function keepBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
}
