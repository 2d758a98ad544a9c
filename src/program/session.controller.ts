import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import {
  CalendarSessionListDto,
  ListCalendarSessionsQueryDto,
  MAX_CALENDAR_RANGE_DAYS,
  SessionResponseDto,
  UpdateSessionDto,
} from './dto/session.dto';
import { toCalendarSessionResponse, toSessionResponse } from './program.mapper';
import { ProgramService } from './program.service';

@ApiTags('programs')
@Controller('sessions')
export class SessionController {
  constructor(private readonly programs: ProgramService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({
    summary: `Every program's sessions starting in [from, to) (both required, at most ${MAX_CALENDAR_RANGE_DAYS} days apart), for the calendar`,
    description:
      'Sorted by start time. Programs of every status are included (`programStatus` says which); cancelled sessions ' +
      '(by staff, or by a library closure: `cancelReason` is its name) are listed with `cancelled: true`. ' +
      '`programId` narrows it to one program. A missing, malformed, reversed or too long range is a 400.',
  })
  @ApiOkResponse({ type: CalendarSessionListDto })
  @ApiProblems(400)
  async calendar(@Query() query: ListCalendarSessionsQueryDto): Promise<CalendarSessionListDto> {
    return { data: (await this.programs.calendarSessions(query)).map(toCalendarSessionResponse) };
  }

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
