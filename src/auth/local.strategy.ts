import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { User } from '../user/user.entity';
import { AuthService } from './auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
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
