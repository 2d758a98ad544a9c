import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DateRange, PeriodPreset, ReportGrouping } from '@tandem/shared';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { isoDateIn } from '../library/library-calendar';
import { LibrarySettingsService } from '../library/library-settings.service';
import { outreachMeasureRows } from '../read-side/outreach-report.query';
import { OutreachReportQueryDto } from './dto/outreach-report.dto';
import {
  checkScope,
  composeRows,
  NO_MEASURES,
  OutreachRow,
  periodBounds,
  resolvePeriod,
  toMeasures,
} from './outreach-report';
import { ReportMeasures, ReportScope } from './report-measures';

export interface OutreachReport {
  range: DateRange;
  period: PeriodPreset | null;
  groupBy: ReportGrouping;
  timezone: string;
  fiscalYearStartMonth: number;
  today: string;
  generatedAt: Date;
  scope: Required<ReportScope>;
  rows: OutreachRow[];
  totals: ReportMeasures;
}

/**
 * The outreach report: visits, sessions, attendance and feedback over a period of library days,
 * grouped (read-side/outreach-report.query.ts: one statement for the rows and the totals), and
 * the same measures for the work-plan goals' progress.
 */
@Injectable()
export class ReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly library: LibrarySettingsService,
    private readonly clock: Clock,
  ) {}

  async outreach(query: OutreachReportQueryDto): Promise<OutreachReport> {
    const scope = {
      organizationId: query.organizationId ?? null,
      programId: query.programId ?? null,
      audienceId: query.audienceId ?? null,
    };
    checkScope(scope);
    const { settings } = await this.library.current();
    const now = this.clock.now();
    const today = isoDateIn(now, settings.timezone);
    const { range, period } = resolvePeriod(query, today, settings.fiscalYearStartMonth);
    const groupBy = query.groupBy ?? 'partner';
    const rows = await outreachMeasureRows(this.dataSource, {
      ...periodBounds(range, settings.timezone),
      now,
      zone: settings.timezone,
      groupBy,
      ...scope,
    });
    return {
      range,
      period,
      groupBy,
      timezone: settings.timezone,
      fiscalYearStartMonth: settings.fiscalYearStartMonth,
      today,
      generatedAt: now,
      scope,
      ...composeRows(groupBy, range, rows),
    };
  }

  /**
   * The report's totals over `range` (library days, both included) within `scope`: what a goal's
   * progress counts. Sessions still to come count as upcoming, never as held. `zone`, when the
   * caller has read it already, saves reading the library settings again.
   */
  async measures(
    range: DateRange,
    scope: ReportScope,
    options: { manager?: EntityManager; zone?: string } = {},
  ): Promise<ReportMeasures> {
    if (range.to < range.from) return NO_MEASURES;
    const { manager } = options;
    const zone = options.zone ?? (await this.library.current(manager)).settings.timezone;
    const [total] = await outreachMeasureRows(manager ?? this.dataSource, {
      ...periodBounds(range, zone),
      now: this.clock.now(),
      zone,
      groupBy: null,
      organizationId: scope.organizationId ?? null,
      programId: scope.programId ?? null,
      audienceId: scope.audienceId ?? null,
    });
    return toMeasures(total);
  }
}
