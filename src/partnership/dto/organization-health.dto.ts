import { ApiProperty } from '@nestjs/swagger';
import { HEALTH_BANDS, HealthBand } from '../health-settings';

export class HealthComponentsResponseDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'Days since the last visit, held session, feedback or note, against the cadence of its programs.' })
  recency: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, nullable: true, description: 'Sessions held vs scheduled in the last 90 days; null when none was scheduled.' })
  sessions: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, nullable: true, description: 'Mean rating over 180 days and its trend; null without ratings.' })
  feedback: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, nullable: true, description: 'Attendance of the last 8 sessions vs the 8 before; null with fewer than 6 recorded.' })
  attendance: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'Open follow-ups past due: 25 points each.' })
  followUps: number;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, nullable: true, description: 'The fit assessment; null until assessed.' })
  fit: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, nullable: true, description: 'The latest check-in within a year; null without one.' })
  checkIn: number | null;
}

export class HealthHistoryPointDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) score: number;
}

export class OrganizationHealthResponseDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: 'round(Σ weight × component / Σ weight) over the components that apply, after the dormant / thin-evidence caps.' })
  score: number;

  @ApiProperty({ enum: HEALTH_BANDS })
  band: HealthBand;

  @ApiProperty({ type: HealthComponentsResponseDto, description: 'Each component 0–100, null when there is nothing to judge it by (its weight is shared by the others).' })
  components: HealthComponentsResponseDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Per component: score, weight, effectiveWeight (its share after redistribution, 0–100) and the facts that produced it.',
  })
  details: Record<string, unknown>;

  @ApiProperty({ type: [String], example: ['No contact in 45 days', '2 follow-ups overdue'], description: 'Short sentences a manager can act on, most costly first.' })
  drivers: string[];

  @ApiProperty({
    type: [HealthHistoryPointDto],
    description: 'Weekly snapshots of the score (the latest 53, about a year), oldest first; empty until the weekly job has run.',
  })
  history: HealthHistoryPointDto[];
}
