import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
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
import { ApiProblems, PROBLEM_SCHEMA_REF } from '../common/openapi/problem.schema';
import { PublicBodyInterceptor } from '../common/public/public-body.interceptor';
import { HTML_CONTENT, sendPublicPage } from '../common/public/public-page';
import { PublicPageFilter } from '../common/public/public-page.filter';
import { publicLocale } from '../common/public/public-locale';
import { PublicLink, sendCreated } from '../common/public/public-request';
import { PublicPageLibraryGuard } from '../library/public-page-library.guard';
import { PublicFeedbackCreatedDto, PublicFeedbackDto } from './dto/feedback.dto';
import { FeedbackLinkService } from './feedback-link.service';
import { PublicFeedbackIntake } from './public-feedback-intake';
import { formToPublicFeedback } from './public-feedback-form';
import { FEEDBACK_PAGES, renderFeedbackForm, renderThanks } from './public-feedback-page';
import { PublicFeedbackGuard, ResolvedFeedbackLink } from './public-feedback.guard';

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
@UseGuards(PublicPageLibraryGuard)
@UseFilters(new PublicPageFilter(FEEDBACK_PAGES))
export class PublicFeedbackController {
  constructor(
    private readonly links: FeedbackLinkService,
    private readonly intake: PublicFeedbackIntake,
  ) {}

  @Get(PUBLIC_FEEDBACK_PAGE_PATH)
  @Public()
  @ApiOperation({
    summary: 'The anonymous feedback form of a link (HTML, outside /api/v1)',
    description:
      'A small accessible page in the visitor’s language: `?lang=` if the library offers it, else the program’s language, else the best match of Accept-Language, else the library’s default; `<html lang>` says which, and the page links to its other languages. ' +
      'It posts `application/x-www-form-urlencoded` to POST /api/v1/public/feedback/{token}, with the page’s `language`. An unknown or revoked token gets an HTML 404 page.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The form.', content: HTML_CONTENT })
  @ApiNotFoundResponse({ description: 'Unknown or revoked link (an HTML page).', content: HTML_CONTENT })
  async page(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { program } = await this.links.resolve(token);
    const locale = publicLocale(req, program.language);
    sendPublicPage(res, 200, renderFeedbackForm({ locale, programName: program.name, token, languageLinks: true }));
  }

  @Post('public/feedback/:token')
  @Public()
  @UseGuards(PublicFeedbackGuard)
  // The guard reads the token; the handler takes what it resolved to.
  @ApiParam({ name: 'token', type: String })
  @UseInterceptors(new PublicBodyInterceptor(formToPublicFeedback))
  @ApiOperation({
    summary: 'Give anonymous feedback through a link',
    description: `JSON \`{rating, outcomes?, worked?, didntWork?, suggestions?, language?, website?, submissionKey?}\` answers 201 \`{id}\`; unknown fields are 400 and store nothing. \
Stored as source \`youth\` on the link's program, with \`language\` (the page's; one the library offers, else 400; left out: not known). The HTML form posts the same as flat urlencoded fields (\`rating\`, \`outcomeKnowledge\`, \
\`outcomeConfidence\`, \`outcomeApplication\`, \`outcomeAwareness\`, \`worked\`, \`didntWork\`, \`suggestions\`, \`language\`, \`website\`, \`submissionKey\`); a form post (or \`Accept: text/html\`) \
is answered with HTML: 201 with a thank-you page (no redirect), 400 with the form again and the errors in plain words, 404 and 429 as pages. \
A filled \`website\` (a honeypot the form hides from people) is answered 201 and stores nothing; the same answers sent again within 10 seconds \
(same link, same \`submissionKey\`, or same address without one) answer with the first one's id and store nothing new. \
Limited so a room on one Wi-Fi can all answer: per client IP and link per 10 minutes (default 60), per client IP across links per hour (120), \
per link per hour (200) (PUBLIC_FEEDBACK_PER_IP_AND_LINK_PER_10_MINUTES, PUBLIC_FEEDBACK_PER_IP_ACROSS_LINKS_PER_HOUR, PUBLIC_FEEDBACK_PER_LINK_PER_HOUR): \
429 with Retry-After.`,
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
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
    @PublicLink() { link, program }: ResolvedFeedbackLink,
    @Body() body: PublicFeedbackDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const id = await this.intake.receive(link, body, req.ip ?? 'unknown');
    const created: PublicFeedbackCreatedDto = { id };
    sendCreated(req, res, created, () => renderThanks(program.name, publicLocale(req, program.language)));
  }
}
