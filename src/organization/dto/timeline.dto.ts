import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/dto/pagination.dto';
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

export class TimelineDto {
  @ApiProperty({ type: [TimelineEntryDto] }) data: TimelineEntryDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
