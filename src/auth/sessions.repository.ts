import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull, LessThan } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';
import { SqlRepository } from '../database/sql-repository';

/** The SQL of the sessions: `refresh_tokens`, one family per login, rotated on every refresh. */
@Injectable()
export class SessionsRepository extends SqlRepository {
  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.dataSource.manager.findOne(RefreshToken, { where: { tokenHash } });
  }

  /** Stores a refresh token of the session `familyId`. */
  async issue(
    manager: EntityManager | undefined,
    spec: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
  ): Promise<void> {
    await (manager ?? this.dataSource.manager).insert(RefreshToken, { id: randomUUID(), ...spec, usedAt: null, revokedAt: null });
  }

  /** Marks a token used, only if it was neither used nor revoked: of two concurrent uses, one gets true. */
  async take(manager: EntityManager, id: string, now: Date): Promise<boolean> {
    const taken = await manager.update(RefreshToken, { id, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: now });
    return !!taken.affected;
  }

  revokeFamily(familyId: string, now: Date): Promise<unknown> {
    return this.dataSource.manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: now });
  }

  revokeAllOf(manager: EntityManager, userId: string, now: Date): Promise<unknown> {
    return manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: now });
  }

  /** Removes tokens expired before `before`; answers how many. */
  async removeExpiredBefore(before: Date): Promise<number> {
    const result = await this.dataSource.manager.delete(RefreshToken, { expiresAt: LessThan(before) });
    return result.affected ?? 0;
  }
}
