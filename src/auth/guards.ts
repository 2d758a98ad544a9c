import { ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { Permission, PERMISSION_MIN_ROLE, roleHasPermission } from '@tandem/shared';
import { IS_PUBLIC_KEY, PERMISSION_KEY, RESOURCE_KEY_KEY, ResourceKeyOption } from './auth.decorators';
import { ForbiddenError, UnauthorizedError } from '../common/errors/domain-error';
import { authConfig, AuthConfig } from '../config/configuration';
import { AuthUser } from './auth-user';
import { LinkNotFoundError } from './auth.errors';
import { ResourceKeyGrant, resourceIdOfToken } from './resource-key';

type GuardedRequest = Request & { user?: AuthUser; resourceKey?: ResourceKeyGrant };

/**
 * Global guard 1 of 2: every route needs a valid bearer token unless it is `@Public()`.
 * A public route still gets `req.user` when a valid token is sent. A route marked
 * `@AllowResourceKey` also opens to its `?key=` when no token is sent.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.isPublic(context)) return true;
    if (this.grantResourceKey(context)) return true;
    return (await super.canActivate(context)) as boolean;
  }

  /**
   * With a bearer token the token decides and a key is ignored; without one, a key that does
   * not verify is a 404 like a revoked one, so links cannot be told apart by probing (no key
   * at all falls through to the token check, a 401). The route checks the key's resource.
   */
  private grantResourceKey(context: ExecutionContext): boolean {
    const option = this.reflector.getAllAndOverride<ResourceKeyOption | undefined>(RESOURCE_KEY_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!option) return false;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const key = (request.query as Record<string, unknown> | undefined)?.key;
    if (request.headers.authorization !== undefined || key === undefined) return false;
    const resourceId = resourceIdOfToken(this.config.secret, option.purpose, key);
    if (!resourceId) throw new LinkNotFoundError();
    request.resourceKey = { purpose: option.purpose, resourceId };
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    // Passport hands over what the strategy threw: one of our errors (or the database's).
    if (error) throw error as Error;
    if (!user) {
      throw new UnauthorizedError(
        'UNAUTHENTICATED',
        'Sign in first: send a valid access token (Authorization: Bearer …); it may have expired, been revoked, or its user deactivated.',
      );
    }
    return user;
  }

  private isPublic(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true
    );
  }
}

/**
 * Global guard 2 of 2: deny by default. A non-public route must declare
 * `@RequirePermission(...)`, and the user's role must hold it.
 */
@Injectable()
export class PermissionsGuard {
  private readonly logger = new Logger(PermissionsGuard.name);

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    // Only JwtAuthGuard sets this, and only on a route that allows the key's purpose.
    if (request.resourceKey && permission) return true;
    const user = request.user;
    if (!permission) {
      this.logger.error(
        { handler: context.getHandler().name },
        'route declares neither @Public nor @RequirePermission; denied',
      );
      throw new ForbiddenError('FORBIDDEN', 'This route is not open to anyone.');
    }
    if (!user || !roleHasPermission(user.role, permission)) {
      throw new ForbiddenError(
        'FORBIDDEN',
        `This needs the ${PERMISSION_MIN_ROLE[permission]} role or higher; ask an admin if you need it.`,
      );
    }
    return true;
  }
}
