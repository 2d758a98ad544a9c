import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ValidationFailedError } from '../common/errors/domain-error';
import { ApiProblems, PROBLEM_SCHEMA_REF } from '../common/openapi/problem.schema';
import { PublicBodyInterceptor } from '../common/public/public-body.interceptor';
import { HTML_CONTENT, sendPublicPage } from '../common/public/public-page';
import { PublicPageFilter } from '../common/public/public-page.filter';
import { publicLocale } from '../common/public/public-locale';
import { PublicLink, sendCreated, setPublicLink } from '../common/public/public-request';
import { PublicPageLibraryGuard } from '../library/public-page-library.guard';
import { validateAnswers } from './check-in-survey';
import { CheckInAnsweredDto, SubmitCheckInAnswersDto } from './dto/check-in.dto';
import { formToCheckInAnswers } from './public-check-in-form';
import { CHECK_IN_PAGES, checkInFormView, renderCheckInForm, renderCheckInThanks } from './public-check-in-page';
import { PublicCheckInGuard } from './public-check-in.guard';
import { OpenedSurvey, PublicCheckInService } from './public-check-in.service';

/** The path of the survey page, served outside the /api/v1 prefix (see app.setup.ts). */
export const PUBLIC_CHECK_IN_PAGE_PATH = 'check-in/:token';

const PROBLEM = { 'application/problem+json': { schema: PROBLEM_SCHEMA_REF } };

/**
 * Answering a partnership check-in without an account: the survey page (works without
 * JavaScript) and the endpoint it, or any client, posts to. The token and the answers are never
 * logged; the response id is.
 */
@ApiTags('check-ins')
@ApiExtraModels(CheckInAnsweredDto)
@Controller()
@UseGuards(PublicPageLibraryGuard)
@UseFilters(new PublicPageFilter(CHECK_IN_PAGES))
export class PublicCheckInController {
  constructor(private readonly surveys: PublicCheckInService) {}

  @Get(PUBLIC_CHECK_IN_PAGE_PATH)
  @Public()
  @ApiOperation({
    summary: 'The check-in survey of one respondent (HTML, outside /api/v1)',
    description:
      'The link in a check-in email, in the respondent’s language (`?lang=` if offered, else the partner contact’s language, else Accept-Language, else the library’s default). An accessible form (statements grouped by area, 1–5 or not sure, an optional comment) that posts ' +
      '`application/x-www-form-urlencoded` to POST /api/v1/public/check-ins/{token}. Unknown or forged token: 404 page; already answered: 409 page; closed: 410 page.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The form.', content: HTML_CONTENT })
  @ApiNotFoundResponse({ description: 'Unknown or forged link (an HTML page).', content: HTML_CONTENT })
  @ApiGoneResponse({ description: 'The check-in has closed (an HTML page).', content: HTML_CONTENT })
  async page(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const survey = await this.surveys.open(token);
    // A 409/410 page speaks the contact's language too (PublicPageFilter reads the link).
    setPublicLink(req, survey, survey.responseId);
    this.surveys.assertOpen(survey);
    const locale = publicLocale(req, survey.language);
    sendPublicPage(res, 200, renderCheckInForm({ ...checkInFormView(survey, token, locale), languageLinks: true }));
  }

  @Post('public/check-ins/:token')
  @Public()
  @UseGuards(PublicCheckInGuard)
  // The guard reads the token; the handler takes what it resolved to.
  @ApiParam({ name: 'token', type: String })
  @UseInterceptors(new PublicBodyInterceptor(formToCheckInAnswers))
  @ApiOperation({
    summary: 'Answer a check-in through its emailed link',
    description: `JSON \`{answers: {<statement id>: 1–5 or null}, comment?}\` answers 201 \`{answeredAt}\`. The HTML form posts the same as flat urlencoded \
fields (one per statement id, "" for not sure, and \`comment\`); a form post (or \`Accept: text/html\`) is answered with HTML: 201 a thank-you page, 400 the form \
again with the errors in plain words, 404/409/410/429 as pages. Unknown or forged token 404; this person already answered 409; the check-in is closed 410; \
invalid answers (a value outside 1–5, an unknown statement, an unknown field, a comment over 2000 characters) 400, storing nothing. \
When the last respondent answers, the check-in closes. Limited per client IP per hour (PUBLIC_FEEDBACK_PER_IP_PER_HOUR) and per link: 429 with Retry-After.`,
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
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
    @PublicLink() survey: OpenedSurvey,
    @Body() body: SubmitCheckInAnswersDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    // The shape was the DTO's; which statements and values the survey takes is its own rule.
    const checked = validateAnswers(body.answers);
    if ('errors' in checked) throw new ValidationFailedError(checked.errors);
    const { answeredAt } = await this.surveys.answer(survey, checked.answers, body.comment ?? null);
    const created: CheckInAnsweredDto = { answeredAt: answeredAt.toISOString() };
    sendCreated(req, res, created, () =>
      renderCheckInThanks(survey.organizationName, publicLocale(req, survey.language)),
    );
  }
}
