import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  MAX_PERIOD_DAYS,
  PERIOD_PRESETS,
  REPORT_GROUPINGS,
  type PeriodPreset,
  type ReportGrouping,
} from '@tandem/shared';
import { IsCalendarDate } from '../../common/dto/date-time';

const GROUP_BY =
  'partner: one row per partner with a fact (a session counts for each of its program’s partners); audience: every audience; ' +
  'program: programs with a fact; month: every month of the period, in the library’s time zone; staff: the staff who went on visits ' +
  'or recorded feedback. Facts in no group of the kind share one row with a null key, listed last.';

export class OutreachReportQueryDto {
  @ApiPropertyOptional({
    example: '2026-07-01',
    description: `First day of the period (YYYY-MM-DD, the library's calendar), with \`to\`; at most ${MAX_PERIOD_DAYS} days in all.`,
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-09-30', description: 'Last day of the period, included.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    enum: PERIOD_PRESETS,
    description:
      'A period named instead of `from`/`to`, on the library’s today; quarters are calendar quarters, the fiscal year starts in the ' +
      'library setting `fiscalYearStartMonth`. Without `period`, `from` or `to`: this fiscal year.',
  })
  @IsOptional()
  @IsIn(PERIOD_PRESETS, { message: `period must be one of ${PERIOD_PRESETS.join(', ')}` })
  period?: PeriodPreset;

  @ApiPropertyOptional({ enum: REPORT_GROUPINGS, default: 'partner', description: GROUP_BY })
  @IsOptional()
  @IsIn(REPORT_GROUPINGS, { message: `groupBy must be one of ${REPORT_GROUPINGS.join(', ')}` })
  groupBy?: ReportGrouping;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the facts attributed to this partner.' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the facts of this program.' })
  @IsOptional()
  @IsUUID('all')
  programId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the facts attributed to this audience.' })
  @IsOptional()
  @IsUUID('all')
  audienceId?: string;
}

const OUTCOME_AVERAGE = 'Average answer, 1–5 (2 decimals); null when nobody answered.';
const OUTCOME_AGREE =
  'Share answering 4 or 5 (“agree”) among those who answered, 0–1 (3 decimals); null when nobody answered.';

export class OutcomeAveragesDto {
  @ApiProperty({ type: Number, nullable: true, description: `“I learned something new”. ${OUTCOME_AVERAGE}` })
  knowledge: number | null;
  @ApiProperty({ type: Number, nullable: true, description: `“I feel more confident”. ${OUTCOME_AVERAGE}` })
  confidence: number | null;
  @ApiProperty({ type: Number, nullable: true, description: `“I will use what I learned”. ${OUTCOME_AVERAGE}` })
  application: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: `“I know more about what the library offers”. ${OUTCOME_AVERAGE}`,
  })
  awareness: number | null;
}

export class OutcomeSharesDto {
  @ApiProperty({ type: Number, nullable: true, description: OUTCOME_AGREE }) knowledge: number | null;
  @ApiProperty({ type: Number, nullable: true, description: OUTCOME_AGREE }) confidence: number | null;
  @ApiProperty({ type: Number, nullable: true, description: OUTCOME_AGREE }) application: number | null;
  @ApiProperty({ type: Number, nullable: true, description: OUTCOME_AGREE }) awareness: number | null;
}

export class OutcomeCountsDto {
  @ApiProperty({ description: 'How many feedback answers rated this outcome.' }) knowledge: number;
  @ApiProperty() confidence: number;
  @ApiProperty() application: number;
  @ApiProperty() awareness: number;
}

export class OutreachMeasuresDto {
  @ApiProperty({ description: 'Outreach visits in the period.' }) visits: number;
  @ApiProperty({ description: 'Invitations handed out on those visits.' }) invitationsHandedOut: number;
  @ApiProperty({ description: 'People reached on those visits.' }) peopleReached: number;
  @ApiProperty({ description: 'Sessions that started by now and were not cancelled (by staff or a closure).' })
  sessionsHeld: number;
  @ApiProperty({ description: 'Sessions cancelled by staff or by a library closure.' }) sessionsCancelled: number;
  @ApiProperty({ description: 'Sessions in the period still to come (neither held nor cancelled).' })
  sessionsUpcoming: number;
  @ApiProperty({ description: 'Attendance summed over the held sessions.' }) attendance: number;
  @ApiProperty({ description: 'Held sessions with attendance recorded.' }) sessionsWithAttendance: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'attendance ÷ sessionsWithAttendance, 1 decimal; null when none has attendance recorded.',
  })
  averageAttendance: number | null;
  @ApiProperty({ description: 'Feedback given in the period (youth, partners, staff).' }) feedbackCount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Average rating 1–5 (2 decimals); null without feedback.' })
  averageRating: number | null;
  @ApiProperty({ type: OutcomeAveragesDto, description: 'The four Project Outcome questions, averaged.' })
  outcomes: OutcomeAveragesDto;
  @ApiProperty({ type: OutcomeSharesDto, description: 'The four outcomes as the share who agree (4–5).' })
  outcomesAgree: OutcomeSharesDto;
  @ApiProperty({ type: OutcomeCountsDto, description: 'How many answered each outcome.' })
  outcomesAnswered: OutcomeCountsDto;
}

export class OutreachReportRowDto extends OutreachMeasuresDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The group: an organization, audience, program or user id, or a month `2026-07`; null for facts in no group.',
  })
  key: string | null;
  @ApiProperty({ example: 'Eastside Youth Shelter', description: 'The group’s name (never an email).' })
  label: string;
}

export class ReportScopeDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) programId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) audienceId: string | null;
}

export class OutreachReportDto {
  @ApiProperty({ example: '2026-07-01', description: 'First day of the period, included.' }) from: string;
  @ApiProperty({ example: '2026-09-30', description: 'Last day of the period, included.' }) to: string;
  @ApiProperty({ enum: PERIOD_PRESETS, nullable: true, description: 'The preset asked for, if one was.' })
  period: PeriodPreset | null;
  @ApiProperty({ enum: REPORT_GROUPINGS }) groupBy: ReportGrouping;
  @ApiProperty({ example: 'America/Chicago', description: 'The library’s time zone: the period’s days are its days.' })
  timezone: string;
  @ApiProperty({ example: 7, description: 'The month the library’s fiscal year starts in.' })
  fiscalYearStartMonth: number;
  @ApiProperty({ example: '2026-12-07', description: 'The library’s today when the report was made.' })
  today: string;
  @ApiProperty({ type: String, format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: ReportScopeDto }) scope: ReportScopeDto;
  @ApiProperty({ type: [OutreachReportRowDto], description: GROUP_BY }) rows: OutreachReportRowDto[];
  @ApiProperty({
    type: OutreachMeasuresDto,
    description: 'The whole period, each fact once (a session with two partners is one session).',
  })
  totals: OutreachMeasuresDto;
}
