import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ListMatchesQueryDto, MatchPageDto } from './dto/match.dto';
import { toMatchResponse } from './matching.mapper';
import { MatchingService } from './matching.service';

@ApiTags('matching')
@Controller('matches')
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get()
  @RequirePermission('matching.use')
  @ApiOperation({
    summary: 'Suggested introductions, strongest first',
    description:
      'A provider offers a capability the seeker looks for, or both serve a priority-1 audience and the provider offers something the seeker has not got. ' +
      'Organizations that ended, pairs partnered in a running program and dismissed suggestions are left out. Filter by organizationId (either side) or capabilityId.',
  })
  @ApiOkResponse({ type: MatchPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListMatchesQueryDto): Promise<MatchPageDto> {
    const page = await this.matching.list(query);
    return { data: page.data.map(toMatchResponse), meta: page.meta };
  }

  @Post(':id/dismiss')
  @HttpCode(204)
  @RequirePermission('matching.use')
  @ApiOperation({ summary: 'Dismiss a suggestion: it stays hidden (dismissing it again changes nothing)' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async dismiss(@Param('id', new ParseIdPipe('suggestion')) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.matching.dismiss(id, actor);
  }

  @Post(':id/restore')
  @HttpCode(204)
  @RequirePermission('matching.use')
  @ApiOperation({
    summary:
      'Undo a dismissal: the suggestion is listed again while its reasons hold (restoring one not dismissed changes nothing)',
  })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async restore(@Param('id', new ParseIdPipe('suggestion')) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.matching.restore(id, actor);
  }
}
