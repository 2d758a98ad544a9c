import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../common/decorators/auth.decorators';
import { PaginationQueryDto } from '../common/dto/pagination.dto';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { TimelineDto } from '../timeline/dto/timeline.dto';
import { TimelineService } from '../timeline/timeline.service';
import {
  CreateNoteDto,
  CreateOrganizationDto,
  ListOrganizationsQueryDto,
  NotePageDto,
  NoteResponseDto,
  OrganizationPageDto,
  OrganizationResponseDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { toNoteResponse, toOrganizationResponse } from './organization.mapper';
import { OrganizationService } from './organization.service';

const OrgId = () => Param('id', new ParseIdPipe('organization'));

@ApiTags('directory')
@Controller('organizations')
export class OrganizationController {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly timeline: TimelineService,
  ) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Search and filter the partner directory' })
  @ApiOkResponse({ type: OrganizationPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListOrganizationsQueryDto): Promise<OrganizationPageDto> {
    const page = await this.organizations.list(query);
    return { data: page.data.map(toOrganizationResponse), meta: page.meta };
  }

  @Post()
  @RequirePermission('directory.write')
  @ApiOperation({ summary: 'Add an organization' })
  @ApiCreatedResponse({ type: OrganizationResponseDto })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateOrganizationDto, @CurrentUser() actor: AuthUser): Promise<OrganizationResponseDto> {
    return toOrganizationResponse(await this.organizations.create(dto, actor));
  }

  @Get(':id')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'One organization' })
  @ApiOkResponse({ type: OrganizationResponseDto })
  @ApiProblems(404)
  async get(@OrgId() id: string): Promise<OrganizationResponseDto> {
    return toOrganizationResponse(await this.organizations.get(id));
  }

  @Patch(':id')
  @RequirePermission('directory.write')
  @ApiOperation({
    summary: 'Edit an organization (needs the current version)',
    description: 'A stale version answers 409 with `currentVersion` and changes nothing. A stage change may carry `stageReason`.',
  })
  @ApiOkResponse({ type: OrganizationResponseDto })
  @ApiProblems(400, 404, 409)
  async update(@OrgId() id: string, @Body() dto: UpdateOrganizationDto, @CurrentUser() actor: AuthUser): Promise<OrganizationResponseDto> {
    return toOrganizationResponse(await this.organizations.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('directory.delete')
  @ApiOperation({ summary: 'Delete an organization with its contacts, notes and history' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@OrgId() id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.organizations.remove(id, actor);
  }

  @Get(':id/timeline')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Everything that happened with this partner, newest first' })
  @ApiOkResponse({ type: TimelineDto })
  @ApiProblems(400, 404)
  async getTimeline(@OrgId() id: string, @Query() page: PaginationQueryDto): Promise<TimelineDto> {
    await this.organizations.get(id);
    const { data, total } = await this.timeline.forOrganization(id, page.limit, page.offset);
    return { data, meta: { total, limit: page.limit, offset: page.offset } };
  }

  @Get(':id/notes')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'Notes on this organization, newest first' })
  @ApiOkResponse({ type: NotePageDto })
  @ApiProblems(400, 404)
  async listNotes(@OrgId() id: string, @Query() page: PaginationQueryDto): Promise<NotePageDto> {
    const result = await this.organizations.listNotes(id, page.limit, page.offset);
    return { data: result.data.map(toNoteResponse), meta: result.meta };
  }

  @Post(':id/notes')
  @RequirePermission('directory.write')
  @ApiOperation({ summary: 'Add a note; it shows on the timeline' })
  @ApiCreatedResponse({ type: NoteResponseDto })
  @ApiProblems(400, 404)
  async addNote(@OrgId() id: string, @Body() dto: CreateNoteDto, @CurrentUser() actor: AuthUser): Promise<NoteResponseDto> {
    return toNoteResponse(await this.organizations.addNote(id, dto, actor));
  }
}
