import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { UnauthorizedError } from '../common/errors/domain-error';
import { createValidationPipe } from '../common/pipes/validation';
import type { User } from '../user/user.entity';
import { LoginDto } from './dto/sign-in.dto';
import { SignInService } from './sign-in.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: SignInService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: Request, email: string, password: string): Promise<User> {
    // The body was validated as a LoginDto (LocalAuthGuard) before passport read it.
    return this.auth.verifyCredentials(
      email,
      password,
      request.ip ?? 'unknown',
      (request.body as { otp?: string }).otp,
    );
  }
}

/** Validates the login body like any DTO, then lets passport-local check the credentials. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  private readonly validation = createValidationPipe();

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    request.body = (await this.validation.transform(request.body ?? {}, {
      type: 'body',
      metatype: LoginDto,
    })) as LoginDto;
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    // Passport hands over what the strategy threw: one of our errors (or the database's).
    if (error) throw error as Error;
    if (!user)
      throw new UnauthorizedError('INVALID_CREDENTIALS', 'The email or password is wrong, or the account is inactive.');
    return user;
  }
}
