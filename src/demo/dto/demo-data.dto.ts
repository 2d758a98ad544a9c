import { ApiProperty } from '@nestjs/swagger';
import { SEED_KINDS, type SeedKind } from '../seed-demo';

const KINDS = Object.keys(SEED_KINDS) as SeedKind[];

export const DEMO_LOAD_STATUSES = ['idle', 'running', 'done', 'failed'] as const;
export type DemoLoadStatus = (typeof DEMO_LOAD_STATUSES)[number];

/** One kind of record the demo load reports. */
export class DemoDataKindDto {
  @ApiProperty({ enum: KINDS, example: 'organizations' }) kind: SeedKind;
  @ApiProperty({ description: 'The kind in words, plural.', example: 'organizations' }) label: string;
  @ApiProperty({ description: 'Records of this kind the load added.', example: 15 }) created: number;
  @ApiProperty({
    description: 'Records of this kind that were already there (matched by name or email) and were left as they were.',
    example: 0,
  })
  unchanged: number;
}

/** What POST /demo-data did. */
export class DemoDataResultDto {
  @ApiProperty({ description: 'Records added; 0 when the demo data was already loaded.', example: 412 })
  created: number;
  @ApiProperty({ description: 'Records already there, left unchanged.', example: 0 }) unchanged: number;
  @ApiProperty({ type: [DemoDataKindDto], description: 'The same per kind of record, in the order they are loaded.' })
  kinds: DemoDataKindDto[];
  @ApiProperty({
    description: 'One sentence, as `npm run seed:demo` ends.',
    example: 'Demo data loaded: 412 records created: 4 staff, 6 audiences, …; 0 already there',
  })
  summary: string;
  @ApiProperty({ type: [String], description: 'The progress lines, in order (as the command prints them).' })
  progress: string[];
}

/** The latest demo load of this API process. */
export class DemoDataStatusDto {
  @ApiProperty({
    enum: DEMO_LOAD_STATUSES,
    description:
      '`idle` when this process has not loaded the demo data since it started; `running` while it does; then `done` or `failed`.',
  })
  status: DemoLoadStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
  @ApiProperty({ type: [String], description: 'Its progress lines so far.' }) progress: string[];
  @ApiProperty({ type: String, nullable: true, description: 'The closing sentence once it is done.' }) summary:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why it stopped, when it failed (what was loaded before stays; loading again adds the rest).',
  })
  error: string | null;
}
