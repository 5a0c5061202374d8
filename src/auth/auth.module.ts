import { Global, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenGuard } from '../common/auth/access-token.guard';
import { PasswordHasher } from '../common/crypto/password-hasher';
import { AuthConfig } from '../config/sections';
import { RegistryModule } from '../registry/registry.module';
import { AccountStates } from './account-states';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { DefaultPasswordCheck } from './default-passwords';
import { LoginThrottle } from './login-throttle';
import { RefreshToken } from './refresh-token.entity';
import { User } from './user.entity';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Accounts, login and the global access-token guard. Global: every credential check, the queue board's too, is AuthService.authenticate. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, RefreshToken]),
    // Accounts belong to a co-op or a household: UsersService checks them through the registry's services.
    RegistryModule,
    JwtModule.registerAsync({
      global: true,
      inject: [AuthConfig],
      useFactory: (auth: AuthConfig) => ({
        secret: auth.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: auth.JWT_TTL_SECONDS },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    UsersService,
    UsersRepository,
    SessionsRepository,
    PasswordHasher,
    AccountStates,
    LoginThrottle,
    DefaultPasswordCheck,
    { provide: APP_GUARD, useClass: AccessTokenGuard },
  ],
  exports: [AuthService, UsersService, PasswordHasher],
})
export class AuthModule implements OnApplicationBootstrap {
  constructor(
    private readonly users: UsersService,
    private readonly defaults: DefaultPasswordCheck,
    private readonly auth: AuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.users.ensureAdmin(this.auth.ADMIN_PHONE, this.auth.ADMIN_PASSWORD);
    await this.defaults.run();
  }
}
