import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { Audience } from './audience.entity';
import { Capability } from './capability.entity';
import {
  AudienceListDto,
  AudienceResponseDto,
  CapabilityListDto,
  CapabilityResponseDto,
  CreateAudienceDto,
  CreateCapabilityDto,
  UpdateAudienceDto,
  UpdateCapabilityDto,
} from './dto/vocabulary.dto';
import { AudienceService, CapabilityService } from './vocabulary.service';

export function toCapabilityResponse(term: Capability): CapabilityResponseDto {
  return { id: term.id, version: term.version, name: term.name, description: term.description };
}

export function toAudienceResponse(term: Audience): AudienceResponseDto {
  return {
    ...toCapabilityResponse(term),
    priority: term.priority,
    estimatedPopulation: term.estimatedPopulation,
    source: term.source,
  };
}

@ApiTags('directory')
@Controller('audiences')
export class AudienceController {
  constructor(private readonly audiences: AudienceService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'All audiences (target groups), by name' })
  @ApiOkResponse({ type: AudienceListDto })
  async list(): Promise<AudienceListDto> {
    return { data: (await this.audiences.list()).map(toAudienceResponse) };
  }

  @Post()
  @RequirePermission('vocabulary.manage')
  @ApiOperation({ summary: 'Add an audience' })
  @ApiCreatedResponse({ type: AudienceResponseDto })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateAudienceDto, @CurrentUser() actor: AuthUser): Promise<AudienceResponseDto> {
    return toAudienceResponse(await this.audiences.create(dto, actor));
  }

  @Patch(':id')
  @RequirePermission('vocabulary.manage')
  @ApiOperation({ summary: 'Edit an audience (needs the current version)' })
  @ApiOkResponse({ type: AudienceResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @Param('id', new ParseIdPipe('audience')) id: string,
    @Body() dto: UpdateAudienceDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<AudienceResponseDto> {
    return toAudienceResponse(await this.audiences.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('vocabulary.manage')
  @ApiOperation({ summary: 'Delete an audience no organization uses (409 otherwise)' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  async remove(@Param('id', new ParseIdPipe('audience')) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.audiences.remove(id, actor);
  }
}

@ApiTags('directory')
@Controller('capabilities')
export class CapabilityController {
  constructor(private readonly capabilities: CapabilityService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'All capabilities (skills & resources), by name' })
  @ApiOkResponse({ type: CapabilityListDto })
  async list(): Promise<CapabilityListDto> {
    return { data: (await this.capabilities.list()).map(toCapabilityResponse) };
  }

  @Post()
  @RequirePermission('vocabulary.manage')
  @ApiOperation({ summary: 'Add a capability' })
  @ApiCreatedResponse({ type: CapabilityResponseDto })
  @ApiProblems(400, 409)
  async create(@Body() dto: CreateCapabilityDto, @CurrentUser() actor: AuthUser): Promise<CapabilityResponseDto> {
    return toCapabilityResponse(await this.capabilities.create(dto, actor));
  }

  @Patch(':id')
  @RequirePermission('vocabulary.manage')
  @ApiOperation({ summary: 'Edit a capability (needs the current version)' })
  @ApiOkResponse({ type: CapabilityResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @Param('id', new ParseIdPipe('capability')) id: string,
    @Body() dto: UpdateCapabilityDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<CapabilityResponseDto> {
    return toCapabilityResponse(await this.capabilities.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('vocabulary.manage')
  @ApiOperation({ summary: 'Delete a capability no organization uses (409 otherwise)' })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  async remove(@Param('id', new ParseIdPipe('capability')) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.capabilities.remove(id, actor);
  }
}
