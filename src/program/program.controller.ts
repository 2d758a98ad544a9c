import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import {
  CreateProgramDto,
  ListProgramsQueryDto,
  ProgramPageDto,
  ProgramResponseDto,
  UpdateProgramDto,
} from './dto/program.dto';
import { ListSessionsQueryDto, SessionListDto } from './dto/session.dto';
import { toProgramResponse, toSessionResponseFromRow } from './program.mapper';
import type { Program } from './program.entity';
import { ProgramService } from './program.service';

const ProgramId = () => Param('id', new ParseIdPipe('program'));

@ApiTags('programs')
@Controller('programs')
export class ProgramController {
  constructor(private readonly programs: ProgramService) {}

  private toResponse(program: Program): ProgramResponseDto {
    return toProgramResponse(program);
  }

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Programs, filtered by status, partner organization, audience or name' })
  @ApiOkResponse({ type: ProgramPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListProgramsQueryDto): Promise<ProgramPageDto> {
    const page = await this.programs.list(query);
    return { data: page.data.map((program) => this.toResponse(program)), meta: page.meta };
  }

  @Post()
  @RequirePermission('outreach.write')
  @ApiOperation({
    summary: 'Start a program; its sessions are created from the start date through the session window',
    description:
      'The schedule is an RFC 5545 RRULE (FREQ DAILY or coarser, no DTSTART, BYHOUR, BYMINUTE or BYSECOND) expanded at the local ' +
      'startTime in the IANA timezone, so sessions stay at the same local time across DST. At most 1000 sessions when the schedule ' +
      'ends (COUNT, UNTIL or endDate), an end within 10 years and a first session within 5 years of startDate.',
  })
  @ApiCreatedResponse({ type: ProgramResponseDto })
  @ApiProblems(400)
  async create(@Body() dto: CreateProgramDto, @CurrentUser() actor: AuthUser): Promise<ProgramResponseDto> {
    return this.toResponse(await this.programs.create(dto, actor));
  }

  @Get(':id')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'One program' })
  @ApiOkResponse({ type: ProgramResponseDto })
  @ApiProblems(404)
  async get(@ProgramId() id: string): Promise<ProgramResponseDto> {
    return this.toResponse(await this.programs.get(id));
  }

  @Patch(':id')
  @RequirePermission('outreach.write')
  @ApiOperation({
    summary: 'Edit a program (needs the current version)',
    description:
      'A new schedule, start or end date rewrites future sessions; past sessions and any with attendance or notes are kept.',
  })
  @ApiOkResponse({ type: ProgramResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @ProgramId() id: string,
    @Body() dto: UpdateProgramDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<ProgramResponseDto> {
    return this.toResponse(await this.programs.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'Delete a program and its sessions' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@ProgramId() id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.programs.remove(id, actor);
  }

  @Get(':id/sessions')
  @RequirePermission('directory.read')
  @ApiOperation({
    summary: 'Sessions starting in [from, to): default 30 days back to the end of the session window; at most 731 days',
  })
  @ApiOkResponse({ type: SessionListDto })
  @ApiProblems(400, 404)
  async sessions(@ProgramId() id: string, @Query() query: ListSessionsQueryDto): Promise<SessionListDto> {
    return { data: (await this.programs.sessionsInWindow(id, query)).map(toSessionResponseFromRow) };
  }
}
