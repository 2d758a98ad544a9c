import { Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { PaginationQueryDto } from '../common/dto/pagination.dto';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { FeedbackLinkCreatedDto, FeedbackLinkPageDto } from './dto/feedback.dto';
import { FeedbackLinkService } from './feedback-link.service';
import { toFeedbackLinkResponse } from './feedback.mapper';

const ProgramId = () => Param('id', new ParseIdPipe('program'));

/** A program's public feedback links (the program routes themselves live in src/program/). */
@ApiTags('feedback')
@Controller('programs')
export class FeedbackLinkController {
  constructor(private readonly links: FeedbackLinkService) {}

  @Post(':id/feedback-link')
  @RequirePermission('outreach.write')
  @ApiOperation({
    summary: 'Make a public, anonymous feedback link for a program',
    description:
      'The answer holds the token and the page’s `url` (`/feedback/<token>`, e.g. for a QR code). They are shown only now: ' +
      'only a hash of the token is kept. Anyone with the link can give feedback (stored as source `youth`) until it is revoked.',
  })
  @ApiCreatedResponse({ type: FeedbackLinkCreatedDto })
  @ApiProblems(404)
  async create(@ProgramId() programId: string, @CurrentUser() actor: AuthUser): Promise<FeedbackLinkCreatedDto> {
    const { link, token, url } = await this.links.createLink(programId, actor);
    return { ...toFeedbackLinkResponse(link), token, url };
  }

  @Get(':id/feedback-links')
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'A program’s feedback links, newest first (never their tokens)' })
  @ApiOkResponse({ type: FeedbackLinkPageDto })
  @ApiProblems(400, 404)
  async list(@ProgramId() programId: string, @Query() page: PaginationQueryDto): Promise<FeedbackLinkPageDto> {
    const result = await this.links.listLinks(programId, page.limit, page.offset);
    return { data: result.data.map(toFeedbackLinkResponse), meta: result.meta };
  }

  @Delete(':id/feedback-links/:linkId')
  @HttpCode(204)
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'Revoke a feedback link: its page and submissions answer 404 from now on' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async revoke(
    @ProgramId() programId: string,
    @Param('linkId', new ParseIdPipe('feedback link')) linkId: string,
    @CurrentUser() actor: AuthUser,
  ): Promise<void> {
    await this.links.revokeLink(programId, linkId, actor);
  }
}
