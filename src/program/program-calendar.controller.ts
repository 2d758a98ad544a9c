import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllowResourceKey, RequirePermission } from '../common/decorators/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { ParseIdPipe } from '../common/pipes/parse-id.pipe';
import { ProgramCalendarService } from './program-calendar.service';

@ApiTags('programs')
@Controller('programs')
export class ProgramCalendarController {
  constructor(private readonly calendar: ProgramCalendarService) {}

  @Get(':id/calendar.ics')
  @RequirePermission('directory.read')
  @AllowResourceKey('calendar-feed:v1')
  @ApiOperation({
    summary: "iCalendar feed of the program's sessions",
    description:
      'RFC 5545, one event per session from a year back through the scheduled window ahead; cancelled sessions are ' +
      "STATUS:CANCELLED. Calendar apps subscribe with the program's `calendarUrl`, which carries a `key` instead of a token.",
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The calendar.', content: { 'text/calendar': { schema: { type: 'string' } } } })
  @ApiProblems(404)
  async feed(@Param('id', new ParseIdPipe('program')) id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const feed = await this.calendar.feed(id);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${feed.fileName}"`);
    // Revalidate every time (the ETag makes that a 304 while nothing changed); private, as the URL is a credential.
    res.setHeader('Cache-Control', 'private, no-cache');
    return feed.body;
  }
}
