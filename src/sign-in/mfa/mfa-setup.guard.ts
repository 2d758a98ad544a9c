import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { IS_PUBLIC_KEY } from '../../auth/auth.decorators';
import { AuthUser } from '../../auth/auth-user';
import { MfaSetupRequiredError } from './mfa.errors';
import { MfaService } from './mfa.service';

const ALLOWED_DURING_MFA_SETUP_KEY = 'tandem:allowed-during-mfa-setup';

/**
 * Open to a signed-in person who must set up two-factor first (their role requires it and it is
 * not on): what they need to set it up, see who they are, change their password and sign out.
 */
export const AllowedDuringMfaSetup = () => SetMetadata(ALLOWED_DURING_MFA_SETUP_KEY, true);

/**
 * Global guard 3 of 3 (after JwtAuthGuard and PermissionsGuard): while an admin requires
 * two-factor for someone's role and they have not turned it on, every route not marked
 * `@AllowedDuringMfaSetup()` answers 403 MFA_SETUP_REQUIRED. It applies from the moment the
 * requirement does, also to sessions that were already open; the app takes them to setup.
 */
@Injectable()
export class MfaSetupGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly mfa: MfaService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(ALLOWED_DURING_MFA_SETUP_KEY, targets)) return true;
    // A route opened by a `?key=` link has no user: nothing to require of anyone.
    const user = context.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
    if (user && (await this.mfa.mustSetUp(user))) throw new MfaSetupRequiredError();
    return true;
  }
}
