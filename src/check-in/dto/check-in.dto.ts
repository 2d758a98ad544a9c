import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageMetaDto } from '../../common/dto/pagination.dto';
import { DELIVERY_API_STATUSES, type DeliveryApiStatus } from '../../outbox/delivery-state';
import { IsOptionalNotNull, trimToNull } from '../../common/dto/validators';
import { CHECK_IN_AREAS, CheckInArea } from '../../partnership/health-rules';
import { CheckInRespondent } from '../check-in-response.entity';
import { CHECK_IN_STATEMENT_IDS, CheckInClassification, MAX_CHECK_IN_COMMENT } from '../check-in-survey';
import { CheckInStatus } from '../check-in.entity';
import { MAX_ROUND_ORGANIZATIONS, RespondentGap, RoundSkipReason } from '../check-in.service';

const CLASSIFICATIONS: CheckInClassification[] = ['strength', 'borderline', 'concern'];
const SKIP_REASONS: RoundSkipReason[] = [
  'not-found',
  'ended',
  'open',
  'recent',
  'too-new',
  'not-active',
  'no-respondent',
];
const GAP_REASONS: RespondentGap['reason'][] = ['no-owner', 'owner-inactive', 'no-contact', 'no-email', 'unsubscribed'];

/** POST /api/v1/check-ins/rounds. */
export class StartRoundDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_ROUND_ORGANIZATIONS,
    description:
      'Ask these organizations (any stage but ended, however recent their last check-in, however new: naming them asks on purpose). Without it: every active organization with no open check-in, none opened within the interval of the settings, and active for at least `firstAfterDays`.',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_ROUND_ORGANIZATIONS)
  @IsUUID('all', { each: true })
  organizationIds?: string[];
}

/**
 * POST /api/v1/public/check-ins/:token as JSON. The shape is checked here; the answers map
 * (statement ids and 1–5 values) by validateAnswers.
 */
export class SubmitCheckInAnswersDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 1, maximum: 5, nullable: true },
    example: { 'communication.heard': 4, 'resources.capacity': 2, 'purpose.progress': null },
    description: `Statement id → 1 (strongly disagree) … 5 (strongly agree); null or left out for not sure. Statement ids: ${CHECK_IN_STATEMENT_IDS.join(', ')}. At least one answer.`,
  })
  @IsObject()
  answers: Record<string, unknown>;

  @ApiPropertyOptional({
    maxLength: MAX_CHECK_IN_COMMENT,
    nullable: true,
    description: 'Anything else you want us to know (optional).',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(MAX_CHECK_IN_COMMENT)
  comment?: string | null;
}

export class CheckInAnsweredDto {
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
}

/** How the survey email to one respondent fared: its row in the delivery log. */
export class CheckInEmailDto {
  @ApiProperty({
    enum: DELIVERY_API_STATUSES,
    description:
      '`scheduled` until a worker has sent it (also while retrying after a temporary SMTP error), then `sent`; `failed` when the ' +
      'mail server refused it for good or every attempt failed; `skipped` when it was no longer needed (answered, closed, unsubscribed).',
  })
  status: DeliveryApiStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why it failed or was skipped, or the last temporary error while it is retried. Never contains an email address.',
  })
  error: string | null;
}

export class CheckInRespondentDto {
  @ApiProperty({
    enum: CheckInRespondent,
    description: "owner: the library's owner of the partnership; partner: the partner's primary contact.",
  })
  respondent: CheckInRespondent;
  @ApiProperty() answered: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty({
    type: CheckInEmailDto,
    nullable: true,
    description: 'The survey email to this respondent; null when none was queued.',
  })
  email: CheckInEmailDto | null;
}

export class CheckInAreaDto {
  @ApiProperty({ enum: CHECK_IN_AREAS }) area: CheckInArea;
  @ApiProperty({ example: 'process and structure' }) label: string;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 2.5,
    description: 'Mean of every answer to the area’s statements by every respondent, one decimal; null when none.',
  })
  average: number | null;
  @ApiProperty({ enum: CLASSIFICATIONS, nullable: true, description: 'strength ≥ 4, borderline 3–3.9, concern < 3.' })
  classification: CheckInClassification | null;
  @ApiProperty({ description: 'How many answers the average is over.' }) answers: number;
}

