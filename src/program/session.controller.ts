import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { SessionResponseDto, UpdateSessionDto } from './dto/session.dto';
import { toSessionResponse } from './program.mapper';
import { ProgramService } from './program.service';

@ApiTags('programs')
@Controller('sessions')
export class SessionController {
  constructor(private readonly programs: ProgramService) {}

  @Patch(':id')
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'Record attendance (a number), notes or a staff cancellation (needs the current version)' })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @Param('id', new ParseIdPipe('session')) id: string,
    @Body() dto: UpdateSessionDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<SessionResponseDto> {
    return toSessionResponse(await this.programs.updateSession(id, dto, actor));
  }
}
