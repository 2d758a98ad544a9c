import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { IntroduceMatchDto, IntroductionResponseDto, ListMatchesQueryDto, MatchPageDto } from './dto/match.dto';
import { toMatchResponse } from './matching.mapper';
import { MatchingService } from './matching.service';

@ApiTags('matching')
@Controller('matches')
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Get()
  @RequirePermission('matching.use')
  @ApiOperation({
    summary: 'Suggested introductions: open ones strongest first, introduced or dismissed ones most recent first',
    description:
      'A provider offers a capability the seeker looks for, or both serve a priority-1 audience and the provider offers something the seeker has not got. ' +
      'Organizations that ended, pairs partnered in a running program and decided (introduced or dismissed) suggestions are left out of the open list, ' +
      'and unless all=true so are suggestions below the strength floor and, walking the ranked list strongest first, those of an organization already in maxPerPartner (GET /settings/matching). ' +
      'status=introduced|dismissed lists decisions as the suggestion was when decided, most recent first. Filter by organizationId (either side) or capabilityId.',
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
  @ApiOperation({
    summary: 'Dismiss a suggestion: it stays hidden (dismissing it again changes nothing; an introduced one is a 409)',
  })
  @ApiNoContentResponse()
  @ApiProblems(404, 409)
  async dismiss(@Param('id', new ParseIdPipe('suggestion')) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.matching.dismiss(id, actor);
  }

  @Post(':id/introduce')
  @HttpCode(200)
  @RequirePermission('matching.use')
  @ApiOperation({
    summary: 'Record that the pair was introduced: a follow-up task "Introduce A to B" for the caller, due in 7 days',
    description:
      'The suggestion (open or dismissed) becomes introduced with the note; the task is on the provider and both timelines show it. ' +
      'Introducing it again, or twice at once, is a 409 MATCH_ALREADY_INTRODUCED with the taskId: one task per introduction.',
  })
  @ApiOkResponse({ type: IntroductionResponseDto })
  @ApiProblems(400, 404, 409)
  async introduce(
    @Param('id', new ParseIdPipe('suggestion')) id: string,
    @Body() dto: IntroduceMatchDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<IntroductionResponseDto> {
    const { match, taskId } = await this.matching.introduce(id, dto.note ?? null, actor);
    return { match: toMatchResponse(match), taskId };
  }

  @Post(':id/restore')
  @HttpCode(204)
  @RequirePermission('matching.use')
  @ApiOperation({
    summary:
      'Undo a dismissal or an introduction: the suggestion is listed again while its reasons hold (restoring an open one changes nothing)',
    description: 'Undoing an introduction deletes its follow-up task while that is still open; a done task stays.',
  })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async restore(@Param('id', new ParseIdPipe('suggestion')) id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.matching.restore(id, actor);
  }
}
