import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CreateVisitDto, ListVisitsQueryDto, UpdateVisitDto, VisitPageDto, VisitResponseDto } from './dto/visit.dto';
import { toVisitResponse } from './visit.mapper';
import { VisitService } from './visit.service';

const VisitId = () => Param('id', new ParseIdPipe('visit'));

@ApiTags('outreach')
@Controller('visits')
export class VisitController {
  constructor(private readonly visits: VisitService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Outreach visits, newest first; filter by organization, program, purpose and from/to' })
  @ApiOkResponse({ type: VisitPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListVisitsQueryDto): Promise<VisitPageDto> {
    const page = await this.visits.list(query);
    return { data: page.data.map(toVisitResponse), meta: page.meta };
  }

  @Post()
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'Record a visit (when defaults to now, staff to you, counts to 0)' })
  @ApiCreatedResponse({ type: VisitResponseDto })
  @ApiProblems(400)
  async create(@Body() dto: CreateVisitDto, @CurrentUser() actor: AuthUser): Promise<VisitResponseDto> {
    return toVisitResponse(await this.visits.recordVisit(dto, actor));
  }

  @Get(':id')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'One visit' })
  @ApiOkResponse({ type: VisitResponseDto })
  @ApiProblems(404)
  async get(@VisitId() id: string): Promise<VisitResponseDto> {
    return toVisitResponse(await this.visits.get(id));
  }

  @Patch(':id')
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'Edit a visit (needs the current version)' })
  @ApiOkResponse({ type: VisitResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @VisitId() id: string,
    @Body() dto: UpdateVisitDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<VisitResponseDto> {
    return toVisitResponse(await this.visits.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'Delete a visit (its follow-up tasks stay, without the link)' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@VisitId() id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.visits.remove(id, actor);
  }
}
