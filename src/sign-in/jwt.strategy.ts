import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { authConfig, AuthConfig } from '../config/configuration';
import { AuthUser } from '../auth/auth-user';
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
      // jsonwebtoken checks `exp` only when a token has one; `maxAge` makes `iat` required and
      // bounds a token's age by the lifetime Tandem gives it, whatever its `exp` says.
      jsonWebTokenOptions: { maxAge: config.accessTokenTtlSeconds },
    });
  }

  /** Passport answers 401 when this returns null (unknown, inactive or revoked). */
  async validate(claims: Partial<AccessTokenClaims> & { exp?: unknown }): Promise<AuthUser | null> {
    if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
    // Tandem signs every access token with `exp`; one without it would never expire.
    if (typeof claims.exp !== 'number') return null;
    // Ids that are not UUIDs match no session (and would be a query error). Any other failure of
    // the lookup (the database is unreachable) is not "no user": it reaches the error filter as a
    // 503, so an outage never reads as a sign-out.
    if (!isUUID(claims.sub, 'all') || !isUUID(claims.sid, 'all')) return null;
    return this.sessions.resolveAccess({ sub: claims.sub, sid: claims.sid });
  }
}
