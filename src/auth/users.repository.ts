import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import { RefreshToken } from './refresh-token.entity';
import { User, UserRole } from './user.entity';

/** The accounts' SQL: `users`, and the sessions (`refresh_tokens`) an account change ends. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string): Promise<User | null> {
    return this.dataSource.manager.findOne(User, { where: { id } });
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
