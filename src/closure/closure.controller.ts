import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { toClosureResponse } from './closure.mapper';
import { ClosureService } from './closure.service';
import { ClosureListDto, ClosureResponseDto, CreateClosureDto, ListClosuresQueryDto } from './dto/closure.dto';

@ApiTags('programs')
@Controller('closures')
export class ClosureController {
  constructor(private readonly closures: ClosureService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Library closure days, by date, each with the sessions it cancels' })
  @ApiOkResponse({ type: ClosureListDto })
  @ApiProblems(400)
  async list(@Query() query: ListClosuresQueryDto): Promise<ClosureListDto> {
    const closures = await this.closures.list(query);
    const sessions = await this.closures.cancelledSessions(closures.map((closure) => closure.id));
    return { data: closures.map((closure) => toClosureResponse(closure, sessions.get(closure.id) ?? [])) };
  }

  @Post()
  @RequirePermission('closure.manage')
  @ApiOperation({
    summary: 'Add a closure day: sessions on it that were not held are cancelled with its name as the reason',
    description:
      'Upcoming sessions on that date, and past ones without attendance, are cancelled (their reminders skipped). A session with ' +
      'attendance recorded took place and is never cancelled by a closure; recording attendance later takes a session out from under it.',
  })
  @ApiCreatedResponse({ type: ClosureResponseDto })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateClosureDto, @CurrentUser() actor: AuthUser): Promise<ClosureResponseDto> {
    const closure = await this.closures.create(dto, actor);
    const sessions = await this.closures.cancelledSessions([closure.id]);
    return toClosureResponse(closure, sessions.get(closure.id) ?? []);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('closure.manage')
  @ApiOperation({ summary: 'Remove a closure day: its sessions are back (a session staff cancelled stays cancelled)' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@Param('id', new ParseIdPipe('closure')) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.closures.remove(id, actor);
  }
}
