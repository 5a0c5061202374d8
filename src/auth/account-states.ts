import { Injectable } from '@nestjs/common';
import { AuthConfig } from '../config/sections';
import { ChangeNoticeCache, keepBounded } from '../redis/change-notice-cache';
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
export class AccountStates extends ChangeNoticeCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly users: UsersRepository,
    notices: ChangeNotices,
    auth: AuthConfig,
  ) {
    super(notices, auth.ACCOUNT_CACHE_SECONDS * 1000);
  }

  invalidate(notice: ChangeNotice): void {
    if (notice.kind === 'all') {
      this.readsBefore();
      this.entries.clear();
    } else if (notice.kind === 'user') {
      this.readsBefore(notice.id);
      this.entries.delete(notice.id);
    }
  }

  /** Tells every process that this account changed; resolves once the others have been told (or Redis could not). */
  changed(userId: string): Promise<void> {
    return this.notices.publish({ kind: 'user', id: userId });
  }

  /** The account's state, or null when it no longer exists. */
  async get(userId: string, now = Date.now()): Promise<AccountState | null> {
    const cached = this.entries.get(userId);
    if (this.fresh(cached, now)) return cached.state;
    return this.once(userId, async (current) => {
      const row = await this.users.tokenState(userId);
      const state = row ? { tokenVersion: row.tokenVersion, disabled: row.disabled, mustChangePassword: row.mustChangePassword } : null;
      if (current()) keepBounded(this.entries, userId, { state, loadedAt: Date.now() }, MAX_ENTRIES);
      return state;
    });
  }
}
