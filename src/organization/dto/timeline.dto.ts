import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../common/dto/pagination.dto';
import { TIMELINE_TYPES, TimelineType } from '../../read-side/timeline.query';

export class TimelineEntryDto {
  @ApiProperty({ enum: TIMELINE_TYPES }) type: TimelineType;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ example: 'Stage: exploring → active — first drop-in scheduled' }) summary: string;
  @ApiProperty({ format: 'uuid', description: 'Id of the note, stage change, visit… it refers to.' }) refId: string;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineEntryDto] }) data: TimelineEntryDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;
}
