import { IsString, Length, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  /** Phone number, 0xxxxxxxxx or +84xxxxxxxxx. */
  @IsString()
  @Length(9, 20)
  phone!: string;

  @IsString()
  @MaxLength(200)
  password!: string;
}

export class SessionUserResponse {
  id!: string;
  role!: string;
  cooperativeId?: string | null;
  householdId?: string | null;
}

export class RefreshDto {
  /** The refresh token from the last login or refresh. */
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}

export class LoginResponse {
  /** Short-lived (JWT_TTL_SECONDS, 15 minutes by default); renew it with the refresh token. */
  accessToken!: string;
  /** Seconds until the access token expires. */
  expiresIn!: number;
  /** Single use: POST /api/v1/auth/refresh answers a new one with the new access token. */
  refreshToken!: string;
  /** Seconds until the refresh token expires. */
  refreshExpiresIn!: number;
  /** The password was reset: every route but POST /api/v1/auth/password answers 403 until it is changed. */
  mustChangePassword!: boolean;
  user!: SessionUserResponse;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(200)
  currentPassword!: string;

  /** At least 10 characters; not a common password, not only digits, not the phone number. */
  @IsString()
  @MinLength(10, { message: 'auth.passwordMinLength' })
  @MaxLength(200)
  newPassword!: string;
}
