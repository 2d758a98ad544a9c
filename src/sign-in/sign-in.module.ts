import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { appConfig, authConfig, AuthConfig } from '../config/configuration';
import { UserModule } from '../user/user.module';
import { AuthSession } from './auth-session.entity';
import { AuthController } from './auth.controller';
import { SignInService } from './sign-in.service';
import { JwtAuthGuard, PermissionsGuard } from '../auth/guards';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { LoginRateLimiter } from './login-rate-limiter.service';
import { MfaRecoveryCode } from './mfa/mfa-recovery-code.entity';
import { MfaResetController } from './mfa/mfa-reset.controller';
import { MfaSetupGuard } from './mfa/mfa-setup.guard';
import { MfaController } from './mfa/mfa.controller';
import { MfaService } from './mfa/mfa.service';
import { SecuritySettingsController } from './mfa/security-settings.controller';
import { SecuritySettingsService } from './mfa/security-settings.service';
import { UserMfa } from './mfa/user-mfa.entity';
import { RefreshToken } from './refresh-token.entity';
import { SessionService } from './session.service';

@Module({
  imports: [
    UserModule,
    AuditModule,
    PassportModule,
    TypeOrmModule.forFeature([AuthSession, RefreshToken, UserMfa, MfaRecoveryCode]),
    ConfigModule.forFeature(appConfig),
    JwtModule.registerAsync({
      imports: [ConfigModule.forFeature(authConfig)],
      inject: [authConfig.KEY],
      useFactory: (config: AuthConfig) => ({
        secret: config.secret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ConfigModule.forFeature(authConfig),
  ],
  controllers: [AuthController, MfaController, MfaResetController, SecuritySettingsController],
  providers: [
    SignInService,
    SessionService,
    LoginRateLimiter,
    MfaService,
    SecuritySettingsService,
    JwtStrategy,
    LocalStrategy,
    // Order matters: authenticate first, then check the permission.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: PermissionsGuard },
    // Then: a role that must use two-factor may only set it up until it is on.
    { provide: APP_GUARD, useClass: MfaSetupGuard },
  ],
  exports: [SessionService],
})
export class SignInModule {}
