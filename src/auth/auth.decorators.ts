import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiQuery, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Permission, PERMISSION_MIN_ROLE } from '@tandem/shared';
import type { AuthUser } from './auth-user';
import type { ResourceKeyGrant, ResourceKeyPurpose } from './resource-key';
import { PROBLEM_SCHEMA_REF } from '../common/openapi/problem.schema';

export const IS_PUBLIC_KEY = 'tandem:public';
export const PERMISSION_KEY = 'tandem:permission';
export const RESOURCE_KEY_KEY = 'tandem:resource-key';

export interface ResourceKeyOption {
  purpose: ResourceKeyPurpose;
}

/** Open to anyone without a token. Every route declares this or `@RequirePermission`. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/** Needs a bearer token whose user holds `permission` (see auth/permissions.ts). */
export const RequirePermission = (permission: Permission) =>
  applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description: 'No access token, or it is expired, revoked or its user deactivated.',
      content: { 'application/problem+json': { schema: PROBLEM_SCHEMA_REF } },
    }),
    ApiForbiddenResponse({
      description: `Needs the ${PERMISSION_MIN_ROLE[permission]} role or higher (permission ${permission}).`,
      content: { 'application/problem+json': { schema: PROBLEM_SCHEMA_REF } },
    }),
  );

/**
 * Besides a bearer token (the route still declares `@RequirePermission`), the route opens to a
 * `?key=` token made by `resourceToken(secret, purpose, <resource id>)` — for clients that
 * cannot send a token, such as calendar apps. Only for read-only routes that need no
 * `@CurrentUser()`: with a key there is no user. The guard checks the token's signature; the
 * route must then check its resource (`@CurrentResourceKey()`): that it still exists and opens
 * what is asked for. Without a token, a key that does not verify is a 404 (LINK_NOT_FOUND).
 */
export const AllowResourceKey = (purpose: ResourceKeyPurpose) =>
  applyDecorators(
    SetMetadata(RESOURCE_KEY_KEY, { purpose } satisfies ResourceKeyOption),
    ApiQuery({
      name: 'key',
      required: false,
      description: 'The key from the subscription link, instead of a bearer token (for calendar apps).',
    }),
  );

/** On an `@AllowResourceKey` route: the verified `?key=` (its resource id), or undefined when a bearer token was used. */
export const CurrentResourceKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): ResourceKeyGrant | undefined => {
    return context.switchToHttp().getRequest<Request & { resourceKey?: ResourceKeyGrant }>().resourceKey;
  },
);

/** The signed-in user, as resolved by the JWT guard. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<Request & { user: AuthUser }>().user;
});
