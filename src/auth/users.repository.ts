import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import { dialectOf } from '../database/sql-dialect';
import { RefreshToken } from './refresh-token.entity';
import { User, UserRole } from './user.entity';

/** The accounts' SQL: `users`, and the sessions (`refresh_tokens`) an account change ends. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return (manager ?? this.dataSource.manager).findOne(User, { where: { id } });
  }

  findByPhone(phone: string): Promise<User | null> {
    return this.dataSource.manager.findOne(User, { where: { phone } });
  }

  update(id: string, values: QueryDeepPartialEntity<User>): Promise<unknown> {
    return this.dataSource.manager.update(User, id, values);
  }

  /** Sets the values and bumps the token version (the access tokens already issued stop counting). */
  async changeWithNewTokenVersion(id: string, values: QueryDeepPartialEntity<User>, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .update(User)
      .set({ ...values, tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /**
   * Takes one try of the account's allowance in a single UPDATE, or answers false when the account is
   * locked: the try that reaches `maxFailures` sets the lock until `lockUntil` at once, and a lock that has
   * passed starts the count over.
   */
  async reserveAttempt(id: string, now: Date, maxFailures: number, lockUntil: Date): Promise<boolean> {
    const next = 'CASE WHEN locked_until IS NULL THEN failed_login_count + 1 ELSE 1 END';
    // PostgreSQL cannot infer a parameter's type inside CASE ... ELSE NULL; SQLite stores the timestamp as text.
    const until = dialectOf(this.dataSource).cast(':lockUntil', 'timestamptz');
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `UPDATE users
          SET failed_login_count = ${next},
              locked_until = CASE WHEN ${next} >= :max THEN ${until} ELSE NULL END
        WHERE id = :id AND (locked_until IS NULL OR locked_until <= :now)
        RETURNING failed_login_count`,
      { id, now, max: maxFailures, lockUntil },
    );
    const result: unknown = await this.dataSource.query(sql, parameters);
    // PostgreSQL answers [rows, count] for an UPDATE, SQLite the rows.
    const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as unknown[];
    return rows.length > 0;
  }

  /** What every request checks of an account: its token version, whether it is disabled or must change its password. */
  tokenState(id: string): Promise<Pick<User, 'id' | 'tokenVersion' | 'disabled' | 'mustChangePassword'> | null> {
    return this.dataSource.manager.findOne(User, {
      where: { id },
      select: { id: true, tokenVersion: true, disabled: true, mustChangePassword: true },
    });
  }

  /** Every admin, and the accounts with these phones, oldest first. */
  adminsAndPhones(phones: string[]): Promise<User[]> {
    return this.dataSource.manager.find(User, {
      where: [{ role: 'admin' }, { phone: In(phones) }],
      order: { createdAt: 'ASC' },
    });
  }

  existsWithPhone(phone: string): Promise<boolean> {
    return this.dataSource.manager.exists(User, { where: { phone } });
  }

  /** Inserts an account; a phone already taken fails with the database's unique violation. */
  insert(user: QueryDeepPartialEntity<User>): Promise<unknown> {
    return this.dataSource.manager.insert(User, user);
  }

  list(filter: { cooperativeId?: string; role?: UserRole }, query: PageQuery): Promise<Page<User>> {
    const q = this.dataSource.manager.createQueryBuilder(User, 'u');
    if (filter.cooperativeId) q.andWhere('u.cooperativeId = :cooperativeId', { cooperativeId: filter.cooperativeId });
    if (filter.role) q.andWhere('u.role = :role', { role: filter.role });
    return paginate(q, query);
  }

  /**
   * Applies `changes` and bumps the token version in one transaction (the access tokens already issued stop
   * counting); `endSessions` also revokes every refresh token still open.
   */
  async changeAndEndTokens(userId: string, changes: Partial<User>, endSessions: boolean, now = new Date()): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .update(User)
        .set({ ...changes, tokenVersion: () => 'token_version + 1' })
        .where('id = :id', { id: userId })
        .execute();
      if (endSessions) await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: now });
    });
  }
}
