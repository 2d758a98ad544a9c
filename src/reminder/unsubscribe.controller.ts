import { Controller, Get, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import {
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HTML_CONTENT, sendPublicPage } from '../common/public/public-page';
import { PublicPageFilter } from '../common/public/public-page.filter';
import { publicLocale } from '../common/public/public-locale';
import { PublicLink } from '../common/public/public-request';
import { PublicPageLibraryGuard } from '../library/public-page-library.guard';
import { renderUnsubscribeConfirm, renderUnsubscribed, UNSUBSCRIBE_PAGES } from './unsubscribe-page';
import { UnsubscribeGuard } from './unsubscribe.guard';
import { UnsubscribeService } from './unsubscribe.service';

/**
 * The unsubscribe link of emails to partner contacts, served outside /api/v1 (see app.setup.ts).
 * GET only shows a page with one button and changes nothing: mail scanners open links. POST
 * unsubscribes — that button (a plain form post) or RFC 8058 one-click from mail clients
 * (List-Unsubscribe-Post), which post the same body to the same URL. Idempotent, CSRF-free (the
 * token is the credential) and rate-limited like the other public pages. The token is never logged.
 */
@ApiTags('reminders')
@Controller('unsubscribe')
@UseGuards(PublicPageLibraryGuard)
@UseFilters(new PublicPageFilter(UNSUBSCRIBE_PAGES))
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Get(':token')
  @Public()
  @ApiOperation({
    summary: 'The unsubscribe page of a partner contact’s emails (HTML, outside /api/v1)',
    description:
      'The link in reminder and check-in emails, in the contact’s language (`?lang=` if offered, else the contact’s, else Accept-Language, else the library’s default). Shows one button (a form that posts to POST /unsubscribe/{token}) and changes nothing, ' +
      'since mail scanners follow links. An already unsubscribed contact is told so; an unknown or forged token, or an erased contact, gets a 404 page.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page with the button (or “already unsubscribed”).', content: HTML_CONTENT })
  @ApiNotFoundResponse({ description: 'Unknown token or erased contact (an HTML page).', content: HTML_CONTENT })
  async page(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { state, language } = await this.unsubscribes.state(token);
    const locale = publicLocale(req, language);
    sendPublicPage(
      res,
      200,
      state === 'already' ? renderUnsubscribed(true, locale) : renderUnsubscribeConfirm(token, locale),
    );
  }

  @Post(':token')
  @Public()
  @UseGuards(UnsubscribeGuard)
  // The guard reads the token; the handler takes what it resolved to.
  @ApiParam({ name: 'token', type: String })
  @ApiOperation({
    summary: 'Unsubscribe a partner contact: the page’s button, or RFC 8058 one-click',
    description:
      'What the List-Unsubscribe header points at, with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`: mail clients post ' +
      '`List-Unsubscribe=One-Click` (form-encoded), and so does the page’s button; the body is not needed. After it the contact’s ' +
      'scheduled and future emails are skipped. Idempotent: a repeat answers 200 “already unsubscribed”. Answers an HTML page. ' +
      'Limited per client IP per hour (PUBLIC_FEEDBACK_PER_IP_PER_HOUR) and per link: 429 with Retry-After.',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'Unsubscribed (or already): a confirmation page.', content: HTML_CONTENT })
  @ApiNotFoundResponse({ description: 'Unknown token or erased contact (an HTML page).', content: HTML_CONTENT })
  @ApiTooManyRequestsResponse({
    description: 'Too many posts from this address or to this link; see Retry-After (an HTML page).',
    content: HTML_CONTENT,
  })
  // No body: RFC 8058's `List-Unsubscribe=One-Click` says nothing the route does not know, and
  // mail clients differ in what else they send.
  async unsubscribe(@PublicLink() contactId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const outcome = await this.unsubscribes.unsubscribe(contactId);
    const locale = publicLocale(req, await this.unsubscribes.languageOf(contactId));
    sendPublicPage(res, 200, renderUnsubscribed(outcome === 'already', locale));
  }
}
