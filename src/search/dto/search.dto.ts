import { ApiProperty, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { trimString } from '../../common/dto/validators';
import { ContactResponseDto } from '../../contact/dto/contact.dto';
import { OrganizationResponseDto } from '../../organization/dto/organization.dto';
import { ProgramResponseDto } from '../../program/dto/program.dto';

export class SearchQueryDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    example: 'harbor',
    description:
      'Text to look for, ignoring case and accents: partners by name, mission and notes; contacts by name and title ' +
      '(and for staff and above email and phone); programs by name and description.',
  })
  @Transform(trimString)
  @IsString()
  @Length(1, 200)
  q: string;
}

export class SearchOrganizationDto extends PickType(OrganizationResponseDto, [
  'id',
  'name',
  'stage',
  'type',
] as const) {}

export class SearchContactDto extends ContactResponseDto {
  @ApiProperty({ description: 'The name of the contact’s organization (its page is where the contact is shown).' })
  organizationName: string;
}

export class SearchProgramDto extends PickType(ProgramResponseDto, ['id', 'name', 'status'] as const) {}

export class SearchResponseDto {
  @ApiProperty({ type: [SearchOrganizationDto], description: 'At most 5, the most relevant first.' })
  organizations: SearchOrganizationDto[];
  @ApiProperty({
    type: [SearchContactDto],
    description:
      'At most 5, the most relevant first; as the caller may see them (viewers get email, phone and notes as null).',
  })
  contacts: SearchContactDto[];
  @ApiProperty({ type: [SearchProgramDto], description: 'At most 5, the most relevant first.' })
  programs: SearchProgramDto[];
}
