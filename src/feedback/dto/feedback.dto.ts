import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull, trimToNull } from '../../common/dto/validators';
import { LANGUAGE_TAGS } from '@tandem/shared';
import { LANGUAGE_TAG_MAX } from '../../library/library-settings';
import { FeedbackSource } from '../feedback.entity';

/** Longest free-text answer (worked, didn't work, suggestions, action taken). */
export const MAX_FEEDBACK_TEXT = 4000;

/** The public form's honeypot: a field people never see or fill; a bot that fills it stores nothing. */
export const HONEYPOT_FIELD = 'website';
/** A key of one filling-in of the public form (the page makes a new one each time it is opened). */
export const SUBMISSION_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** The four outcome statements, as asked on the public form (API.md). */
export const OUTCOME_STATEMENTS = {
  knowledge: 'I learned something new',
  confidence: 'I feel more confident',
  application: 'I will use what I learned',
  awareness: 'I know more about what the library offers',
} as const;
export type OutcomeKey = keyof typeof OUTCOME_STATEMENTS;
export const OUTCOME_KEYS = Object.keys(OUTCOME_STATEMENTS) as OutcomeKey[];

const SCALE = { minimum: 1, maximum: 5 };
const LANGUAGE =
  'The language it was given in: a BCP 47 primary tag among the library’s `languages` (any case; written lower case); another tag is 400 naming the offered ones.';
const SOURCE_MESSAGE = `must be one of ${Object.values(FeedbackSource).join(', ')}`;

/** Each 1 (not at all) – 5 (very much); left out or null when not answered. */
export class OutcomesDto {
  @ApiPropertyOptional({ type: Number, ...SCALE, nullable: true, description: `"${OUTCOME_STATEMENTS.knowledge}"` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  knowledge?: number | null;

  @ApiPropertyOptional({ type: Number, ...SCALE, nullable: true, description: `"${OUTCOME_STATEMENTS.confidence}"` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  confidence?: number | null;

  @ApiPropertyOptional({ type: Number, ...SCALE, nullable: true, description: `"${OUTCOME_STATEMENTS.application}"` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  application?: number | null;

  @ApiPropertyOptional({ type: Number, ...SCALE, nullable: true, description: `"${OUTCOME_STATEMENTS.awareness}"` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  awareness?: number | null;
}

/** What a young person or partner can say through a public link: nothing that names anyone. */
export class PublicFeedbackDto {
  @ApiProperty({ ...SCALE, description: 'How was it? 1 (bad) – 5 (great).' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;

  @ApiPropertyOptional({ type: OutcomesDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => OutcomesDto)
  outcomes?: OutcomesDto;

  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_FEEDBACK_TEXT,
    nullable: true,
    description: 'What did you like?',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT)
  worked?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_FEEDBACK_TEXT,
    nullable: true,
    description: 'What could be better?',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT)
  didntWork?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_FEEDBACK_TEXT,
    nullable: true,
    description: 'Any ideas for next time?',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT)
  suggestions?: string | null;

  @ApiPropertyOptional({
    enum: LANGUAGE_TAGS,
    maxLength: LANGUAGE_TAG_MAX,
    example: 'es',
    description: `The page's language, recorded with the feedback. ${LANGUAGE} Left out: not known (null).`,
  })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(LANGUAGE_TAG_MAX)
  language?: string;

  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_FEEDBACK_TEXT,
    description:
      'Leave this out or empty. The HTML form hides it from people; a post that fills it is answered as if stored, and nothing is stored (a honeypot for bots).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT)
  website?: string;

  @ApiPropertyOptional({
    type: String,
    pattern: SUBMISSION_KEY_PATTERN.source,
    description:
      'A random key of one filling-in of the form (the HTML form makes one each time it is opened): the same answers posted again with the same key within 10 seconds are stored once. Without it, the same answers from the same address to the same link within 10 seconds are.',
  })
  @IsOptional()
  @IsString()
  @Matches(SUBMISSION_KEY_PATTERN, { message: 'must be 8 to 64 letters, digits, - or _' })
  submissionKey?: string;
}

/** Fields staff can set, shared by create and update. */
class FeedbackFieldsDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The partner organization it is about.',
  })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The program; filled from the session when only sessionId is given.',
  })
  @IsOptional()
  @IsUUID('all')
  programId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'One session of the program.' })
  @IsOptional()
  @IsUUID('all')
  sessionId?: string | null;

  @ApiPropertyOptional({
    type: OutcomesDto,
    description: 'Only the outcomes given are changed on update; null clears one.',
  })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => OutcomesDto)
  outcomes?: OutcomesDto;

