import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../auth/auth-user';
import { Permission, PERMISSION_MIN_ROLE } from '../../auth/permissions';
import { PROBLEM_SCHEMA_REF } from '../openapi/problem.schema';

export const IS_PUBLIC_KEY = 'tandem:public';
export const PERMISSION_KEY = 'tandem:permission';

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

/** The signed-in user, as resolved by the JWT guard. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  return context.switchToHttp().getRequest<Request & { user: AuthUser }>().user;
});
