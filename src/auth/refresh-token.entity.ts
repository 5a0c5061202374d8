import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

/**
 * One refresh token of a session. Only its SHA-256 is stored. Each use rotates it: the token is
 * marked used and a new one of the same family is issued; a used token presented again means it was
 * copied, and the whole family (the session) is revoked.
 */
@Entity('refresh_tokens')
export class RefreshToken extends BaseEntity {
  @Column({ type: columnTypes.uuid, name: 'user_id' })
  userId!: string;

  /** The session: every token rotated from one login. */
  @Column({ type: columnTypes.uuid, name: 'family_id' })
  familyId!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash!: string;

  @Column({ type: columnTypes.timestamp, name: 'expires_at' })
  expiresAt!: Date;

  @Column({ type: columnTypes.timestamp, name: 'used_at', nullable: true })
  usedAt!: Date | null;

  @Column({ type: columnTypes.timestamp, name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
