import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectRepository } from '@nestjs/typeorm';
import ical, { escape, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { MoreThanOrEqual, Repository } from 'typeorm';
import { Clock } from '../common/clock/clock';
import { PartnerRole, ProgramPartner } from './program-partner.entity';
import { ProgramSession } from './program-session.entity';
import { ProgramService } from './program.service';

/** The feed reaches back this far, so last season's sessions stay in subscribers' calendars. */
export const FEED_PAST_DAYS = 366;
/** A bound on the feed's size whatever the schedule (the window ahead is ~120 days of sessions). */
export const FEED_MAX_EVENTS = 3000;
/** How often subscribers are asked to refresh (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 3600;

export interface CalendarProgram {
  id: string;
  name: string;
  description: string | null;
  libraryGoal: string | null;
  location: string | null;
  version: number;
  updatedAt: Date;
  /** Organizations only: never contact names, emails or phone numbers. */
  partners: { name: string; role: PartnerRole }[];
}

export interface CalendarSession {
  id: string;
  startsAt: Date;
  endsAt: Date;
  /** Cancelled by staff. */
  cancelled: boolean;
  /** The closure's name when a library closure cancelled it. */
  closureName: string | null;
  version: number;
  updatedAt: Date;
}

/** The UID of a session's event: stable for the session's life, whatever else changes. */
export function sessionUid(sessionId: string): string {
  return `${sessionId}@tandem`;
}

/** Control characters but tab and line feed. */
const CONTROL_CHARACTERS = /(?![\t\n])\p{Cc}/gu;

/**
 * TEXT values may not hold control characters (RFC 5545 §3.3.11); a line break in a one-line
 * value (a name) would end the property, so it becomes a space.
 */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(CONTROL_CHARACTERS, '');
}

function multiLine(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '');
}

function eventDescription(program: CalendarProgram, session: CalendarSession): string {
  const lines: string[] = [];
  if (session.closureName !== null) lines.push(`Cancelled: the library is closed (${session.closureName}).`);
  else if (session.cancelled) lines.push('Cancelled.');
  if (program.description) lines.push(program.description);
  if (program.libraryGoal) lines.push(`Library goal: ${program.libraryGoal}`);
  if (program.partners.length > 0) {
    lines.push(
      `Partners: ${program.partners.map((partner) => `${oneLine(partner.name)} (${partner.role})`).join(', ')}`,
    );
  }
  return multiLine(lines.join('\n\n'));
}

/**
 * The program's sessions as an RFC 5545 calendar for subscription (METHOD:PUBLISH), one
 * VEVENT per session. Times are UTC instants (`…Z`): exact whatever the client's zone
 * database, with no VTIMEZONE to get wrong; clients show them in the viewer's zone.
 *
 * The output depends only on its input (DTSTAMP is the last change, not "now"), so an
 * unchanged feed has an unchanged ETag and pollers get 304s. SEQUENCE grows with both the
 * session's and the program's version, so a moved, cancelled or renamed session replaces the
 * copy a client holds.
 */
