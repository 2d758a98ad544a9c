import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageMetaDto, PaginationQueryDto } from '../../common/dto/pagination.dto';
import { TIMELINE_TYPES, TimelineType } from '../../read-side/timeline.query';

export class TimelineEntryDto {
  @ApiProperty({ enum: TIMELINE_TYPES }) type: TimelineType;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'Stage: exploring → active — first drop-in scheduled' }) summary: string;
  @ApiProperty({ format: 'uuid', description: 'Id of the note, stage change, visit… it refers to.' }) refId: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'es',
    description: 'Feedback only: the language it was given in (null when not known). Left out for every other kind.',
  })
  language?: string | null;
}

export class TimelineQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    maxLength: 200,
    description:
      'The page after the one that gave it (`meta.nextCursor`): keyset paging, as fast for a partner with years of events as for a new one. Not with `offset`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class TimelineMetaDto extends PageMetaDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page.',
  })
  nextCursor: string | null;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineEntryDto] }) data: TimelineEntryDto[];
  @ApiProperty({ type: TimelineMetaDto }) meta: TimelineMetaDto;
}
