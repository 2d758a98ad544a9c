import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, FieldError, TooManyRequestsError, ValidationFailedError } from '../errors/domain-error';
import { ProblemDetailsFilter, statusOf } from '../filters/problem-details.filter';
import { renderTryAgainLater, sendPublicPage } from './public-page';
import { PublicLocale, publicLocale } from './public-locale';
import { postedBodyOf, publicLinkOf, wantsHtml } from './public-request';

/** A form posted to a public surface, to show again with its errors. */
export interface PostedForm<T> {
  /** What the route's PublicLinkGuard resolved the token to. */
  link: T;
  token: string;
  /** As posted: a form's flat fields, or the JSON of a client that asked for HTML. */
  body: unknown;
  isForm: boolean;
}

/** How one public surface answers browsers. */
export interface PublicPages<T = unknown> {
  /** For the log: "public feedback", "check-in answers". */
  name: string;
  /** Pages for every client, not only browsers: the unsubscribe link, which mail clients post to as well. */
  alwaysHtml?: boolean;
  /** The language of what a resolved link is about (the program's, the contact's), which its pages speak. */
  preferredLanguage?(link: T): string | null;
  /** The page of a domain error of this surface (link not found, closed …); undefined for problem details. */
  errorPage(error: DomainError, locale: PublicLocale): string | undefined;
  /** The form again, with the answers as posted and the errors in plain words. */
  formPage?(posted: PostedForm<T>, errors: readonly FieldError[], locale: PublicLocale): string;
}

/**
 * The one way a public surface answers errors (`@UseFilters(new PublicPageFilter(PAGES))` on its
 * controller): browsers (pages, form posts, `Accept: text/html`) get the surface's page with the
 * status the problem details would have — a bad post the form again with its errors, a 429 the
 * shared "try again later" page with Retry-After — and every other client, or an error without
 * a page (a 500, a database outage), the problem details of the global ProblemDetailsFilter.
 */
@Catch()
export class PublicPageFilter implements ExceptionFilter {
  private readonly logger = new Logger(PublicPageFilter.name);
  private readonly problems = new ProblemDetailsFilter();

  constructor(private readonly pages: PublicPages<never>) {}

  catch(thrown: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (thrown instanceof ValidationFailedError) this.logRefused(request, thrown.errors);
    if (thrown instanceof DomainError && !response.headersSent && (this.pages.alwaysHtml || wantsHtml(request))) {
      const page = this.pageOf(thrown, request);
      if (page !== undefined) {
        for (const [name, value] of Object.entries(thrown.headers)) response.setHeader(name, value);
        return sendPublicPage(response, statusOf(thrown), page);
      }
    }
    this.problems.catch(thrown, host);
  }

  private pageOf(error: DomainError, request: Request): string | undefined {
    const link = publicLinkOf(request);
    const locale = publicLocale(request, link ? this.pages.preferredLanguage?.(link.value as never) : null);
    if (error instanceof TooManyRequestsError) return renderTryAgainLater(error.retryAfterSeconds, locale);
    if (error instanceof ValidationFailedError) {
      const posted = postedBodyOf(request);
      if (!this.pages.formPage || !link || !posted) return undefined;
      return this.pages.formPage(
        { link: link.value as never, token: String(request.params.token), ...posted },
        error.errors,
        locale,
      );
    }
    return this.pages.errorPage(error, locale);
  }

  /** Which fields a refused post got wrong, by the id of its link: never the token or what was written. */
  private logRefused(request: Request, errors: readonly FieldError[]): void {
    this.logger.log(
      {
        surface: this.pages.name,
        linkId: publicLinkOf(request)?.id,
        fields: errors.map((error) => error.field.slice(0, 60)),
      },
      'public post refused',
    );
  }
}
