import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { columnTypes } from '../database/column-types';

export const USER_ROLES = ['admin', 'coop_manager', 'farmer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

@Entity('users')
export class User extends BaseEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  phone!: string;

  @Column({ type: 'varchar', length: 255, name: 'password_hash' })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: UserRole;

  @Column({ type: columnTypes.uuid, name: 'cooperative_id', nullable: true })
  cooperativeId!: string | null;

  @Column({ type: columnTypes.uuid, name: 'household_id', nullable: true })
  householdId!: string | null;

  @Column({ type: 'integer', name: 'failed_login_count', default: 0 })
  failedLoginCount!: number;

  @Column({ type: columnTypes.timestamp, name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: columnTypes.timestamp, name: 'last_login_at', nullable: true })
  lastLoginAt!: Date | null;

  /** Carried in every access token (`ver`); bumped to end the tokens already issued (role change, disable, logout). */
  @Column({ type: 'integer', name: 'token_version', default: 0 })
  tokenVersion!: number;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /** Set by a password reset: until the user picks a new password, only POST /auth/password is open to it. */
  @Column({ type: 'boolean', name: 'must_change_password', default: false })
  mustChangePassword!: boolean;
}
