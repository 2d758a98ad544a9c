import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission } from '../../auth/auth.decorators';
import { ApiProblems } from '../../common/openapi/problem.schema';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { AuthUser } from '../../auth/auth-user';
import { MfaService } from './mfa.service';

@ApiTags('users')
@Controller('users')
export class MfaResetController {
  constructor(private readonly mfa: MfaService) {}

  @Post(':id/mfa-reset')
  @HttpCode(204)
  @RequirePermission('user.manage')
  @ApiOperation({
    summary: "Turn off someone's two-factor sign-in (they lost their phone)",
    description:
      'Deletes their authenticator secret and recovery codes and signs out all their sessions; audited. They sign in with their password ' +
      'and can set two-factor up again. 204 also when it was off. Your own takes your password and a code (422 MFA_RESET_SELF).',
  })
  @ApiNoContentResponse()
  @ApiProblems(404, 422)
  async reset(@Param('id', new ParseIdPipe('user')) id: string, @CurrentUser() admin: AuthUser): Promise<void> {
    await this.mfa.reset(admin, id);
  }
}
