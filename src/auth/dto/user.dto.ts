import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PartialType, PickType } from '@nestjs/swagger';
import { PageQuery } from '../../common/http/pagination';
import { User, USER_ROLES } from '../user.entity';
import type { UserRole } from '../user.entity';

export class CreateUserDto {
  @IsString()
  @Matches(/^[\s\d+().-]{9,20}$/, { message: 'registry.phoneFormat' })
  phone!: string;

  /** At least 10 characters; not a common password, not only digits, not the phone number. */
  @IsString()
  @MinLength(10, { message: 'auth.passwordMinLength' })
  @MaxLength(200)
  password!: string;

  @IsIn(USER_ROLES)
  role!: UserRole;

  /** The co-operative of a coop_manager (required for one). */
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  /** The household of a farmer (required for one). */
  @IsOptional()
  @IsUUID()
  householdId?: string;
}

export class ListUsersQuery extends PageQuery {
  /** Admins only: one co-operative's accounts. Co-op managers always get their own co-op's farmers. */
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;
}

/** Every field optional; a role or membership change is for admins, disabling also for a farmer's co-op manager. */
export class UpdateUserDto extends PartialType(PickType(CreateUserDto, ['role', 'cooperativeId', 'householdId'] as const)) {
  /** A disabled account cannot log in and its tokens stop working at once. */
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ResetPasswordDto {
  /** The temporary password to give the person; when left out, one is generated and answered once. */
  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'auth.passwordMinLength' })
  @MaxLength(200)
  temporaryPassword?: string;
}

export class ResetPasswordResponse {
  /** Always true: the next login can only change the password. */
  mustChangePassword!: boolean;
  /** Only when generated: tell it to the person; it is not shown again. */
  temporaryPassword?: string;
}

export class UserResponse {
  id!: string;
  phone!: string;
  role!: UserRole;
  cooperativeId!: string | null;
  householdId!: string | null;
  disabled!: boolean;
  mustChangePassword!: boolean;
  lastLoginAt!: string | null;
  createdAt!: string;
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    phone: user.phone,
    role: user.role,
    cooperativeId: user.cooperativeId,
    householdId: user.householdId,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
  };
}
