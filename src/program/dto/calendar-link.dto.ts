import { ApiProperty } from '@nestjs/swagger';

/** The caller's own calendar subscription link to a program. */
export class CalendarLinkDto {
  @ApiProperty({
    format: 'uri',
    description:
      'The iCalendar feed with the caller’s key, for "subscribe from web" in Outlook, Google or Apple Calendar (no sign-in needed: share it like a password). ' +
      'It works while its owner is active, until they make a new one.',
  })
  url: string;

  @ApiProperty({ format: 'date-time', description: 'When this link was made.' })
  createdAt: string;
}

/** The caller's current link, or nulls before they made one. */
export class CurrentCalendarLinkDto {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uri',
    description: 'As CalendarLinkDto.url; null until the caller makes a link (POST).',
  })
  url: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  createdAt: string | null;
}