export function buildProgramCalendar(program: CalendarProgram, sessions: CalendarSession[]): string {
  const name = oneLine(program.name);
  // ical-generator 11 writes the calendar's NAME, X-WR-CALNAME and X-WR-CALDESC unescaped (its
  // events' text it does escape), so they are escaped here: a comma or a line break in a
  // program's name must not break or inject lines into the feed.
  const calendar = ical({
    prodId: { company: 'Tandem', product: 'Program calendar', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    name: escape(name, false),
    description: program.description ? escape(multiLine(program.description), false) : null,
    ttl: FEED_REFRESH_SECONDS,
  });
  for (const session of sessions) {
    const lastChange = new Date(Math.max(session.updatedAt.getTime(), program.updatedAt.getTime()));
    const cancelled = session.cancelled || session.closureName !== null;
    calendar.createEvent({
      id: sessionUid(session.id),
      sequence: session.version - 1 + (program.version - 1),
      stamp: lastChange,
      lastModified: lastChange,
      start: session.startsAt,
      end: session.endsAt,
      summary: name,
      location: program.location === null ? null : oneLine(program.location),
      description: eventDescription(program, session),
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** A file name from the program's name: ASCII letters and digits, dashes between words. */
export function calendarFileName(programName: string): string {
  const slug = programName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'program'}.ics`;
}

/** The feed's layout; change it when buildProgramCalendar writes something new, so held copies are replaced. */
export const FEED_FORMAT = 'tandem-program-feed-1';

/** The first instant the feed covers: FEED_PAST_DAYS back from now. */
export function feedWindowStart(now: Date): Date {
  return new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
}

export interface ProgramFeed {
  fileName: string;
  body: string;
}

@Injectable()
export class ProgramCalendarService {
  constructor(
    private readonly programs: ProgramService,
    @InjectRepository(ProgramSession) private readonly sessions: Repository<ProgramSession>,
    @InjectRepository(ProgramPartner) private readonly partners: Repository<ProgramPartner>,
    private readonly clock: Clock,
  ) {}

  /**
   * The feed's version, as an ETag, from what it is made of rather than from the feed itself:
   * the program's version, its partners (how many, their last change: a renamed partner is in the
   * events' text), and the sessions in the feed's window (how many, the first, the last change;
   * closures added or removed change their sessions' versions). Any change to the feed changes one
   * of these, so a calendar app polling an unchanged feed gets its 304 from one small statement,
   * without the feed being read or written. FEED_FORMAT names the feed's layout: change it with
   * buildProgramCalendar. Null when there is no such program.
   */
  async etag(programId: string, now = this.clock.now()): Promise<string | null> {
    const [row] = await this.sessions.query<{ version: string }[]>(
      `
      SELECT concat_ws('|', p.version, p.updated_at,
             (SELECT concat_ws(',', count(*), max(o.updated_at))
                FROM program_partners pp JOIN organizations o ON o.id = pp.organization_id WHERE pp.program_id = p.id),
             (SELECT concat_ws(',', count(*), min(w.starts_at), max(w.updated_at), max(w.version))
                FROM (SELECT s.starts_at, s.updated_at, s.version FROM program_sessions s
                      WHERE s.program_id = p.id AND s.starts_at >= $2 ORDER BY s.starts_at LIMIT $3) w)) AS version
      FROM programs p WHERE p.id = $1`,
      [programId, feedWindowStart(now), FEED_MAX_EVENTS],
    );
    if (!row) return null;
    return `W/"${createHash('sha256').update(`${FEED_FORMAT}|${row.version}`).digest('base64url').slice(0, 27)}"`;
  }

  /** The program's feed (ProgramNotFoundError, 404, when there is none). */
  async feed(programId: string, now = this.clock.now()): Promise<ProgramFeed> {
    const program = await this.programs.get(programId);
    const [partners, sessions] = await Promise.all([
      this.partners.find({
        where: { programId },
        relations: { organization: true },
        // Only the organization's name is read, so no contact data is ever loaded here.
        select: { programId: true, organizationId: true, role: true, organization: { id: true, name: true } },
      }),
      this.sessions.find({
        where: { programId, startsAt: MoreThanOrEqual(feedWindowStart(now)) },
        relations: { closure: true },
        order: { startsAt: 'ASC' },
        take: FEED_MAX_EVENTS,
      }),
    ]);
    const body = buildProgramCalendar(
      {
        id: program.id,
        name: program.name,
        description: program.description,
        libraryGoal: program.libraryGoal,
        location: program.location,
        version: program.version,
        updatedAt: program.updatedAt,
        partners: partners
          .filter((partner) => partner.organization)
          .map((partner) => ({ name: partner.organization!.name, role: partner.role }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
      sessions.map((session) => ({
        id: session.id,
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        cancelled: session.cancelled,
        closureName: session.closureId && session.closure ? session.closure.name : null,
        version: session.version,
        updatedAt: session.updatedAt,
      })),
    );
    return { fileName: calendarFileName(program.name), body };
  }
}
