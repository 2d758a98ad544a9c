import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/decorators/auth.decorators';
import { renderUnsubscribed, renderUnsubscribeNotFound } from './unsubscribe-page';
import { UnsubscribeService } from './unsubscribe.service';

const HTML = { 'text/html': { schema: { type: 'string' } } };

/**
 * The unsubscribe link of reminder emails to partner contacts, served outside /api/v1 (see
 * app.setup.ts). GET is the link people click (one click, no form); POST is RFC 8058 one-click
 * from mail clients (List-Unsubscribe-Post). Both are idempotent. The token is never logged.
 */
@ApiTags('reminders')
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribes: UnsubscribeService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'Unsubscribe a partner contact from reminder emails (HTML page, outside /api/v1)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'Unsubscribed (or already).', content: HTML })
  @ApiNotFoundResponse({ description: 'Unknown token or erased contact (an HTML page).', content: HTML })
  async page(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const outcome = await this.unsubscribes.unsubscribe(token);
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' }).type('html');
    if (outcome === 'unknown') res.status(404).send(renderUnsubscribeNotFound());
    else res.status(200).send(renderUnsubscribed(outcome === 'already'));
  }

  @Post(':token')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'RFC 8058 one-click unsubscribe (what mail clients post to List-Unsubscribe)' })
  @ApiOkResponse({ description: 'Unsubscribed (or already).' })
  @ApiNotFoundResponse({ description: 'Unknown token or erased contact.' })
  async oneClick(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const outcome = await this.unsubscribes.unsubscribe(token);
    res.set('Cache-Control', 'no-store').type('text/plain');
    if (outcome === 'unknown') res.status(404).send('Unknown unsubscribe link.');
    else res.status(200).send('Unsubscribed.');
  }
}
