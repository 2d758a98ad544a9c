import { ApiProperty } from '@nestjs/swagger';
import { GOAL_METRICS, GoalMetric } from '@tandem/shared';
import { GoalScopeDto } from '../../goal/dto/goal.dto';
import { HealthBand, SCORED_BANDS, ScoredBand } from '../../partnership/health-settings';

export class DigestBandChangeDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SCORED_BANDS, description: "The band in last week's snapshot." }) from: ScoredBand;
  @ApiProperty({ enum: SCORED_BANDS, description: 'The band now.' }) to: ScoredBand;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) score: number;
}

export class DigestAtRiskDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['at-risk', 'dormant'] }) band: ScoredBand;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) score: number;
  @ApiProperty({
    type: [String],
    example: ['No contact in 45 days', '2 follow-ups overdue'],
    description: 'Why, most costly first.',
  })
  drivers: string[];
}

export class DigestUncoveredAudienceDto {
  @ApiProperty({ format: 'uuid' }) audienceId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3, description: '1 high – 3 low.' }) priority: number;
}

export class DigestIntroductionDto {
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty() providerName: string;
  @ApiProperty({ format: 'uuid' }) seekerId: string;
  @ApiProperty() seekerName: string;
  @ApiProperty() explanation: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) strength: number;
}

/** A current work-plan goal behind its even pace (stored as `goalsOffTrack[]` in health_digests.content). */
export class DigestGoalOffTrackDto {
  @ApiProperty({ format: 'uuid' }) goalId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: GOAL_METRICS }) metric: GoalMetric;
  @ApiProperty({ type: 'integer', minimum: 1 }) target: number;
  @ApiProperty({ format: 'date', description: 'First day of the period (included).' }) from: string;
  @ApiProperty({ format: 'date', description: 'Last day of the period (included).' }) to: string;
  @ApiProperty({ type: GoalScopeDto, description: 'What the goal counts in, named (type library: the whole library).' })
  scope: GoalScopeDto;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The measure so far (as GET /goals progress.value).' })
  value: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'What an even pace would have reached by now (progress.expectedByNow).',
  })
  expectedByNow: number;
  @ApiProperty({
    description:
      'True when the goal was on track a week before (same rule, measured as of then): it fell off track this week.',
  })
  newlyOffTrack: boolean;
}

export class DigestResponseDto {
  @ApiProperty({
    format: 'date',
    example: '2026-11-30',
    description: "The Monday (in the library's time zone) of the week the digest is for.",
  })
  weekOf: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { thriving: 4, steady: 7, 'at-risk': 2, dormant: 1, unscored: 3 },
    description:
      'Organizations not ended, per band now; every band present, `unscored` (no evidence yet) included — except in a digest stored before partnerships could be unscored.',
  })
  byBand: Record<HealthBand, number>;
  @ApiProperty({
    type: [DigestBandChangeDto],
    description:
      "Organizations whose band differs from last week's snapshot, worst (lowest score) first. Scored bands only: getting a first score (or losing it) is not a change. A paused partnership is listed only when its band rose.",
  })
  bandChanges: DigestBandChangeDto[];
  @ApiProperty({
    type: [DigestAtRiskDto],
    description:
      'Now at-risk or dormant, and last week thriving, steady, unscored or not yet snapshotted; worst first, with drivers. Never a paused partnership (its silence is on purpose).',
  })
  newAtRisk: DigestAtRiskDto[];
  @ApiProperty({
    type: [DigestUncoveredAudienceDto],
    description: 'Audiences with no organization at stage active serving them, highest priority first.',
  })
  uncoveredAudiences: DigestUncoveredAudienceDto[];
  @ApiProperty({
    type: [DigestIntroductionDto],
    description: 'The three strongest suggested introductions (dismissed ones hidden).',
  })
  topIntroductions: DigestIntroductionDto[];
  @ApiProperty({
    type: [DigestGoalOffTrackDto],
    description:
      'Current work-plan goals off track (behind the even pace, target not met): those that fell off track since last week (`newlyOffTrack`) first, then the furthest behind. Empty for a digest stored before goals existed.',
  })
  goalsOffTrack: DigestGoalOffTrackDto[];
  @ApiProperty({
    description:
      "True once this week's digest has been stored for sending: it no longer changes. False: composed now, as it would be sent.",
  })
  stored: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the content was composed.' }) composedAt: string;
}
