import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AuthConfig } from '../config/sections';
import { ChangeNotice, ChangeNotices } from '../redis/change-notices';
import { UsersRepository } from './users.repository';

/** What every authenticated request needs to know of its account beyond the token's claims. */
export interface AccountState {
  tokenVersion: number;
  disabled: boolean;
  mustChangePassword: boolean;
}

interface Entry {
  state: AccountState | null;
  loadedAt: number;
}

const MAX_ENTRIES = 100_000;

/**
 * The account state behind every token check, kept in memory so a request costs a Map lookup, not a
 * query. A change to an account (role, disable, password, logout) publishes a `user` change notice:
 * this process drops the entry at once, the others as soon as Redis delivers it, and the change
 * answers only after Redis has handed it on. If Redis is away, ACCOUNT_CACHE_SECONDS bounds how long
 * another process may still accept an old token.
 */
@Injectable()
export class AccountStates implements OnModuleInit, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<AccountState | null>>();
  private readonly ttlMs: number;
  private unsubscribe: (() => void) | null = null;
  /** Bumped by every notice; a read that started before one does not fill the cache (it may hold the old row). */
  private generation = 0;

  constructor(
    private readonly users: UsersRepository,
    private readonly notices: ChangeNotices,
    auth: AuthConfig,
  ) {
    this.ttlMs = auth.ACCOUNT_CACHE_SECONDS * 1000;
  }

  onModuleInit(): void {
    this.unsubscribe = this.notices.subscribe((notice) => this.invalidate(notice));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  invalidate(notice: ChangeNotice): void {
    if (notice.kind !== 'user' && notice.kind !== 'all') return;
    this.generation++;
    if (notice.kind === 'all') {
      this.entries.clear();
      this.loading.clear();
    } else {
      this.entries.delete(notice.id);
      this.loading.delete(notice.id);
    }
  }

  /** Tells every process that this account changed; resolves once the others have been told (or Redis could not). */
  changed(userId: string): Promise<void> {
    return this.notices.publish({ kind: 'user', id: userId });
  }

  /** The account's state, or null when it no longer exists. */
  async get(userId: string, now = Date.now()): Promise<AccountState | null> {
    const cached = this.entries.get(userId);
    if (cached && now - cached.loadedAt < this.ttlMs) return cached.state;
    const pending = this.loading.get(userId);
    if (pending) return pending;
    const generation = this.generation;
    const load = this.users
      .tokenState(userId)
      .then((row) => {
        const state = row ? { tokenVersion: row.tokenVersion, disabled: row.disabled, mustChangePassword: row.mustChangePassword } : null;
        if (generation === this.generation) {
          if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(userId, { state, loadedAt: Date.now() });
        }
        return state;
      })
      .finally(() => {
        if (this.loading.get(userId) === load) this.loading.delete(userId);
      });
    this.loading.set(userId, load);
    return load;
  }
}
