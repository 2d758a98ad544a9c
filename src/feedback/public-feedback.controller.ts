import { Body, Controller, Get, Logger, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../common/decorators/auth.decorators';
import { HTML_CONTENT, sendPublicPage } from '../common/public-page';
import { ValidationFailedError } from '../common/errors/domain-error';
import { ApiProblems, PROBLEM_SCHEMA_REF } from '../common/openapi/problem.schema';
import { PublicFeedbackCreatedDto, PublicFeedbackDto } from './dto/feedback.dto';
import { FeedbackLinkService } from './feedback-link.service';
import { FeedbackLinkNotFoundError, TooManyFeedbackSubmissionsError } from './feedback.errors';
import { FeedbackService } from './feedback.service';
import { parsePublicFeedback } from './public-feedback-form';
import { renderFeedbackForm, renderLinkNotFound, renderThanks, renderTooMany } from './public-feedback-page';
import { PublicFeedbackRateLimiter } from './public-feedback-rate-limiter.service';

/** The path of the public form page, served outside the /api/v1 prefix (see app.setup.ts). */
export const PUBLIC_FEEDBACK_PAGE_PATH = 'feedback/:token';

/**
 * The anonymous feedback path for youth and partner staff without an account: a form page
 * that works without JavaScript and the endpoint it (or any client) posts to. The token and
 * what people wrote are never logged; the link id is.
 */
@ApiTags('feedback')
@ApiExtraModels(PublicFeedbackCreatedDto)
@Controller()
export class PublicFeedbackController {
  private readonly logger = new Logger(PublicFeedbackController.name);

  constructor(
    private readonly links: FeedbackLinkService,
    private readonly feedback: FeedbackService,
    private readonly limiter: PublicFeedbackRateLimiter,
  ) {}

  @Get(PUBLIC_FEEDBACK_PAGE_PATH)
  @Public()
  @ApiOperation({
    summary: 'The anonymous feedback form of a link (HTML, outside /api/v1)',
    description:
      'A small accessible page; it posts `application/x-www-form-urlencoded` to POST /api/v1/public/feedback/{token}. An unknown or revoked token gets an HTML 404 page.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The form.', content: HTML_CONTENT })
  @ApiNotFoundResponse({ description: 'Unknown or revoked link (an HTML page).', content: HTML_CONTENT })
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    try {
      const { program } = await this.links.resolve(token);
      sendPublicPage(res, 200, renderFeedbackForm({ programName: program.name, token }));
    } catch (error) {
      if (error instanceof FeedbackLinkNotFoundError) return sendPublicPage(res, 404, renderLinkNotFound());
      throw error;
    }
  }

  @Post('public/feedback/:token')
  @Public()
  @ApiOperation({
    summary: 'Give anonymous feedback through a link',
    description: `JSON \`{rating, outcomes?, worked?, didntWork?, suggestions?}\` answers 201 \`{id}\`; unknown fields are 400 and store nothing. \
Stored as source \`youth\` on the link's program. The HTML form posts the same as flat urlencoded fields (\`rating\`, \`outcomeKnowledge\`, \
\`outcomeConfidence\`, \`outcomeApplication\`, \`outcomeAwareness\`, \`worked\`, \`didntWork\`, \`suggestions\`); a form post (or \`Accept: text/html\`) \
is answered with HTML: 201 with a thank-you page (no redirect), 400 with the form again and the errors in plain words, 404 and 429 as pages. \
Limited per client IP per hour and per link per day (PUBLIC_FEEDBACK_PER_IP_PER_HOUR, PUBLIC_FEEDBACK_PER_LINK_PER_DAY): 429 with Retry-After.`,
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({ type: PublicFeedbackDto })
  @ApiCreatedResponse({
    description: 'Stored. JSON `{id}`, or the thank-you page for a form post.',
    content: { 'application/json': { schema: { $ref: getSchemaPath(PublicFeedbackCreatedDto) } }, ...HTML_CONTENT },
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many submissions from this address or through this link; see Retry-After.',
    content: { 'application/problem+json': { schema: PROBLEM_SCHEMA_REF } },
  })
  @ApiProblems(400, 404)
  async submit(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const isForm = typeof req.is('application/x-www-form-urlencoded') === 'string';
    const wantsHtml = isForm || req.accepts(['application/json', 'text/html']) === 'text/html';
    try {
      await this.limiter.consumeIp(req.ip ?? 'unknown');
      const { link, program } = await this.links.resolve(token);
      await this.limiter.consumeLink(link.id);
      const parsed = await parsePublicFeedback(body, isForm);
      if ('errors' in parsed) {
        this.logger.log(
          { feedbackLinkId: link.id, fields: parsed.errors.map((e) => e.field) },
          'public feedback refused',
        );
        if (!wantsHtml) throw new ValidationFailedError(parsed.errors);
        return sendPublicPage(
          res,
          400,
          renderFeedbackForm({ programName: program.name, token, values: parsed.values, errors: parsed.errors }),
        );
      }
      const saved = await this.feedback.recordPublicFeedback(link, parsed.dto);
      if (wantsHtml) return sendPublicPage(res, 201, renderThanks(program.name));
      const created: PublicFeedbackCreatedDto = { id: saved.id };
      res.status(201).json(created);
    } catch (error) {
      if (wantsHtml && error instanceof FeedbackLinkNotFoundError)
        return sendPublicPage(res, 404, renderLinkNotFound());
      if (wantsHtml && error instanceof TooManyFeedbackSubmissionsError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
        return sendPublicPage(res, 429, renderTooMany(error.retryAfterSeconds));
      }
      throw error;
    }
  }
}