export class CheckInStatementDto {
  @ApiProperty({ example: 'communication.heard' }) id: string;
  @ApiProperty({ enum: CHECK_IN_AREAS }) area: CheckInArea;
  @ApiProperty() text: string;
  @ApiProperty({ nullable: true, type: Number }) average: number | null;
  @ApiProperty() answers: number;
}

export class CheckInCommentDto {
  @ApiProperty({ enum: CheckInRespondent }) respondent: CheckInRespondent;
  @ApiProperty() comment: string;
}

export class CheckInResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ enum: CheckInStatus }) status: CheckInStatus;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who started it; null when the schedule did.',
  })
  openedById: string | null;
  @ApiProperty() responseCount: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastResponseAt: string | null;
  @ApiProperty({ type: [CheckInRespondentDto] }) respondents: CheckInRespondentDto[];
  @ApiProperty({ type: [CheckInAreaDto], description: 'The six areas in survey order.' }) areas: CheckInAreaDto[];
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Mean of the area averages (each area counts the same), one decimal.',
  })
  overall: number | null;
  @ApiProperty({ type: [CheckInStatementDto] }) statements: CheckInStatementDto[];
  @ApiProperty({ type: [CheckInCommentDto], nullable: true, description: 'Free-text comments; null for viewers.' })
  comments: CheckInCommentDto[] | null;
}

export class CheckInPageDto {
  @ApiProperty({ type: [CheckInResponseDto] }) data: CheckInResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

/** One side of a partnership that a round could not ask, and why. */
export class RoundNotAskedDto {
  @ApiProperty({ enum: CheckInRespondent }) respondent: CheckInRespondent;
  @ApiProperty({
    enum: GAP_REASONS,
    description:
      'owner: no-owner (the partnership has none) or owner-inactive (not an active user); partner: no-contact (no primary contact), no-email (the primary contact has no email address) or unsubscribed (they unsubscribed from emails).',
  })
  reason: RespondentGap['reason'];
}

export class RoundStartedDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) checkInId: string;
  @ApiProperty({ enum: CheckInRespondent, isArray: true }) respondents: CheckInRespondent[];
  @ApiProperty({
    description:
      'Survey emails queued, one per respondent. They go out within a minute; whether each did (or failed, and why) shows on the check-in (`respondents[].email`).',
  })
  emailsQueued: number;
  @ApiProperty({ type: [RoundNotAskedDto], description: 'The side not asked, and why; empty when both are.' })
  notAsked: RoundNotAskedDto[];
}

export class RoundSkippedDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for not-found.' }) name: string | null;
  @ApiProperty({
    enum: SKIP_REASONS,
    description:
      'not-found: no such organization; ended: the partnership ended; open: a check-in is open; recent: one was opened within the interval; ' +
      'too-new: not yet active for `firstAfterDays` of the settings (only when the round picks the partners); not-active: no longer active when its turn came; ' +
      'no-respondent: no active owner and no primary contact to email (`notAsked` says why for each).',
  })
  reason: RoundSkipReason;
  @ApiProperty({
    type: [RoundNotAskedDto],
    description: 'For no-respondent: why neither side can be asked; else empty.',
  })
  notAsked: RoundNotAskedDto[];
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'For too-new: from when a round will ask it; else null.',
  })
  firstCheckInFrom: string | null;
}

export class RoundNotDueDto {
  @ApiProperty({ description: 'Active partners left out because a check-in of theirs is open.' }) open: number;
  @ApiProperty({ description: 'Active partners left out because one was opened within the interval.' }) recent: number;
}

export class RoundResultDto {
  @ApiProperty({ type: [RoundStartedDto] }) started: RoundStartedDto[];
  @ApiProperty({ type: [RoundSkippedDto] }) skipped: RoundSkippedDto[];
  @ApiProperty({
    type: RoundNotDueDto,
    description:
      'Without organizationIds: the active partners not due because of their last check-in, counted rather than listed. Zero with them.',
  })
  notDue: RoundNotDueDto;
}
