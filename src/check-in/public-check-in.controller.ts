import { Body, Controller, Get, Logger, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiGoneResponse,
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
import { formatDay } from '../mail/templates/check-in.template';
import {
  CheckInAlreadyAnsweredError,
  CheckInClosedError,
  CheckInLinkNotFoundError,
  TooManyCheckInSubmissionsError,
} from './check-in.errors';
import { CheckInRateLimiter } from './check-in-rate-limiter.service';
import { CheckInAnsweredDto, SubmitCheckInAnswersDto } from './dto/check-in.dto';
import { parseCheckInSubmission } from './public-check-in-form';
import {
  renderCheckInAlreadyAnswered,
  renderCheckInClosed,
  renderCheckInForm,
  renderCheckInLinkNotFound,
  renderCheckInThanks,
  renderCheckInTooMany,
} from './public-check-in-page';
import { OpenedSurvey, PublicCheckInService } from './public-check-in.service';

/** The path of the survey page, served outside the /api/v1 prefix (see app.setup.ts). */
export const PUBLIC_CHECK_IN_PAGE_PATH = 'check-in/:token';

const PROBLEM = { 'application/problem+json': { schema: PROBLEM_SCHEMA_REF } };

function formView(survey: OpenedSurvey, token: string) {
  return {
    organizationName: survey.organizationName,
    token,
    respondent: survey.respondent,
    closesOn: formatDay(survey.closesAt, survey.zone),
  };
}

/**
 * Answering a partnership check-in without an account: the survey page (works without
 * JavaScript) and the endpoint it, or any client, posts to. The token and the answers are never
 * logged; the response id is.
 */
@ApiTags('check-ins')
@ApiExtraModels(CheckInAnsweredDto)
@Controller()
export class PublicCheckInController {
  private readonly logger = new Logger(PublicCheckInController.name);

  constructor(
    private readonly surveys: PublicCheckInService,
    private readonly limiter: CheckInRateLimiter,
  ) {}

  @Get(PUBLIC_CHECK_IN_PAGE_PATH)
  @Public()
  @ApiOperation({
    summary: 'The check-in survey of one respondent (HTML, outside /api/v1)',
    description:
      'The link in a check-in email. An accessible form (statements grouped by area, 1–5 or not sure, an optional comment) that posts ' +
      '`application/x-www-form-urlencoded` to POST /api/v1/public/check-ins/{token}. Unknown or forged token: 404 page; already answered: 409 page; closed: 410 page.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The form.', content: HTML_CONTENT })
  @ApiNotFoundResponse({ description: 'Unknown or forged link (an HTML page).', content: HTML_CONTENT })
  @ApiGoneResponse({ description: 'The check-in has closed (an HTML page).', content: HTML_CONTENT })
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    let survey: OpenedSurvey;
    try {
      survey = await this.surveys.open(token);
    } catch (error) {
      if (error instanceof CheckInLinkNotFoundError) return sendPublicPage(res, 404, renderCheckInLinkNotFound());
      throw error;
    }
    if (survey.state === 'answered') return sendPublicPage(res, 409, renderCheckInAlreadyAnswered());
    if (survey.state === 'closed') return sendPublicPage(res, 410, renderCheckInClosed());
    sendPublicPage(res, 200, renderCheckInForm(formView(survey, token)));
  }

  @Post('public/check-ins/:token')
  @Public()
  @ApiOperation({
    summary: 'Answer a check-in through its emailed link',
    description: `JSON \`{answers: {<statement id>: 1–5 or null}, comment?}\` answers 201 \`{answeredAt}\`. The HTML form posts the same as flat urlencoded \
fields (one per statement id, "" for not sure, and \`comment\`); a form post (or \`Accept: text/html\`) is answered with HTML: 201 a thank-you page, 400 the form \
again with the errors in plain words, 404/409/410/429 as pages. Unknown or forged token 404; this person already answered 409; the check-in is closed 410; \
invalid answers (a value outside 1–5, an unknown statement, an unknown field, a comment over 2000 characters) 400, storing nothing. \
When the last respondent answers, the check-in closes. Limited per client IP per hour (PUBLIC_FEEDBACK_PER_IP_PER_HOUR) and per link: 429 with Retry-After.`,
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiBody({ type: SubmitCheckInAnswersDto })
  @ApiCreatedResponse({
    description: 'Stored. JSON `{answeredAt}`, or the thank-you page for a form post.',
    content: { 'application/json': { schema: { $ref: getSchemaPath(CheckInAnsweredDto) } }, ...HTML_CONTENT },
  })
  @ApiGoneResponse({ description: 'The check-in has closed.', content: PROBLEM })
  @ApiTooManyRequestsResponse({
    description: 'Too many posts from this address or to this link; see Retry-After.',
    content: PROBLEM,
  })
  @ApiProblems(400, 404, 409)
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
      const survey = await this.surveys.open(token);
      await this.limiter.consumeResponse(survey.responseId);
      this.surveys.assertOpen(survey);
      const parsed = await parseCheckInSubmission(body, isForm);
      if ('errors' in parsed) {
        this.logger.log(
          { checkInResponseId: survey.responseId, fields: parsed.errors.map((e) => e.field.slice(0, 60)) },
          'check-in answers refused',
        );
        if (!wantsHtml) throw new ValidationFailedError(parsed.errors);
        return sendPublicPage(
          res,
          400,
          renderCheckInForm({ ...formView(survey, token), values: parsed.values, errors: parsed.errors }),
        );
      }
      const { answeredAt } = await this.surveys.answer(survey, parsed.answers, parsed.comment);
      if (wantsHtml) return sendPublicPage(res, 201, renderCheckInThanks(survey.organizationName));
      const created: CheckInAnsweredDto = { answeredAt: answeredAt.toISOString() };
      res.status(201).json(created);
    } catch (error) {
      if (wantsHtml) {
        if (error instanceof CheckInLinkNotFoundError) return sendPublicPage(res, 404, renderCheckInLinkNotFound());
        if (error instanceof CheckInAlreadyAnsweredError)
          return sendPublicPage(res, 409, renderCheckInAlreadyAnswered());
        if (error instanceof CheckInClosedError) return sendPublicPage(res, 410, renderCheckInClosed());
        if (error instanceof TooManyCheckInSubmissionsError) {
          res.setHeader('Retry-After', String(error.retryAfterSeconds));
          return sendPublicPage(res, 429, renderCheckInTooMany(error.retryAfterSeconds));
        }
      }
      throw error;
    }
  }
}
