import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '../auth/auth.decorators';
import { ApiProblems } from '../common/openapi/problem.schema';
import { OutreachReportDto, OutreachReportQueryDto } from './dto/outreach-report.dto';
import { reportCsv, reportFileName } from './outreach-report';
import { OutreachReport, ReportService } from './report.service';

const ABOUT =
  'Visits, invitations handed out and people reached; sessions held, cancelled (by staff or a closure) and upcoming; attendance; ' +
  'feedback, its average rating and the four Project Outcome measures (averages and the share who agree, 4–5) — over a period of ' +
  'the library’s days, grouped. A fact is in every group it belongs to (a session with two partners is in both partners’ rows) ' +
  'but once in the totals. No contact details: viewers (board members) read it too.';

function toReportResponse(report: OutreachReport): OutreachReportDto {
  return {
    from: report.range.from,
    to: report.range.to,
    period: report.period,
    groupBy: report.groupBy,
    timezone: report.timezone,
    fiscalYearStartMonth: report.fiscalYearStartMonth,
    today: report.today,
    generatedAt: report.generatedAt.toISOString(),
    scope: report.scope,
    rows: report.rows,
    totals: report.totals,
  };
}

@ApiTags('reports')
@Controller('reports')
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @Get('outreach')
  @RequirePermission('report.read')
  @ApiOperation({
    summary: 'The outreach report for a period, grouped by partner, audience, program, month or staff',
    description: ABOUT,
  })
  @ApiOkResponse({ type: OutreachReportDto })
  @ApiProblems(400)
  async outreach(@Query() query: OutreachReportQueryDto): Promise<OutreachReportDto> {
    return toReportResponse(await this.reports.outreach(query));
  }

  @Get('outreach.csv')
  @RequirePermission('report.read')
  @ApiOperation({
    summary: 'The outreach report as CSV',
    description: `The same rows as the report, then a Total row; outcome shares as percentages. UTF-8 with a byte order mark, CRLF line ends, cells a spreadsheet would run as a formula prefixed with a quote. ${ABOUT}`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file.', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(400)
  async outreachCsv(
    @Query() query: OutreachReportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const report = await this.reports.outreach(query);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${reportFileName(report.groupBy, report.range)}"`);
    return reportCsv(report);
  }
}
