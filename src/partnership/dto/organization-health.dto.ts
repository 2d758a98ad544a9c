import { ApiProperty } from '@nestjs/swagger';
import { CHECK_IN_AREAS, CheckInArea } from '../health-rules';
import type {
  HealthCapReason,
  AttendanceFacts,
  CheckInFacts,
  ContactKind,
  FeedbackFacts,
  FitFacts,
  FollowUpsFacts,
  RecencyFacts,
  SessionsFacts,
} from '../health-score';
import { HEALTH_BANDS, HealthBand } from '../health-settings';

const CONTACT_KINDS: ContactKind[] = ['visit', 'session', 'feedback', 'note'];

export class HealthComponentsResponseDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    description: 'Days since the last visit, held session, feedback or note, against the cadence of its programs.',
  })
  recency: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    nullable: true,
    description: 'Sessions held vs scheduled in the last 90 days; null when none was scheduled.',
  })
  sessions: number | null;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    nullable: true,
    description: 'Mean rating over 180 days and its trend; null without ratings.',
  })
  feedback: number | null;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    nullable: true,
    description: 'Attendance of the last 8 sessions vs the 8 before; null with fewer than 6 recorded.',
  })
  attendance: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'Open follow-ups past due: 25 points each.' })
  followUps: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    nullable: true,
    description: 'The fit assessment; null until assessed.',
  })
  fit: number | null;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    nullable: true,
    description: 'The latest check-in within a year; null without one.',
  })
  checkIn: number | null;
}

// The facts behind each component, as computeHealthScore reports them (`implements` keeps the two in step).

export class RecencyFactsDto implements RecencyFacts {
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'The latest visit, held session, feedback or note; null when there has been none.',
  })
  lastContactAt: string | null;
  @ApiProperty({ enum: CONTACT_KINDS, nullable: true, type: String }) lastContactKind: ContactKind | null;
  @ApiProperty({
    type: 'integer',
    description: 'Days since the last contact (or since the organization was added, without one).',
  })
  daysSinceContact: number;
  @ApiProperty({ type: 'integer', description: 'The expected contact cadence.' }) cadenceDays: number;
  @ApiProperty({
    enum: ['programs', 'default'],
    description: 'programs: the most frequent running program; default: 30 days without one.',
  })
  cadenceFrom: 'programs' | 'default';
  @ApiProperty({ type: 'integer' }) fullMarksWithinDays: number;
  @ApiProperty({ type: 'integer' }) zeroAtDays: number;
  @ApiProperty({ type: 'integer' }) dormantAfterDays: number;
}

export class SessionsFactsDto implements SessionsFacts {
  @ApiProperty({ type: 'integer' }) windowDays: number;
  @ApiProperty({ type: 'integer', description: 'held + cancelledByStaff.' }) scheduled: number;
  @ApiProperty({ type: 'integer' }) held: number;
  @ApiProperty({ type: 'integer' }) cancelledByStaff: number;
  @ApiProperty({ type: 'integer', description: 'Cancelled by a library closure: counts neither way.' })
  cancelledByClosure: number;
}

export class FeedbackFactsDto implements FeedbackFacts {
  @ApiProperty({ type: 'integer' }) windowDays: number;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean rating 1–5 over the window.' }) mean: number | null;
  @ApiProperty({ type: 'integer' }) recentCount: number;
  @ApiProperty({ nullable: true, type: Number }) recentMean: number | null;
  @ApiProperty({ type: 'integer' }) earlierCount: number;
  @ApiProperty({ nullable: true, type: Number }) earlierMean: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'recentMean − earlierMean, when each half has at least 2 ratings.',
  })
  trend: number | null;
}

export class AttendanceFactsDto implements AttendanceFacts {
  @ApiProperty({ type: 'integer', description: 'Sessions compared in each half; 0 when too few were recorded.' })
  sessionsPerHalf: number;
  @ApiProperty({ type: [Number] }) earlier: number[];
  @ApiProperty({ type: [Number] }) recent: number[];
  @ApiProperty({ nullable: true, type: Number }) earlierMean: number | null;
  @ApiProperty({ nullable: true, type: Number }) recentMean: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Percent change of the recent mean against the earlier one.',
  })
  changePercent: number | null;
}

export class FollowUpsFactsDto implements FollowUpsFacts {
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Whole days the oldest overdue follow-up is past due; null when none is overdue.',
  })
  oldestOverdueDays: number | null;
}

export class FitFactsDto implements FitFacts {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5 }) audienceReach: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5 }) missionOverlap: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 5 }) complementaryResources: number;
  @ApiProperty({ type: 'integer' }) total: number;
  @ApiProperty({ type: 'integer' }) max: number;
}

export class CheckInAreaAveragesDto implements Record<CheckInArea, number | null> {
  @ApiProperty({ nullable: true, type: Number }) environment: number | null;
  @ApiProperty({ nullable: true, type: Number }) membership: number | null;
  @ApiProperty({ nullable: true, type: Number }) processAndStructure: number | null;
  @ApiProperty({ nullable: true, type: Number }) communication: number | null;
  @ApiProperty({ nullable: true, type: Number }) purpose: number | null;
  @ApiProperty({ nullable: true, type: Number }) resources: number | null;
}

export class CheckInFactsDto implements CheckInFacts {
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the latest answered check-in was opened.',
  })
  at: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) ageDays: number | null;
  @ApiProperty({ description: 'Older than a year: no longer counted.' }) stale: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'Mean of the area averages, 1–5.' }) overall: number | null;
  @ApiProperty({ type: CheckInAreaAveragesDto }) areas: CheckInAreaAveragesDto;
  @ApiProperty({ enum: CHECK_IN_AREAS, isArray: true, description: 'Areas averaging below 3.' })
  concerns: CheckInArea[];
  @ApiProperty({ enum: CHECK_IN_AREAS, isArray: true, description: 'Areas averaging 4 or more.' })
  strengths: CheckInArea[];
}

