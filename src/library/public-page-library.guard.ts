import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { setPublicPageLibrary } from '../common/public/public-locale';
import { LibrarySettingsService } from './library-settings.service';

/**
 * Loads the library's settings (name, time zone, languages) for a public page or post, before the
 * route's own guards run, so every answer of the surface — the page, a 404 of its link, a 429 —
 * speaks in the visitor's language for this library (see publicLocale). Put on the controller
 * (`@UseGuards(PublicPageLibraryGuard)`); always lets the request through.
 */
@Injectable()
export class PublicPageLibraryGuard implements CanActivate {
  constructor(private readonly library: LibrarySettingsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { settings } = await this.library.current();
    setPublicPageLibrary(context.switchToHttp().getRequest<Request>(), settings);
    return true;
  }
}
