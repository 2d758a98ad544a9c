import { DateTime } from 'luxon';
import type { Client } from 'pg';
import { RRule } from 'rrule';

/**
 * The sessions benchmark's programs, and the two baselines that materialize their sessions
 * without Tandem: the same rules through plain `rrule` (no database), and that plus the zone
 * conversion and one bulk INSERT.
 */

export const PROGRAMS = 1_000;
/** Tandem's default session window (SESSION_HORIZON_DAYS); the bench sets it explicitly. */
export const HORIZON_DAYS = 120;
/** Start dates this far back, so start → horizon is one year of sessions. */
export const BACK_DAYS = 365 - HORIZON_DAYS;
export const CLOSURES = 12;
export const ORGANIZATIONS = 50;

const DAY_MS = 86_400_000;
const ZONES = [
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'Australia/Sydney',
];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR'];
const PAIRS = ['MO,WE', 'TU,TH', 'WE,FR'];
/** Afternoon and evening starts: none falls in a DST gap or overlap (01:00–03:00). */
const START_TIMES = ['15:30', '16:00', '17:30', '10:00'];
const DURATIONS = [60, 90, 120];

export interface BenchSchedule {
  name: string;
  kind: 'weekly' | 'twice weekly' | 'monthly, last Friday';
  rrule: string;
  timezone: string;
  startTime: string;
  durationMinutes: number;
  startDate: string;
}

const ymd = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Program `i` of the mix: 40 % weekly drop-ins (one weekday), 40 % twice weekly, 20 % monthly
 * on the last Friday (BYSETPOS=-1); zones cycle through six from UTC−8 to UTC+11 (half-hour
 * offsets and both hemispheres' DST included). All start `BACK_DAYS` before `today`.
 */
export function benchSchedule(i: number, today: Date): BenchSchedule {
  const kind = i % 10 < 4 ? 'weekly' : i % 10 < 8 ? 'twice weekly' : 'monthly, last Friday';
  const rrule =
    kind === 'weekly'
      ? `FREQ=WEEKLY;BYDAY=${WEEKDAYS[i % 5]}`
      : kind === 'twice weekly'
        ? `FREQ=WEEKLY;BYDAY=${PAIRS[i % 3]}`
        : 'FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1';
  return {
    name: `Bench ${kind} program ${i}`,
    kind,
    rrule,
    timezone: ZONES[Math.floor(i / 10) % ZONES.length],
    startTime: START_TIMES[i % START_TIMES.length],
    durationMinutes: DURATIONS[i % DURATIONS.length],
    startDate: ymd(
      new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - BACK_DAYS * DAY_MS),
    ),
  };
}

export const benchSchedules = (today: Date) => Array.from({ length: PROGRAMS }, (_, i) => benchSchedule(i, today));

/** Closure days spread over the year (every 29 days, so every weekday gets some). */
export function closureDates(today: Date): string[] {
  const first =
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - BACK_DAYS * DAY_MS + 17 * DAY_MS;
  return Array.from({ length: CLOSURES }, (_, k) => ymd(new Date(first + k * 29 * DAY_MS)));
}

/**
 * Set-based seed: partner organizations, closures, and the programs (one INSERT from arrays,
 * materialized_until NULL, so no sessions yet), each with one partner. Resolves with the
 * program ids in mix order.
 */