const WEIGHT = { type: 'integer', minimum: 0, maximum: 100, description: 'The weight in /settings/health.' } as const;
const SHARE = {
  type: Number,
  minimum: 0,
  maximum: 100,
  description:
    'Its share of the score in percent after the weights of components without data are shared out (0 when it has none).',
};
const SCORE = { type: 'integer', minimum: 0, maximum: 100, nullable: true } as const;

export class RecencyDetailDto {
  @ApiProperty(SCORE) score: number | null;
  @ApiProperty(WEIGHT) weight: number;
  @ApiProperty(SHARE) effectiveWeight: number;
  @ApiProperty({ type: RecencyFactsDto }) facts: RecencyFactsDto;
}
export class SessionsDetailDto {
  @ApiProperty(SCORE) score: number | null;
  @ApiProperty(WEIGHT) weight: number;
  @ApiProperty(SHARE) effectiveWeight: number;
  @ApiProperty({ type: SessionsFactsDto }) facts: SessionsFactsDto;
}
export class FeedbackDetailDto {
  @ApiProperty(SCORE) score: number | null;
  @ApiProperty(WEIGHT) weight: number;
  @ApiProperty(SHARE) effectiveWeight: number;
  @ApiProperty({ type: FeedbackFactsDto }) facts: FeedbackFactsDto;
}
export class AttendanceDetailDto {
  @ApiProperty(SCORE) score: number | null;
  @ApiProperty(WEIGHT) weight: number;
  @ApiProperty(SHARE) effectiveWeight: number;
  @ApiProperty({ type: AttendanceFactsDto }) facts: AttendanceFactsDto;
}
export class FollowUpsDetailDto {
  @ApiProperty(SCORE) score: number | null;
  @ApiProperty(WEIGHT) weight: number;
  @ApiProperty(SHARE) effectiveWeight: number;
  @ApiProperty({ type: FollowUpsFactsDto }) facts: FollowUpsFactsDto;
}
export class FitDetailDto {
  @ApiProperty(SCORE) score: number | null;
  @ApiProperty(WEIGHT) weight: number;
  @ApiProperty(SHARE) effectiveWeight: number;
  @ApiProperty({ type: FitFactsDto }) facts: FitFactsDto;
}
export class CheckInDetailDto {
  @ApiProperty(SCORE) score: number | null;
  @ApiProperty(WEIGHT) weight: number;
  @ApiProperty(SHARE) effectiveWeight: number;
  @ApiProperty({ type: CheckInFactsDto }) facts: CheckInFactsDto;
}

export class HealthDetailsResponseDto {
  @ApiProperty({ type: RecencyDetailDto }) recency: RecencyDetailDto;
  @ApiProperty({ type: SessionsDetailDto }) sessions: SessionsDetailDto;
  @ApiProperty({ type: FeedbackDetailDto }) feedback: FeedbackDetailDto;
  @ApiProperty({ type: AttendanceDetailDto }) attendance: AttendanceDetailDto;
  @ApiProperty({ type: FollowUpsDetailDto }) followUps: FollowUpsDetailDto;
  @ApiProperty({ type: FitDetailDto }) fit: FitDetailDto;
  @ApiProperty({ type: CheckInDetailDto }) checkIn: CheckInDetailDto;
}

export class HealthHistoryPointDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) score: number;
}

export class HealthCapDto {
  @ApiProperty({ enum: ['steady', 'at-risk'], description: 'The highest band the cautions allow.' })
  band: 'steady' | 'at-risk';
  @ApiProperty({
    enum: [
      'silence',
      'attendance-slide',
      'unhappy-partner',
      'check-in-concern',
      'cancellations',
      'overdue-follow-ups',
      'no-sessions',
    ],
    isArray: true,
    description:
      'Why: one caution caps at steady, two or more (or silence beyond twice the cadence) at at-risk; no session held in the last 90 days caps at steady.',
  })
  reasons: HealthCapReason[];
}

export class OrganizationHealthResponseDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    nullable: true,
    description:
      'round(Σ weight × component / Σ weight) over the components that apply, lowered to the top of the band a dormant silence or the cautions allow; ' +
      'null (band `unscored`) while there is no evidence: no session held, visit, feedback or check-in.',
  })
  score: number | null;

  @ApiProperty({ enum: HEALTH_BANDS })
  band: HealthBand;

  @ApiProperty({
    type: HealthCapDto,
    nullable: true,
    description: 'Set when cautions held the band below what the weighted score gives.',
  })
  cap: HealthCapDto | null;

  @ApiProperty({
    type: HealthComponentsResponseDto,
    description:
      'Each component 0–100, null when there is nothing to judge it by (its weight is shared by the others).',
  })
  components: HealthComponentsResponseDto;

  @ApiProperty({
    type: HealthDetailsResponseDto,
    description:
      'Per component: score, weight, effectiveWeight (its share after redistribution, 0–100) and the facts that produced it.',
  })
  details: HealthDetailsResponseDto;

  @ApiProperty({
    type: [String],
    example: ['No contact in 45 days', '2 follow-ups overdue'],
    description: 'Short sentences a manager can act on, most costly first.',
  })
  drivers: string[];

  @ApiProperty({
    type: [HealthHistoryPointDto],
    description:
      'Weekly snapshots of the score (the latest 53, about a year), oldest first; empty until the weekly job has run and while unscored (the history starts with the evidence).',
  })
  history: HealthHistoryPointDto[];
}
