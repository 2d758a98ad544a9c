import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { IsOptionalNotNull, trimString, trimToNull } from '../../common/dto/validators';
import { LANGUAGE_TAGS } from '@tandem/shared';
import { LANGUAGE_TAG_MAX } from '../../library/library-settings';
import { PreferredChannel } from '../contact.entity';

const PHONE = /^[0-9+()\-.\s/x#*]{3,40}$/i;
const CHANNELS = `must be one of ${Object.values(PreferredChannel).join(', ')}`;
const LANGUAGE =
  'The contact’s preferred language for emails: a BCP 47 primary tag among the library’s `languages` (any case; written lower case). Left out on create: the library’s default language at that moment. Another tag is 400 naming the offered ones.';

class ContactFieldsDto {
  @ApiPropertyOptional({ type: String, maxLength: 120, nullable: true, example: 'Case manager' })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(120)
  title?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 254, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 40, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @Matches(PHONE, { message: 'must be a phone number (digits, spaces, + ( ) - .)' })
  phone?: string | null;

  @ApiPropertyOptional({ enum: PreferredChannel, default: PreferredChannel.Email })
  @IsOptionalNotNull()
  @IsEnum(PreferredChannel, { message: CHANNELS })
  preferredChannel?: PreferredChannel;

  @ApiPropertyOptional({ enum: LANGUAGE_TAGS, maxLength: LANGUAGE_TAG_MAX, example: 'es', description: LANGUAGE })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(LANGUAGE_TAG_MAX)
  language?: string;

  @ApiPropertyOptional({ description: 'The main contact of the organization (one per organization).' })
  @IsOptionalNotNull()
  @IsBoolean()
  isPrimary?: boolean;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @Transform(trimToNull)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

export class CreateContactDto extends ContactFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  organizationId: string;

  @ApiProperty({ maxLength: 120, example: 'Dana Whitfield' })
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name: string;
}

export class UpdateContactDto extends ContactFieldsDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptionalNotNull()
  @Transform(trimString)
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiProperty({ description: 'The version you read; a stale one gets 409 and changes nothing.' })
  @IsInt()
  @Min(1)
  version: number;
}

export class ListContactsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Name or title, and for staff and above also email or phone; ignores case and accents.',
  })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class ContactResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for viewers' }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null for viewers' }) phone: string | null;
  @ApiProperty({ enum: PreferredChannel }) preferredChannel: PreferredChannel;
  @ApiProperty({ enum: LANGUAGE_TAGS, example: 'es', description: 'The contact’s preferred language for emails.' })
  language: string;
  @ApiProperty() isPrimary: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'null for viewers' }) notes: string | null;
}

export class ContactPageDto {
  @ApiProperty({ type: [ContactResponseDto] }) data: ContactResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
