import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { IsIsoDateOrDateTime } from '../../common/dto/date-time';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull, trimString } from '../../common/dto/validators';
import { TaskStatus } from '../task.entity';

const STATUSES = `must be one of ${Object.values(TaskStatus).join(', ')}`;

const DUE_AT =
  'A date-time with an offset (2026-12-07T17:00:00Z), or a date only (2026-12-07): due by the end of that day in the ' +
  "library's time zone (GET /api/v1/settings/library), stored as the first instant of the next library day, so the " +
  "task becomes overdue exactly at the library's midnight. Not before 2000, at most 5 years ahead.";

/** Fields of a task, each optional here; POST makes title and dueAt required. */
class TaskFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Who does it (an active user); defaults to you.' })
  @IsOptionalNotNull()
  @IsUUID('all')
  assigneeId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "Defaults to the visit's organization when visitId is given.",
  })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all')
  programId?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The visit this follows up; the task then belongs to its organization.',
  })
  @IsOptional()
  @IsUUID('all')
  visitId?: string | null;

  @ApiPropertyOptional({
    enum: TaskStatus,
    default: TaskStatus.Open,
    description: 'done sets completedAt; open clears it.',
  })
  @IsOptionalNotNull()
  @IsEnum(TaskStatus, { message: STATUSES })
  status?: TaskStatus;
}

export class CreateTaskDto extends TaskFieldsDto {
  @ApiProperty({ maxLength: 200, example: 'Send the shelter the spring schedule' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiProperty({ type: String, description: DUE_AT, example: '2026-12-07' })
  @IsIsoDateOrDateTime()
  dueAt: string;
}

export class UpdateTaskDto extends TaskFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ type: String, description: DUE_AT })
  @IsOptionalNotNull()
  @IsIsoDateOrDateTime()
  dueAt?: string;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export const TASK_SORTS = ['dueAt', '-dueAt', 'createdAt', '-createdAt'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

const booleanQuery = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListTasksQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;

  @ApiPropertyOptional({ enum: TaskStatus })
  @IsOptional()
  @IsEnum(TaskStatus, { message: STATUSES })
  status?: TaskStatus;

  @ApiPropertyOptional({ type: Boolean, description: 'true: open and past due; false: everything else.' })
  @IsOptional()
  @Transform(booleanQuery)
  @IsBoolean({ message: 'must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
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
  visitId?: string;

  @ApiPropertyOptional({ enum: TASK_SORTS, default: 'dueAt' })
  @IsOptional()
  @IsIn(TASK_SORTS)
  sort?: TaskSort;
}

export class TaskResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() title: string;
  @ApiProperty({
    format: 'date-time',
    description: "When it is due; a date-only due date reads back as the library's midnight ending that day.",
  })
  dueAt: string;
  @ApiProperty({ format: 'uuid' }) assigneeId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) programId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) visitId: string | null;
  @ApiProperty({ enum: TaskStatus }) status: TaskStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TaskPageDto {
  @ApiProperty({ type: [TaskResponseDto] }) data: TaskResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
