import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import {
  CreateFeedbackDto,
  FeedbackPageDto,
  FeedbackResponseDto,
  ListFeedbackQueryDto,
  UpdateFeedbackDto,
} from './dto/feedback.dto';
import { toFeedbackResponse } from './feedback.mapper';
import { FeedbackService } from './feedback.service';

const FeedbackId = () => Param('id', new ParseIdPipe('feedback'));

@ApiTags('feedback')
@Controller('feedback')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get()
  @RequirePermission('directory.read')
  @ApiOperation({
    summary: 'Feedback, newest first',
    description: '`needsAction=true` lists feedback nobody has recorded an action for yet (closing the loop).',
  })
  @ApiOkResponse({ type: FeedbackPageDto })
  @ApiProblems(400)
  async list(@Query() query: ListFeedbackQueryDto): Promise<FeedbackPageDto> {
    const page = await this.feedback.list(query);
    return { data: page.data.map(toFeedbackResponse), meta: page.meta };
  }

  @Post()
  @RequirePermission('outreach.write')
  @ApiOperation({
    summary: 'Record feedback from a partner, a young person or staff',
    description:
      'Referenced organization, program and session must exist (400 naming the field). A session must belong to `programId`; ' +
      'without `programId` the session’s program is filled in. It shows on the timeline of its organization and of every partner of its program.',
  })
  @ApiCreatedResponse({ type: FeedbackResponseDto })
  @ApiProblems(400)
  async create(@Body() dto: CreateFeedbackDto, @CurrentUser() actor: AuthUser): Promise<FeedbackResponseDto> {
    return toFeedbackResponse(await this.feedback.recordFeedback(dto, actor));
  }

  @Get(':id')
  @RequirePermission('directory.read')
  @ApiOperation({ summary: 'One piece of feedback' })
  @ApiOkResponse({ type: FeedbackResponseDto })
  @ApiProblems(404)
  async get(@FeedbackId() id: string): Promise<FeedbackResponseDto> {
    return toFeedbackResponse(await this.feedback.get(id));
  }

  @Patch(':id')
  @RequirePermission('outreach.write')
  @ApiOperation({
    summary: 'Edit feedback, e.g. record the action taken (needs the current version)',
    description:
      'A stale version answers 409 with `currentVersion` and changes nothing. A new `sessionId` without `programId` brings its program.',
  })
  @ApiOkResponse({ type: FeedbackResponseDto })
  @ApiProblems(400, 404, 409)
  async update(
    @FeedbackId() id: string,
    @Body() dto: UpdateFeedbackDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<FeedbackResponseDto> {
    return toFeedbackResponse(await this.feedback.update(id, dto, actor));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('outreach.write')
  @ApiOperation({ summary: 'Delete feedback' })
  @ApiNoContentResponse()
  @ApiProblems(404)
  async remove(@FeedbackId() id: string, @CurrentUser() actor: AuthUser): Promise<void> {
    await this.feedback.remove(id, actor);
  }
}