  @ApiPropertyOptional({ type: String, maxLength: MAX_FEEDBACK_TEXT, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT)
  worked?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: MAX_FEEDBACK_TEXT, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT)
  didntWork?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: MAX_FEEDBACK_TEXT, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT)
  suggestions?: string | null;

  @ApiPropertyOptional({
    enum: LANGUAGE_TAGS,
    maxLength: LANGUAGE_TAG_MAX,
    nullable: true,
    example: 'es',
    description: `${LANGUAGE} Left out on create, or null: not known.`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LANGUAGE_TAG_MAX)
  language?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: MAX_FEEDBACK_TEXT,
    nullable: true,
    description: 'What the team did about it; empty means it still needs action.',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(MAX_FEEDBACK_TEXT)
  actionTaken?: string | null;
}

export class CreateFeedbackDto extends FeedbackFieldsDto {
  @ApiProperty({ enum: FeedbackSource })
  @IsEnum(FeedbackSource, { message: SOURCE_MESSAGE })
  source: FeedbackSource;

  @ApiProperty({ ...SCALE, description: 'Overall, 1 (poor) – 5 (excellent).' })
  @IsInt()
  @Min(1)
  @Max(5)
  rating: number;
}

export class UpdateFeedbackDto extends FeedbackFieldsDto {
  @ApiPropertyOptional({ enum: FeedbackSource })
  @IsOptionalNotNull()
  @IsEnum(FeedbackSource, { message: SOURCE_MESSAGE })
  source?: FeedbackSource;

  @ApiPropertyOptional(SCALE)
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class ListFeedbackQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: FeedbackSource })
  @IsOptional()
  @IsEnum(FeedbackSource, { message: SOURCE_MESSAGE })
  source?: FeedbackSource;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Feedback recorded for this organization (not through its programs).',
  })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  programId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  sessionId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Given at or after this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Given before this instant.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: no action taken yet; false: action taken.' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  needsAction?: 'true' | 'false';
}

export class OutcomesResponseDto {
  @ApiProperty({ type: Number, ...SCALE, nullable: true }) knowledge: number | null;
  @ApiProperty({ type: Number, ...SCALE, nullable: true }) confidence: number | null;
  @ApiProperty({ type: Number, ...SCALE, nullable: true }) application: number | null;
  @ApiProperty({ type: Number, ...SCALE, nullable: true }) awareness: number | null;
}

export class FeedbackResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: FeedbackSource }) source: FeedbackSource;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) programId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId: string | null;
  @ApiProperty(SCALE) rating: number;
  @ApiProperty({ type: OutcomesResponseDto }) outcomes: OutcomesResponseDto;
  @ApiProperty({ type: String, nullable: true }) worked: string | null;
  @ApiProperty({ type: String, nullable: true }) didntWork: string | null;
  @ApiProperty({ type: String, nullable: true }) suggestions: string | null;
  @ApiProperty({ type: String, nullable: true }) actionTaken: string | null;
  @ApiProperty({
    enum: LANGUAGE_TAGS,
    nullable: true,
    example: 'es',
    description: 'The language it was given in (free text is kept as written); null when not known.',
  })
  language: string | null;
  @ApiProperty({ description: 'Given anonymously through a public feedback link.' }) viaLink: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The link it came through.' })
  feedbackLinkId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The staff member who entered it.' })
  createdById: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class FeedbackPageDto {
  @ApiProperty({ type: [FeedbackResponseDto] }) data: FeedbackResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class FeedbackLinkResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set once the link is turned off.' })
  revokedAt: string | null;
}

export class FeedbackLinkCreatedDto extends FeedbackLinkResponseDto {
  @ApiProperty({ description: 'Shown only now: only its hash is kept.' }) token: string;
  @ApiProperty({
    example: 'https://tandem.library.org/feedback/3q2-…',
    description: 'The page to share (e.g. as a QR code).',
  })
  url: string;
}

export class FeedbackLinkPageDto {
  @ApiProperty({ type: [FeedbackLinkResponseDto] }) data: FeedbackLinkResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class PublicFeedbackCreatedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}
