import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { authConfig, AuthConfig } from '../config/configuration';
import { AuthUser } from './auth-user';
import { AccessTokenClaims, SessionService } from './session.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(authConfig.KEY) config: AuthConfig,
    private readonly sessions: SessionService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once, rather than the string: jsonwebtoken otherwise builds a new
      // secret key from the string on every request, a measurable share of a list request.
      // passport-jwt's types predate KeyObject; jsonwebtoken accepts it.
      secretOrKey: createSecretKey(Buffer.from(config.secret, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** Passport answers 401 when this returns null (unknown, inactive or revoked). */
  async validate(claims: Partial<AccessTokenClaims>): Promise<AuthUser | null> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
    return this.sessions.resolveAccess({ sub: claims.sub, sid: claims.sid }).catch(() => null);
  }
}
