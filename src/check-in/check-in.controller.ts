import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { PaginationQueryDto } from '../common/dto/pagination.dto';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { toCheckInResponse, toRoundResult } from './check-in.mapper';
import { CheckInService, type CheckInView } from './check-in.service';
import { CheckInPageDto, CheckInResponseDto, RoundResultDto, StartRoundDto } from './dto/check-in.dto';

const OrgId = () => Param('id', new ParseIdPipe('organization'));
const CheckInId = () => Param('id', new ParseIdPipe('check-in'));

const SHAPE =
  'A check-in shows its status and deadline, who was asked (owner: the library’s owner of the partnership; partner: its primary contact) and whether they answered, ' +
  'how the survey email to each fared (`email`: scheduled, sent, failed with why, or skipped with why), ' +
  'the average of each area (strength ≥ 4, borderline 3–3.9, concern < 3), the overall average and each statement’s average. Comments are shown to staff and up; viewers get `comments: null`.';

@ApiTags('check-ins')
@Controller()
export class CheckInController {
  constructor(private readonly checkIns: CheckInService) {}

  @Get('organizations/:id/check-ins')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: "An organization's partnership check-ins, latest first", description: SHAPE })
  @ApiOkResponse({ type: CheckInPageDto })
  @ApiProblems(400, 404)
  async list(
    @OrgId() id: string,
    @Query() page: PaginationQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CheckInPageDto> {
    const result = await this.checkIns.listForOrganization(id, page.limit, page.offset);
    const emails = await this.checkIns.emails(result.data);
    return { data: result.data.map((view) => toCheckInResponse(view, user, emails)), meta: result.meta };
  }

  @Post('organizations/:id/check-ins')
  @RequirePermission('checkIn.send')
  @ApiOperation({
    summary: 'Start a partnership check-in: email the survey to the owner and the primary contact',
    description:
      'The owner is asked when they are an active user; the primary contact when they have an email address and have not unsubscribed. ' +
      'It stays open for `respondWithinDays` of /settings/check-ins and closes early once both have answered. ' +
      'Staff asking on purpose may ask a partner however new (the `firstAfterDays` wait is for rounds that pick the partners themselves). ' +
      '409 when one is already open; 422 when the partnership has ended or there is nobody to ask.',
  })
  @ApiCreatedResponse({ type: CheckInResponseDto })
  @ApiProblems(404, 409, 422)
  async start(@OrgId() id: string, @CurrentUser() actor: AuthUser): Promise<CheckInResponseDto> {
    return this.respond(await this.checkIns.start(id, actor), actor);
  }

  @Post('check-ins/rounds')
  @HttpCode(200)
  @RequirePermission('checkIn.round')
  @ApiOperation({
    summary: 'Send a check-in round',
    description:
      'Without `organizationIds`: every active organization with no open check-in, none opened within `intervalMonths` of /settings/check-ins, ' +
      'and active for at least `firstAfterDays` since it last became active (what the daily job does when `automatic` is on); ' +
      'those too new are listed as skipped `too-new`, those not due because of their last check-in only counted (`notDue`). ' +
      'With them (up to 1000): those organizations, whatever their last check-in and however new (a manager naming them asks on purpose). ' +
      'Answers, per organization, which started with how many survey emails queued and which side was not asked and why, and which were skipped and why.',
  })
  @ApiOkResponse({ type: RoundResultDto })
  @ApiProblems(400)
  async round(@Body() dto: StartRoundDto, @CurrentUser() actor: AuthUser): Promise<RoundResultDto> {
    return toRoundResult(await this.checkIns.startRound(dto.organizationIds, actor));
  }

  @Get('check-ins/:id')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'One partnership check-in with its averages', description: SHAPE })
  @ApiOkResponse({ type: CheckInResponseDto })
  @ApiProblems(404)
  async get(@CheckInId() id: string, @CurrentUser() user: AuthUser): Promise<CheckInResponseDto> {
    return this.respond(await this.checkIns.get(id), user);
  }

  @Post('check-ins/:id/close')
  @HttpCode(200)
  @RequirePermission('checkIn.send')
  @ApiOperation({
    summary: 'Close a check-in before its deadline',
    description:
      'No more answers are taken; unsent emails are skipped; each area whose average is a concern becomes a follow-up task for the owner. 409 when already closed.',
  })
  @ApiOkResponse({ type: CheckInResponseDto })
  @ApiProblems(404, 409)
  async close(@CheckInId() id: string, @CurrentUser() actor: AuthUser): Promise<CheckInResponseDto> {
    return this.respond(await this.checkIns.close(id, actor), actor);
  }

  /** A check-in with the state of each respondent's survey email. */
  private async respond(view: CheckInView, user: AuthUser): Promise<CheckInResponseDto> {
    return toCheckInResponse(view, user, await this.checkIns.emails([view]));
  }
}
