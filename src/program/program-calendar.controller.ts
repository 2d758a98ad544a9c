import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import type { ResourceKeyGrant } from '../auth/resource-key';
import { AllowResourceKey, CurrentResourceKey, CurrentUser, RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { CalendarLinkService, CalendarLinkView } from './calendar-link.service';
import { CalendarLinkDto, CurrentCalendarLinkDto } from './dto/calendar-link.dto';
import { ProgramCalendarService } from './program-calendar.service';

const ProgramId = () => Param('id', new ParseIdPipe('program'));

const toLinkResponse = (link: CalendarLinkView): CalendarLinkDto => ({
  url: link.url,
  createdAt: link.createdAt.toISOString(),
});

@ApiTags('programs')
@Controller('programs')
export class ProgramCalendarController {
  constructor(
    private readonly calendar: ProgramCalendarService,
    private readonly links: CalendarLinkService,
  ) {}

  @Get(':id/calendar.ics')
  @RequirePermission('directory.read')
  @AllowResourceKey('calendar-link:v1')
  @ApiOperation({
    summary: "iCalendar feed of the program's sessions",
    description:
      'RFC 5545, one event per session from a year back through the scheduled window ahead; cancelled sessions are ' +
      'STATUS:CANCELLED. With a bearer token for any role; calendar apps subscribe with the caller’s own link ' +
      '(`POST /programs/{id}/calendar-link`), which carries a `key` instead of a token. A key opens the feed only while ' +
      'its owner is active and it is their current link: otherwise, or when forged, 404 `LINK_NOT_FOUND`.',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The calendar.', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiProblems(404)
  async feed(
    @ProgramId() id: string,
    @CurrentResourceKey() key: ResourceKeyGrant | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string | undefined> {
    if (key) await this.links.assertOpens(key.resourceId, id);
    // Revalidate every time (the ETag makes that a 304 while nothing changed); private, as the URL is a credential.
    res.setHeader('Cache-Control', 'private, no-cache');
    const etag = await this.calendar.etag(id);
    if (etag) {
      res.setHeader('ETag', etag);
      // Unchanged since the client's copy (Express's freshness check: If-None-Match against the
      // ETag just set, weak comparison, lists and *): 304 before the feed is read or written.
      if (req.fresh) {
        res.status(304);
        return undefined;
      }
    }
    const feed = await this.calendar.feed(id);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${feed.fileName}"`);
    return feed.body;
  }

  @Get(':id/calendar-link')
  @RequirePermission('directory.read')
  @ApiOperation({
    summary: 'Your calendar subscription link to this program',
    description:
      'The link you made last (`url` null until you make one with POST). Each person has their own link; it is shown again here.',
  })
  @ApiOkResponse({ type: CurrentCalendarLinkDto })
  @ApiProblems(404)
  async currentLink(@ProgramId() id: string, @CurrentUser() user: AuthUser): Promise<CurrentCalendarLinkDto> {
    const link = await this.links.current(id, user);
    return link ? toLinkResponse(link) : { url: null, createdAt: null };
  }

  @Post(':id/calendar-link')
  @RequirePermission('directory.read')
  @ApiOperation({
    summary: 'Make a new calendar subscription link to this program (your previous one stops working)',
    description:
      'Any role that may read the program. The link opens the feed without a sign-in while you are an active user; making a ' +
      'new one revokes your previous link to this program at once, and deactivating your account revokes all of them for good.',
  })
  @ApiCreatedResponse({ type: CalendarLinkDto })
  @ApiProblems(404)
  async renewLink(@ProgramId() id: string, @CurrentUser() user: AuthUser): Promise<CalendarLinkDto> {
    return toLinkResponse(await this.links.renew(id, user));
  }
}
