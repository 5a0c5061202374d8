import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Public, Roles } from '../common/auth/decorators';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponse, RefreshDto } from './dto/login.dto';
import { CreateUserDto, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('accounts')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** Exchanges a phone number and password for an access token. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<LoginResponse> {
    return this.auth.login(dto);
  }

  /** Exchanges a refresh token for a new access token and a new refresh token; each refresh token works once. */
  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<LoginResponse> {
    return this.auth.refresh(dto);
  }

  /** Ends the session of a refresh token (log out on this device). */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto);
  }

  /** Creates an account: admins any role, co-op managers farmers of their own co-op. */
  @ApiBearerAuth()
  @Roles('admin', 'coop_manager')
  @Post('users')
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }
}
