import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIsoDateTime } from '../../common/dto/date-time';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull, trimString } from '../../common/dto/validators';
import { DELIVERY_API_STATUSES, type DeliveryApiStatus, DeliveryKind } from '../../outbox/delivery-state';
import { MAX_OFFSET_MINUTES, ReminderTriggerType } from '../reminder.entity';

export const MAX_REMINDER_RECIPIENTS = 50;
export const MAX_REMINDER_MESSAGE = 5000;
const TYPES = `must be one of ${Object.values(ReminderTriggerType).join(', ')}`;

/**
 * Ids are stored and compared in lower case; lowering them before validation makes
 * `ArrayUnique` catch the same id sent twice in different cases (which would otherwise reach
 * the join table's primary key).
 */
const lowerCase = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toLowerCase() : value);
const lowerCaseEach = ({ value }: { value: unknown }): unknown =>
  Array.isArray(value) ? value.map((item: unknown) => (typeof item === 'string' ? item.toLowerCase() : item)) : value;

const booleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * When a reminder goes out. Which fields a type needs (and that it has no others) is checked by
 * the service, so the answer can name the field: session needs programId and offsetMinutes,
 * once needs at, task-due needs taskId and offsetMinutes.
 */
export class ReminderTriggerDto {
  @ApiProperty({ enum: ReminderTriggerType, example: ReminderTriggerType.Session })
  @IsEnum(ReminderTriggerType, { message: TYPES })
  type: ReminderTriggerType;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'session: the program whose every session it follows.',
  })
  @IsOptional()
  @Transform(lowerCase)
  @IsUUID('all')
  programId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'task-due: the task whose due time it follows.',
  })
  @IsOptional()
  @Transform(lowerCase)
  @IsUUID('all')
  taskId?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: -MAX_OFFSET_MINUTES,
    maximum: MAX_OFFSET_MINUTES,
    example: -1440,
    description: 'session and task-due: minutes from the session start or due time; negative = before.',
  })
  @IsOptional()
  @IsInt()
  @Min(-MAX_OFFSET_MINUTES)
  @Max(MAX_OFFSET_MINUTES)
  offsetMinutes?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'once: when; not in the past, at most 5 years ahead.',
  })
  @IsOptional()
  @IsIsoDateTime()
  at?: string | null;
}

/** Fields of a reminder, each optional here; POST makes title and trigger required. */
class ReminderFieldsDto {
  @ApiPropertyOptional({ maxLength: MAX_REMINDER_MESSAGE, default: '', description: 'The body of the email.' })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @MaxLength(MAX_REMINDER_MESSAGE)
  message?: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_REMINDER_RECIPIENTS,
    description: 'Users to email (active users); replaces the list when given.',
  })
  @IsOptionalNotNull()
  @Transform(lowerCaseEach)
  @IsArray()
  @ArrayMaxSize(MAX_REMINDER_RECIPIENTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  recipientIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: MAX_REMINDER_RECIPIENTS,
    description: 'Partner contacts to email; replaces the list when given.',
  })
  @IsOptionalNotNull()
  @Transform(lowerCaseEach)
  @IsArray()
  @ArrayMaxSize(MAX_REMINDER_RECIPIENTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  recipientContactIds?: string[];

  @ApiPropertyOptional({ default: true, description: 'An inactive rule sends nothing.' })
  @IsOptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class CreateReminderDto extends ReminderFieldsDto {
  @ApiProperty({ maxLength: 200, example: 'Drop-in tomorrow: bring the sign-up sheets' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ type: ReminderTriggerDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ReminderTriggerDto)
  trigger: ReminderTriggerDto;
}

export class UpdateReminderDto extends ReminderFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ type: ReminderTriggerDto, description: 'Replaces the whole trigger.' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => ReminderTriggerDto)
  trigger?: ReminderTriggerDto;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export class ListRemindersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Session reminders of this program.' })
  @IsOptional()
  @IsUUID('all')
  programId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Reminders of this task.' })
  @IsOptional()
  @IsUUID('all')
  taskId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ enum: ReminderTriggerType, description: 'The trigger type.' })
  @IsOptional()
  @IsEnum(ReminderTriggerType, { message: TYPES })
  type?: ReminderTriggerType;
}

export class ListDeliveriesQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_API_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_API_STATUSES, { message: `must be one of ${DELIVERY_API_STATUSES.join(', ')}` })
  status?: DeliveryApiStatus;
}

export class ReminderTriggerResponseDto {
  @ApiProperty({ enum: ReminderTriggerType }) type: ReminderTriggerType;
  @ApiPropertyOptional({ format: 'uuid', description: 'session only' }) programId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'task-due only' }) taskId?: string;
  @ApiPropertyOptional({ description: 'session and task-due only' }) offsetMinutes?: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'once only' }) at?: string;
}

export class ReminderResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: ReminderTriggerResponseDto }) trigger: ReminderTriggerResponseDto;
  @ApiProperty({ type: [String], format: 'uuid' }) recipientIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) recipientContactIds: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) createdById: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ReminderPageDto {
  @ApiProperty({ type: [ReminderResponseDto] }) data: ReminderResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}

export class DeliveryResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({
    format: 'date-time',
    description: 'The session start, task due time or fixed time this email is about.',
  })
  occurrenceAt: string;
  @ApiProperty({ format: 'date-time', description: 'When it is (or was) due to go out.' }) dueAt: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user or contact; null once the contact was erased.',
  })
  recipientId: string | null;
  @ApiProperty({ enum: ['user', 'contact'] }) recipientType: 'user' | 'contact';
  @ApiProperty({ enum: DELIVERY_API_STATUSES }) status: DeliveryApiStatus;
  @ApiProperty({ description: 'Send attempts made.' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed or was skipped, in plain words.' }) error:
    string | null;
  @ApiProperty({ description: 'Sent well after it fell due (Tandem or its queue was down).' }) late: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The session, for session reminders.' })
  sessionId: string | null;
  @ApiProperty({ enum: DeliveryKind }) kind: DeliveryKind;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryResponseDto] }) data: DeliveryResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
