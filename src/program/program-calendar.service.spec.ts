import ICAL from 'ical.js';
import { PartnerRole } from './program-partner.entity';
import {
  buildProgramCalendar,
  calendarFileName,
  CalendarProgram,
  CalendarSession,
  FEED_REFRESH_SECONDS,
} from './program-calendar.service';

const program = (overrides: Partial<CalendarProgram> = {}): CalendarProgram => ({
  id: '0b6f2d4e-9a51-4c1e-8f7a-3d2c1b0a9e8f',
  name: 'Teen drop-in',
  description: 'Games, snacks and homework help.',
  libraryGoal: 'Library cards for shelter youth',
  location: 'Central Library, Room B; 2nd floor',
  version: 1,
  updatedAt: new Date('2026-09-01T10:00:00Z'),
  partners: [{ name: 'Harbor Youth Shelter', role: PartnerRole.Host }],
  ...overrides,
});

let counter = 0;
const session = (startsAt: string, overrides: Partial<CalendarSession> = {}): CalendarSession => {
  counter += 1;
  return {
    id: `5a8e7c1d-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    startsAt: new Date(startsAt),
    endsAt: new Date(new Date(startsAt).getTime() + 90 * 60_000),
    cancelled: false,
    closureName: null,
    version: 1,
    updatedAt: new Date('2026-09-01T10:00:00Z'),
    ...overrides,
  };
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

/** A date-time property as the instant it names. */
function instant(component: ICAL.Component, name: string): Date {
  const value = component.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value.toJSDate();
}

describe('buildProgramCalendar', () => {
  // 15:30 in Los Angeles: PDT (UTC-7) before 2026-11-01, PST (UTC-8) after.
  const beforeDst = session('2026-10-28T22:30:00Z');
  const afterDst = session('2026-11-04T23:30:00Z');

  it('writes one VEVENT per session with a UID made from the session id', () => {
    const { events } = parse(buildProgramCalendar(program(), [beforeDst, afterDst]));
    expect(events.map((event) => event.getFirstPropertyValue('uid'))).toEqual([
      `${beforeDst.id}@tandem`,
      `${afterDst.id}@tandem`,
    ]);
  });

  it('writes an empty calendar for a program without sessions', () => {
    const { calendar, events } = parse(buildProgramCalendar(program(), []));
    expect(events).toHaveLength(0);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
  });

  it('writes start and end as UTC instants equal to the session times', () => {
    const text = buildProgramCalendar(program(), [beforeDst, afterDst]);
    expect(text).toContain('\r\nDTSTART:20261028T223000Z\r\n');
    expect(text).toContain('\r\nDTSTART:20261104T233000Z\r\n');
    expect(text).not.toContain('TZID');
    const [first, second] = parse(text).events;
    expect(instant(first, 'dtstart')).toEqual(beforeDst.startsAt);
    expect(instant(first, 'dtend')).toEqual(beforeDst.endsAt);
    expect(instant(second, 'dtstart')).toEqual(afterDst.startsAt);
  });

  it('puts the program name, location and description on each event, escaped and read back intact', () => {
    const [event] = parse(buildProgramCalendar(program(), [beforeDst])).events;
    expect(event.getFirstPropertyValue('summary')).toBe('Teen drop-in');
    expect(event.getFirstPropertyValue('location')).toBe('Central Library, Room B; 2nd floor');
    const description = String(event.getFirstPropertyValue('description'));
    expect(description).toContain('Games, snacks and homework help.');
    expect(description).toContain('Library goal: Library cards for shelter youth');
    expect(description).toContain('Partners: Harbor Youth Shelter (host)');
  });

  it('marks staff-cancelled and closure sessions STATUS:CANCELLED, with the closure name as the reason', () => {
    const staff = session('2026-11-11T23:30:00Z', { cancelled: true });
    const closed = session('2026-11-25T23:30:00Z', { closureName: 'Thanksgiving' });
    const { events } = parse(buildProgramCalendar(program(), [afterDst, staff, closed]));
    expect(events.map((event) => event.getFirstPropertyValue('status'))).toEqual([
      'CONFIRMED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(String(events[2].getFirstPropertyValue('description'))).toMatch(
      /^Cancelled: the library is closed \(Thanksgiving\)\./,
    );
    expect(String(events[1].getFirstPropertyValue('description'))).toMatch(/^Cancelled\./);
  });

  it('raises SEQUENCE when the session or the program changes', () => {
    const sequence = (p: CalendarProgram, s: CalendarSession) =>
      parse(buildProgramCalendar(p, [s])).events[0].getFirstPropertyValue('sequence');
    expect(sequence(program(), beforeDst)).toBe(0);
    expect(sequence(program(), { ...beforeDst, version: 3 })).toBe(2);
    expect(sequence(program({ version: 2 }), { ...beforeDst, version: 3 })).toBe(3);
  });

  it('stamps each event with its last change, so an unchanged feed is byte-identical', () => {
    const later = { ...beforeDst, updatedAt: new Date('2026-10-01T08:00:00Z') };
    const text = buildProgramCalendar(program(), [later, afterDst]);
    expect(buildProgramCalendar(program(), [later, afterDst])).toBe(text);
    const [first, second] = parse(text).events;
    expect(instant(first, 'dtstamp')).toEqual(later.updatedAt);
    expect(instant(second, 'dtstamp')).toEqual(program().updatedAt);
  });

  it('escapes commas, semicolons and backslashes in the calendar name, and line breaks cannot inject lines', () => {
    const name = 'Teens, tech; and \\ more\r\nBEGIN:VEVENT\u0000';
    const text = buildProgramCalendar(
      program({ name, description: 'Line one,\r\nline two\u0007', location: 'Room B\nEND:VCALENDAR' }),
      [beforeDst],
    );
    expect(text.split('\r\n').filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(text.split('\r\n').filter((line) => line === 'END:VCALENDAR')).toHaveLength(1);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/(?!\t)\p{Cc}/u);
    expect(text).toContain('\r\nX-WR-CALNAME:Teens\\, tech\\; and \\\\ more BEGIN:VEVENT\r\n');
    // NAME (RFC 7986) and X-* properties are TEXT, escaped as such; ical.js reads them raw, so the raw lines are checked.
    expect(text).toContain('\r\nNAME:Teens\\, tech\\; and \\\\ more BEGIN:VEVENT\r\n');
    const { events } = parse(text);
    expect(events[0].getFirstPropertyValue('summary')).toBe('Teens, tech; and \\ more BEGIN:VEVENT');
    expect(events[0].getFirstPropertyValue('location')).toBe('Room B END:VCALENDAR');
    expect(String(events[0].getFirstPropertyValue('description'))).toMatch(/^Line one,\nline two\n\n/);
  });

  it('names the calendar and asks subscribers to refresh', () => {
    const { calendar } = parse(buildProgramCalendar(program(), []));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Tandem//Program calendar//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Teen drop-in');
    expect(calendar.getFirstPropertyValue('name')).toBe('Teen drop-in');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe(`PT${FEED_REFRESH_SECONDS / 3600}H`);
    expect(String(calendar.getFirstPropertyValue('x-published-ttl'))).toBe(`PT${FEED_REFRESH_SECONDS / 3600}H`);
  });

  it('ends every line with CRLF and folds lines at 75 octets, multi-byte characters kept whole', () => {
    const name = 'Atelier numérique des jeunes — 日本語の読書会 '.repeat(4).trim();
    const text = buildProgramCalendar(program({ name, description: 'ü'.repeat(200) }), [beforeDst]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n');
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text).not.toContain('\uFFFD');
    expect(parse(text).events[0].getFirstPropertyValue('summary')).toBe(name);
  });
});

describe('calendarFileName', () => {
  it('makes an ASCII file name from the program name', () => {
    expect(calendarFileName('Teen Drop-in @ Central!')).toBe('teen-drop-in-central.ics');
    expect(calendarFileName('Atelier numérique')).toBe('atelier-numerique.ics');
  });

  it('falls back to "program" when nothing of the name is left', () => {
    expect(calendarFileName('日本語')).toBe('program.ics');
    expect(calendarFileName('"; rm -rf')).toBe('rm-rf.ics');
  });
});
