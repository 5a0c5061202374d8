import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, OpenBeforePasswordChange, Public, Roles } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { IdParam } from '../common/http/id-param';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponse, RefreshDto } from './dto/login.dto';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, ResetPasswordResponse, UpdateUserDto, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('accounts')
@Controller('api/v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /**
   * Exchanges a phone number and password for an access token. A locked phone answers like a wrong
   * password; too many failed logins from one address answer 429 with Retry-After.
   */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponse> {
    return this.auth.login(dto, request.ip);
  }

  /** Exchanges a refresh token for a new access token and a new refresh token; each refresh token works once. */
  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<LoginResponse> {
    return this.auth.refresh(dto);
  }

  /** Ends the session of a refresh token (log out on this device); access tokens already issued stop working. */
  @Public()
  @Post('auth/logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto): Promise<void> {
    await this.auth.logout(dto);
  }

  /** Changes one's own password (the current one is needed); every other session ends, the answer is a new one. */
  @ApiBearerAuth()
  @OpenBeforePasswordChange()
  @Post('auth/password')
  @HttpCode(200)
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<LoginResponse> {
    return this.auth.changePassword(actor, dto);
  }

  /** Creates an account: admins any role, co-op managers farmers of their own co-op. */
  @ApiBearerAuth()
  @Roles('admin', 'coop_manager')
  @Post('users')
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  /** Lists accounts: admins all (by co-op or role), co-op managers the farmers of their co-op. */
  @ApiBearerAuth()
  @Roles('admin', 'coop_manager')
  @Get('users')
  listUsers(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery): Promise<Page<UserResponse>> {
    return this.users.list(actor, query);
  }

  /**
   * Disables or enables an account (admins; co-op managers for their farmers) or changes its role or
   * membership (admins). The account's access tokens stop working at once.
   */
  @ApiBearerAuth()
  @Roles('admin', 'coop_manager')
  @Patch('users/:id')
  updateUser(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateUserDto): Promise<UserResponse> {
    return this.users.update(actor, id, dto);
  }

  /** Sets a temporary password the person must change at the next login; every session of the account ends. */
  @ApiBearerAuth()
  @Roles('admin', 'coop_manager')
  @Post('users/:id/reset-password')
  @HttpCode(200)
  resetPassword(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: ResetPasswordDto): Promise<ResetPasswordResponse> {
    return this.users.resetPassword(actor, id, dto);
  }
}