export async function seedPrograms(
  db: Client,
  schedules: readonly BenchSchedule[],
  closures: readonly string[],
): Promise<string[]> {
  await db.query(
    `INSERT INTO organizations (name, stage) SELECT 'Partner ' || g, 'active' FROM generate_series(1, ${ORGANIZATIONS}) AS g`,
  );
  await db.query(
    `INSERT INTO closures (date, name)
     SELECT d, (ARRAY['Staff development day','Holiday closure','Building maintenance'])[1 + (n::int % 3)]
     FROM unnest($1::date[]) WITH ORDINALITY AS c(d, n)`,
    [closures],
  );
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO programs (name, status, language, rrule, timezone, start_time, duration_minutes, location, start_date)
     SELECT s.name, 'running', 'en', s.rrule, s.timezone, s.start_time, s.duration_minutes, 'Central Library, Teen Room', s.start_date
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::date[]) WITH ORDINALITY
          AS s(name, rrule, timezone, start_time, duration_minutes, start_date, n)
     ORDER BY s.n
     RETURNING id`,
    [
      schedules.map((s) => s.name),
      schedules.map((s) => s.rrule),
      schedules.map((s) => s.timezone),
      schedules.map((s) => s.startTime),
      schedules.map((s) => s.durationMinutes),
      schedules.map((s) => s.startDate),
    ],
  );
  await db.query(
    `INSERT INTO program_partners (program_id, organization_id, role)
     SELECT p.id, o.ids[1 + (p.n::int % array_length(o.ids, 1))], 'host'
     FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, n),
          (SELECT array_agg(id ORDER BY name) AS ids FROM organizations) AS o`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => r.id);
}

/** Sessions back to none: the state before the first materialization. */
export async function resetSessions(db: Client): Promise<void> {
  await db.query('TRUNCATE program_sessions CASCADE');
  await db.query('UPDATE programs SET materialized_until = NULL');
}

/** `startDate startTime` as a UTC-coded wall clock (rrule's "floating" time). */
function floatingStart(schedule: Pick<BenchSchedule, 'startDate' | 'startTime'>): Date {
  return new Date(`${schedule.startDate}T${schedule.startTime}:00Z`);
}

/** The wall clock (UTC-coded) that `instant` reads in `zone`. */
function wallClockOf(instant: Date, zone: string): Date {
  const local = DateTime.fromJSDate(instant, { zone });
  return new Date(
    Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second, local.millisecond),
  );
}

/**
 * Plain `rrule`: each rule expanded from its start to the wall clock the horizon instant reads
 * in its zone (one conversion per program, so the count matches Tandem's instant window
 * exactly). No zone conversion of the occurrences, no database. Resolves with the count.
 */
export function bareExpansion(schedules: readonly BenchSchedule[], horizon: Date): number {
  let count = 0;
  for (const schedule of schedules) {
    const dtstart = floatingStart(schedule);
    const rule = new RRule({ ...RRule.parseString(schedule.rrule), dtstart });
    count += rule.between(dtstart, new Date(wallClockOf(horizon, schedule.timezone).getTime() - 1), true).length;
  }
  return count;
}

/**
 * The fairer baseline: read the programs, expand each rule with plain `rrule`, turn each
 * occurrence into an instant in its zone with luxon, and write all sessions with one
 * INSERT … SELECT FROM unnest (closure of the local date joined in, as Tandem does).
 * Resolves with the rows inserted.
 */
export async function bareMaterialize(db: Client, horizon: Date): Promise<number> {
  const { rows: programs } = await db.query<{
    id: string;
    rrule: string;
    timezone: string;
    start_time: string;
    duration_minutes: number;
    start_date: string;
  }>(
    `SELECT id, rrule, timezone, start_time, duration_minutes, to_char(start_date, 'YYYY-MM-DD') AS start_date FROM programs WHERE status <> 'completed'`,
  );
  const ids: string[] = [];
  const starts: Date[] = [];
  const ends: Date[] = [];
  const dates: string[] = [];
  for (const program of programs) {
    const dtstart = floatingStart({ startDate: program.start_date, startTime: program.start_time });
    const rule = new RRule({ ...RRule.parseString(program.rrule), dtstart });
    for (const wall of rule.between(dtstart, new Date(wallClockOf(horizon, program.timezone).getTime() - 1), true)) {
      const startsAt = DateTime.fromObject(
        {
          year: wall.getUTCFullYear(),
          month: wall.getUTCMonth() + 1,
          day: wall.getUTCDate(),
          hour: wall.getUTCHours(),
          minute: wall.getUTCMinutes(),
        },
        { zone: program.timezone },
      ).toJSDate();
      ids.push(program.id);
      starts.push(startsAt);
      ends.push(new Date(startsAt.getTime() + program.duration_minutes * 60_000));
      dates.push(ymd(wall));
    }
  }
  const inserted = await db.query(
    `INSERT INTO program_sessions (program_id, starts_at, ends_at, local_date, closure_id)
     SELECT s.program_id, s.starts_at, s.ends_at, s.local_date, c.id
     FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::date[]) AS s(program_id, starts_at, ends_at, local_date)
     LEFT JOIN closures c ON c.date = s.local_date`,
    [ids, starts, ends, dates],
  );
  await db.query(`UPDATE programs SET materialized_until = $1 WHERE status <> 'completed'`, [horizon]);
  return inserted.rowCount ?? 0;
}

/** What the materialized sessions are, whoever wrote them: count, closures hit and a digest. */
export interface SessionDigest {
  sessions: number;
  closed: number;
  md5: string;
}

export async function sessionDigest(db: Client): Promise<SessionDigest> {
  const { rows } = await db.query<{ sessions: string; closed: string; md5: string }>(
    `SELECT count(*) AS sessions, count(closure_id) AS closed,
            coalesce(md5(string_agg(concat_ws('|', program_id, starts_at, ends_at, local_date, closure_id), ',' ORDER BY program_id, starts_at)), '') AS md5
     FROM program_sessions`,
  );
  return { sessions: Number(rows[0].sessions), closed: Number(rows[0].closed), md5: rows[0].md5 };
}
