import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { commaSeparated, IsOptionalNotNull, trimString, trimToNull } from '../../common/dto/validators';
import { OrganizationStage } from '../organization-stage';

export const MAX_LINKS = 50;
export const MAX_TAGS = 30;
const PHONE = /^[0-9+()\-.\s/x#*]{3,40}$/i;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _&'.-]{0,49}$/u;

const lowerTags = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? (value as unknown[]).map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag))
    : value;

export class FitDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 5, description: 'Do they reach an audience we want to serve?' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(5)
  audienceReach?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 5,
    description: 'Can one project serve a goal of theirs and one of ours?',
  })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(5)
  missionOverlap?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 5, description: 'Do they have skills or resources we lack?' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(5)
  complementaryResources?: number;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

/** Fields shared by create and update; each optional here, `name` made required on create. */
class OrganizationFieldsDto {
  @ApiPropertyOptional({ type: String, maxLength: 80, nullable: true, example: 'Youth shelter' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(80)
  type?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true, example: 'https://harborhouse.org' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(500)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: false }, { message: 'must be a web address' })
  website?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 254, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 40, nullable: true, example: '+1 503 555 0142' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @Matches(PHONE, { message: 'must be a phone number (digits, spaces, + ( ) - .)' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  mission?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 20000, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(20000)
  notes?: string | null;

  @ApiPropertyOptional({ enum: OrganizationStage, default: OrganizationStage.Prospect })
  @IsOptionalNotNull()
  @IsEnum(OrganizationStage, { message: `must be one of ${Object.values(OrganizationStage).join(', ')}` })
  stage?: OrganizationStage;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user who looks after this partnership.',
  })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Audiences they serve.' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_LINKS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  audienceIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Skills & resources they offer.' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_LINKS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  capabilityIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Skills & resources they seek.' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_LINKS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  seeksCapabilityIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['drop-in', 'youth'],
    description: 'Lower-cased; up to 30 of 1–50 characters.',
  })
  @IsOptionalNotNull()
  @Transform(lowerTags)
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @ArrayUnique()
  @Matches(TAG, { each: true, message: "each tag must be 1–50 letters, digits, spaces or _ & ' . -" })
  tags?: string[];

  @ApiPropertyOptional({ type: FitDto })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => FitDto)
  fit?: FitDto;
}

export class CreateOrganizationDto extends OrganizationFieldsDto {
  @ApiProperty({ maxLength: 200, example: 'Harbor House Youth Shelter' })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  name: string;
}

export class UpdateOrganizationDto extends OrganizationFieldsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    description: 'Why the stage changed; kept with the stage change.',
  })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(500)
  stageReason?: string | null;

  @ApiProperty({
    description: 'The version you read; a stale one gets 409 with the current version and changes nothing.',
  })
  @IsInt()
  @Min(1)
  version: number;
}

export const ORGANIZATION_SORTS = ['name', 'updatedAt', 'createdAt', 'stage'] as const;
export type OrganizationSort = (typeof ORGANIZATION_SORTS)[number];
const SORT_VALUES = [...ORGANIZATION_SORTS, ...ORGANIZATION_SORTS.map((s) => `-${s}`)];

export class ListOrganizationsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    description: 'Words in the name, mission or notes; ignores case and accents.',
    maxLength: 200,
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: OrganizationStage, description: 'One stage, or several separated by commas.' })
  @IsOptional()
  @Transform(commaSeparated)
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(OrganizationStage, { each: true, message: `must be one of ${Object.values(OrganizationStage).join(', ')}` })
  stage?: OrganizationStage[];

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  audienceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Organizations offering this capability.' })
  @IsOptional()
  @IsUUID('all')
  capabilityId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Organizations seeking this capability.' })
  @IsOptional()
  @IsUUID('all')
  seeksCapabilityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(50)
  tag?: string;

  @ApiPropertyOptional({ enum: SORT_VALUES, default: 'name' })
  @IsOptional()
  @IsIn(SORT_VALUES)
  sort?: string;

  @ApiPropertyOptional({
    maxLength: 600,
    description:
      'The next page after the one that gave it (`meta.nextCursor`), with the same filters and sort: keyset paging, as fast ' +
      'far down the directory as at its top. Not with `offset`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(600)
  cursor?: string;
}

export class OrganizationPageMetaDto extends PageMetaDto {
  @ApiProperty({
    description:
      'True when `total` is the database’s estimate rather than a count: above ' +
      '10,000 matching organizations a page does not count them all (the estimate is good to a few percent).',
  })
  totalIsEstimate: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor: string | null;
}

export class FitResponseDto {
  @ApiProperty({ minimum: 0, maximum: 5 }) audienceReach: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) missionOverlap: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) complementaryResources: number;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
}

export class OrganizationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) type: string | null;
  @ApiProperty({ type: String, nullable: true }) website: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true }) mission: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ enum: OrganizationStage }) stage: OrganizationStage;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) ownerId: string | null;
  @ApiProperty({ type: [String] }) audienceIds: string[];
  @ApiProperty({ type: [String] }) capabilityIds: string[];
  @ApiProperty({ type: [String] }) seeksCapabilityIds: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: FitResponseDto }) fit: FitResponseDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationResponseDto] }) data: OrganizationResponseDto[];
  @ApiProperty({ type: OrganizationPageMetaDto }) meta: OrganizationPageMetaDto;
}

export class CreateNoteDto {
  @ApiProperty({ maxLength: 20000, example: 'Met the new case manager; they want a Spanish-language session.' })
  @Transform(trimString)
  @IsString()
  @Length(1, 20000)
  body: string;
}

export class NoteResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorId: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NotePageDto {
  @ApiProperty({ type: [NoteResponseDto] }) data: NoteResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
