import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { User, USER_ROLES } from '../user.entity';
import type { UserRole } from '../user.entity';

export class CreateUserDto {
  @IsString()
  @Matches(/^[\s\d+().-]{9,20}$/, { message: 'phone must be a Vietnamese phone number such as 0912345678' })
  phone!: string;

  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password!: string;

  @IsIn(USER_ROLES)
  role!: UserRole;

  /** Required for coop_manager. */
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  /** Required for farmer. */
  @IsOptional()
  @IsUUID()
  householdId?: string;
}

export class UserResponse {
  id!: string;
  phone!: string;
  role!: UserRole;
  cooperativeId!: string | null;
  householdId!: string | null;
  createdAt!: string;
}

export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    phone: user.phone,
    role: user.role,
    cooperativeId: user.cooperativeId,
    householdId: user.householdId,
    createdAt: user.createdAt.toISOString(),
  };
}
