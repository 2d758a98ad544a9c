import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsIsoDateOrDateTime, IsIsoDateTime } from '../../common/dto/date-time';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull, trimToNull } from '../../common/dto/validators';
import { VisitPurpose } from '../visit.entity';

export const MAX_VISIT_STAFF = 20;
export const MAX_VISIT_CONTACTS = 50;
export const MAX_VISIT_COUNT = 100_000;
const PURPOSES = `must be one of ${Object.values(VisitPurpose).join(', ')}`;

/** Everything of a visit but the organization; each optional here (POST makes some required). */
class VisitFieldsDto {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The program the visit was for (e.g. invitations to its drop-in).',
  })
  @IsOptional()
  @IsUUID('all')
  programId?: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When; defaults to now. Not before 2000, at most a year ahead.',
  })
  @IsOptionalNotNull()
  @IsIsoDateTime()
  visitedAt?: string;

  @ApiPropertyOptional({ type: String, maxLength: 300, nullable: true, example: 'Youth Shelter lobby' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(300)
  location?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Library staff who went (active users); defaults to you.',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_VISIT_STAFF)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  staffIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: "Contacts met, all of the visit's organization; defaults to none.",
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_VISIT_CONTACTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  contactIds?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_VISIT_COUNT, default: 0 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_VISIT_COUNT)
  invitationsHandedOut?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_VISIT_COUNT, default: 0 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(MAX_VISIT_COUNT)
  peopleReached?: number;

  @ApiPropertyOptional({ type: String, maxLength: 20000, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(20000)
  notes?: string | null;
}

export class CreateVisitDto extends VisitFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  organizationId: string;

  @ApiProperty({ enum: VisitPurpose, example: VisitPurpose.Invitations })
  @IsEnum(VisitPurpose, { message: PURPOSES })
  purpose: VisitPurpose;
}

export class UpdateVisitDto extends VisitFieldsDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Moving a visit to another organization needs its contacts to be of that one.',
  })
  @IsOptionalNotNull()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ enum: VisitPurpose })
  @IsOptionalNotNull()
  @IsEnum(VisitPurpose, { message: PURPOSES })
  purpose?: VisitPurpose;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export const VISIT_SORTS = ['visitedAt', '-visitedAt', 'createdAt', '-createdAt'] as const;
export type VisitSort = (typeof VISIT_SORTS)[number];

export class ListVisitsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  programId?: string;

  @ApiPropertyOptional({ enum: VisitPurpose })
  @IsOptional()
  @IsEnum(VisitPurpose, { message: PURPOSES })
  purpose?: VisitPurpose;

  @ApiPropertyOptional({
    description: "Visits at or after this date (from its start in the library's time zone) or date-time.",
    example: '2026-03-01',
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  from?: string;

  @ApiPropertyOptional({
    description:
      "Visits up to this date-time, or through the end of this date (in the library's time zone); not before `from`.",
    example: '2026-03-31',
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  to?: string;

  @ApiPropertyOptional({ enum: VISIT_SORTS, default: '-visitedAt' })
  @IsOptional()
  @IsIn(VISIT_SORTS)
  sort?: VisitSort;
}

export class VisitResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) programId: string | null;
  @ApiProperty({ format: 'date-time' }) visitedAt: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ enum: VisitPurpose }) purpose: VisitPurpose;
  @ApiProperty({ type: [String], format: 'uuid' }) staffIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) contactIds: string[];
  @ApiProperty() invitationsHandedOut: number;
  @ApiProperty() peopleReached: number;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class VisitPageDto {
  @ApiProperty({ type: [VisitResponseDto] }) data: VisitResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
