import { IsString, Length, MaxLength } from 'class-validator';

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

export class LoginResponse {
  accessToken!: string;
  /** Seconds until the access token expires. */
  expiresIn!: number;
  user!: SessionUserResponse;
}
