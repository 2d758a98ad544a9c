import { DateTime, IANAZone } from 'luxon';
import { Frequency, RRule } from 'rrule';
import type { FieldError } from './domain-error';
import { ValidationFailedError } from './domain-error';

/**
 * A program's schedule: an RFC 5545 RRULE (no DTSTART) expanded from `startDate` at the local
 * `startTime` in the IANA `timezone`, each occurrence lasting `durationMinutes`.
 *
 * Expansion is done in "floating" wall-clock time, the approach rrule documents for zones:
 * DTSTART is `startDate startTime` coded as if it were UTC, rrule yields wall-clock times the
 * same way, and only then is each one turned into an instant in the zone with luxon. So a
 * weekly 15:30 drop-in in America/Los_Angeles is at 15:30 local on both sides of a DST change.
 *
 * DST edge cases follow RFC 5545 §3.3.5:
 * - a wall-clock time in a spring-forward gap (02:30 on the day clocks go 02:00 → 03:00) is
 *   read with the offset before the gap, i.e. it becomes 03:30 local (luxon's own behaviour);
 * - a wall-clock time in an autumn overlap (01:30 happens twice) is the first of the two (the
 *   earlier instant, still on daylight time).
 * `endsAt` is `startsAt` plus the duration in real minutes, so a session spanning a change
 * lasts what it says. `localDate` is the occurrence's wall-clock date (what closures match).
 *
 * UNTIL and endDate are read in the same wall-clock time as the occurrences: `UNTIL=20261231`
 * and `endDate: "2026-12-31"` both mean "through the end of 31 December, local time".
 */
export interface ScheduleInput {
  rrule: string;
  timezone: string;
  /** Local start time, `HH:MM` (24-hour). */
  startTime: string;
  durationMinutes: number;
  /** First local day, `YYYY-MM-DD`. */
  startDate: string;
  /** Last local day, inclusive; null or absent runs on. */
  endDate?: string | null;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
  /** The occurrence's date in the program's zone, `YYYY-MM-DD`. */
  localDate: string;
}

/** A COUNT above this is refused. */
export const MAX_RULE_COUNT = 1000;
/** A bounded schedule (endDate, UNTIL or COUNT) with more sessions than this is refused. */
export const MAX_SESSIONS_PER_PROGRAM = 1000;
/** endDate or UNTIL may be at most this many years after the start date. */
export const MAX_SCHEDULE_YEARS = 10;
/** The first occurrence must fall within this many years of the start date. */
export const FIRST_OCCURRENCE_WITHIN_YEARS = 5;
/** A new start date may be this many years back (sessions are back-filled from it)… */
export const MAX_BACKFILL_YEARS = 5;
/** …or this many years ahead of today. */
export const MAX_START_AHEAD_YEARS = 5;
export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 1440;
export const MAX_RRULE_LENGTH = 500;

/** Frequencies finer than a day would make a program's sessions hourly or faster. */
const ALLOWED_FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'] as const;
const TOO_FINE_FREQUENCIES = ['HOURLY', 'MINUTELY', 'SECONDLY'];

const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const intList = (min: number, max: number, signed: boolean) => (value: string) =>
  value.split(',').every((part) => {
    if (!/^[+-]?\d{1,3}$/.test(part)) return false;
    if (!signed && /^[+-]/.test(part)) return false;
    const n = Math.abs(Number(part));
    return n >= min && n <= max;
  });

/**
 * The RRULE parts Tandem accepts and what their values must look like. This only checks the
 * shape of each part (rrule does the parsing and the maths): rrule itself accepts values such
 * as `INTERVAL=-2` or `BYMONTHDAY=40` and then loops for ever or to the year 9999.
 */
const PART_RULES: Record<string, { valid: (value: string) => boolean; message: string }> = {
  FREQ: {
    valid: (v) => (ALLOWED_FREQUENCIES as readonly string[]).includes(v),
    message: 'FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY',
  },
  INTERVAL: {
    valid: (v) => /^\d{1,3}$/.test(v) && Number(v) >= 1,
    message: 'INTERVAL must be a whole number from 1 to 999',
  },
  COUNT: { valid: (v) => /^\d{1,7}$/.test(v) && Number(v) >= 1, message: 'COUNT must be a whole number of at least 1' },
  UNTIL: {
    valid: (v) => /^\d{8}(T\d{6}Z?)?$/.test(v) && untilToWallClock(v) !== null,
    message: 'UNTIL must be a date like 20261231 or 20261231T235959Z',
  },
  BYDAY: {
    valid: (v) =>
      v.split(',').every((part) => {
        const match = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`).exec(part);
        if (!match) return false;
        return match[1] === undefined || (Math.abs(Number(match[1])) >= 1 && Math.abs(Number(match[1])) <= 53);
      }),
    message: 'BYDAY must list weekdays (MO, TU, WE, TH, FR, SA, SU), each optionally after a position such as 2 or -1',
  },
  BYMONTHDAY: {
    valid: intList(1, 31, true),
    message: 'BYMONTHDAY must list days from 1 to 31 (or -1 to -31 from the month end)',
  },
  BYYEARDAY: { valid: intList(1, 366, true), message: 'BYYEARDAY must list days from 1 to 366 (or -1 to -366)' },
  BYWEEKNO: { valid: intList(1, 53, true), message: 'BYWEEKNO must list weeks from 1 to 53 (or -1 to -53)' },
  BYMONTH: { valid: intList(1, 12, false), message: 'BYMONTH must list months from 1 to 12' },
  BYSETPOS: { valid: intList(1, 366, true), message: 'BYSETPOS must list positions from 1 to 366 (or -1 to -366)' },
  WKST: { valid: (v) => new RegExp(`^${WEEKDAY}$`).test(v), message: 'WKST must be a weekday (MO … SU)' },
};

/** Parts that cannot be part of a stored rule, with why. */
const REFUSED_PARTS: Record<string, string> = {
  DTSTART: 'must not contain DTSTART: the schedule starts on startDate at startTime',
  TZID: 'must not contain TZID: the zone is the schedule timezone',
  BYHOUR: 'must not contain BYHOUR: the time of day is startTime',
  BYMINUTE: 'must not contain BYMINUTE: the time of day is startTime',
  BYSECOND: 'must not contain BYSECOND: the time of day is startTime',
};

const FIELD = {
  rrule: 'schedule.rrule',
  timezone: 'schedule.timezone',
  startTime: 'schedule.startTime',
  durationMinutes: 'schedule.durationMinutes',
  startDate: 'startDate',
  endDate: 'endDate',
} as const;

/** Validation searches run in the 400-year cycle starting here (see countFromStart). */
const SEARCH_FROM_YEAR = 9580;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `YYYY-MM-DD` that is a real calendar date → a UTC-coded midnight, else null. */
function parseDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date;
}

function untilToWallClock(value: string): Date | null {
  const date = parseDate(`${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`);
  if (!date) return null;
  if (value.length === 8) return new Date(date.getTime() + 86_400_000 - 1);
  const [h, m, s] = [Number(value.slice(9, 11)), Number(value.slice(11, 13)), Number(value.slice(13, 15))];
  if (h > 23 || m > 59 || s > 59) return null;
  return new Date(date.getTime() + ((h * 60 + m) * 60 + s) * 1000);
}

const addYears = (date: Date, years: number) => {
  const copy = new Date(date);
  copy.setUTCFullYear(copy.getUTCFullYear() + years);
  return copy;
};

const ymd = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Normalizes an RRULE as typed (an optional `RRULE:` prefix, any case, stray spaces) to the
 * stored form (`FREQ=WEEKLY;BYDAY=WE`) and checks every part. Returns the rule or the problems.
 */
export function normalizeRrule(raw: unknown): { rule: string } | { errors: string[] } {
  if (typeof raw !== 'string') return { errors: ['must be an RRULE such as FREQ=WEEKLY;BYDAY=WE'] };
  let text = raw.trim().toUpperCase();
  if (text.startsWith('RRULE:')) text = text.slice('RRULE:'.length).trim();
  if (text.length === 0 || text.length > MAX_RRULE_LENGTH)
    return { errors: [`must be an RRULE such as FREQ=WEEKLY;BYDAY=WE (at most ${MAX_RRULE_LENGTH} characters)`] };
  if (/[\r\n]/.test(text)) return { errors: ['must be a single RRULE (no DTSTART, EXDATE or RDATE lines)'] };
  const errors: string[] = [];
  const seen = new Set<string>();
  const values = new Map<string, string>();
  const parts = text.replace(/;+$/, '').split(';');
  for (const part of parts) {
    const match = /^([A-Z]+)=(.+)$/.exec(part.trim());
    if (!match) {
      errors.push(`is not a valid RRULE: "${part.slice(0, 40)}" is not NAME=VALUE`);
      continue;
    }
    const [, name, value] = match;
    if (seen.has(name)) {
      errors.push(`has ${name} twice`);
      continue;
    }
    seen.add(name);
    values.set(name, value);
    if (name === 'FREQ' && TOO_FINE_FREQUENCIES.includes(value)) {
      errors.push(`FREQ=${value} is finer than a day; a program meets at most daily`);
    } else if (REFUSED_PARTS[name]) {
      errors.push(REFUSED_PARTS[name]);
    } else if (!PART_RULES[name]) {
      errors.push(`has an unknown or unsupported part ${name.slice(0, 20)}`);
    } else if (!PART_RULES[name].valid(value)) {
      errors.push(PART_RULES[name].message);
    }
  }
  if (!seen.has('FREQ')) errors.push('must have a FREQ (YEARLY, MONTHLY, WEEKLY or DAILY)');
  // RFC 5545 §3.3.10 combinations rrule would otherwise quietly reinterpret.
  const freq = values.get('FREQ');
  const byDay = values.get('BYDAY');
  if (byDay && /\d/.test(byDay) && freq !== 'MONTHLY' && freq !== 'YEARLY') {
    errors.push('BYDAY may have a position (such as 2TU or -1FR) only with FREQ=MONTHLY or FREQ=YEARLY');
  }
  if (values.has('BYMONTHDAY') && freq === 'WEEKLY') errors.push('BYMONTHDAY cannot be used with FREQ=WEEKLY');
  if (values.has('BYYEARDAY') && freq !== 'YEARLY') errors.push('BYYEARDAY can only be used with FREQ=YEARLY');
  if (values.has('BYWEEKNO') && freq !== 'YEARLY') errors.push('BYWEEKNO can only be used with FREQ=YEARLY');
  if (values.has('BYSETPOS') && freq === 'DAILY')
    errors.push('BYSETPOS cannot be used with FREQ=DAILY (each day is its own set)');
  const months = values.get('BYMONTH');
  const monthDays = values.get('BYMONTHDAY');
  if (months && monthDays && PART_RULES.BYMONTH.valid(months) && PART_RULES.BYMONTHDAY.valid(monthDays)) {
    const fits = months
      .split(',')
      .some((m) => monthDays.split(',').some((d) => Math.abs(Number(d)) <= DAYS_IN_MONTH[Number(m) - 1]));
    if (!fits) errors.push('BYMONTH and BYMONTHDAY never meet on a real date');
  }
  if (seen.has('COUNT') && seen.has('UNTIL')) errors.push('may have COUNT or UNTIL, not both');
  const count = /(?:^|;)COUNT=(\d+)/.exec(text);
  if (count && Number(count[1]) > MAX_RULE_COUNT) errors.push(`COUNT must be at most ${MAX_RULE_COUNT}`);
  if (errors.length > 0) return { errors };
  return { rule: parts.map((part) => part.trim()).join(';') };
}

/**
 * A validated schedule, ready to expand. Build it with `compileSchedule`, which throws a 400
 * (ValidationFailedError naming `schedule.rrule`, `schedule.timezone`, `startDate`, …) for
 * anything wrong.
 */
export class CompiledSchedule {
  /** The stored form of the rule. */
  readonly rrule: string;

  private constructor(
    private readonly rule: RRule,
    normalized: string,
    readonly input: ScheduleInput,
    /** Wall-clock end (UTC-coded) from endDate/UNTIL, or null when open-ended. */
    private readonly wallEnd: Date | null,
    /** Whether COUNT, UNTIL or endDate ends the schedule. */
    readonly bounded: boolean,
  ) {
    this.rrule = normalized;
  }

  /** @internal used by compileSchedule */
  static create(
    rule: RRule,
    normalized: string,
    input: ScheduleInput,
    wallEnd: Date | null,
    bounded: boolean,
  ): CompiledSchedule {
    return new CompiledSchedule(rule, normalized, input, wallEnd, bounded);
  }

  /**
   * Occurrences whose start instant is in [from, to), in order. Cost grows with the number of
   * rule periods from the start date to `to` (rrule always iterates from DTSTART, which COUNT
   * needs), so keep `to` within the materialization horizon.
   */
  between(from: Date, to: Date): Occurrence[] {
    if (to <= from) return [];
    // Wall-clock bounds one day wider than the instants (zone offsets are within ±14 h).
    const wallFrom = new Date(from.getTime() - 86_400_000);
    let wallTo = new Date(to.getTime() + 86_400_000);
    if (this.wallEnd && this.wallEnd < wallTo) wallTo = this.wallEnd;
    if (wallTo < wallFrom) return [];
    return this.rule
      .between(wallFrom, wallTo, true)
      .map((wall) => this.toOccurrence(wall))
      .filter((occurrence) => occurrence.startsAt >= from && occurrence.startsAt < to);
  }

  /**
   * How many occurrences fall from the start through `wallUntil`, counting at most `limit`.
   *
   * rrule checks its bounds only when a date matches, so a rule that never matches again
   * (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO` within a few years) iterates to the year
   * 9999: seconds of CPU for a daily rule. The Gregorian calendar repeats exactly every 400
   * years (weekdays and leap days included), so the count is made on the same rule moved
   * whole 400-year cycles forward to start in [9580, 9980): the answer is the same and a
   * fruitless search stops at 9999 after at most ~420 years instead of ~8000.
   */
  countFromStart(limit: number, wallUntil: Date): number {
    const start = this.rule.options.dtstart;
    const years = 400 * Math.ceil((SEARCH_FROM_YEAR - start.getUTCFullYear()) / 400);
    const shifted = new RRule({
      ...this.rule.origOptions,
      dtstart: addYears(start, years),
      until: this.rule.options.until ? addYears(this.rule.options.until, years) : null,
    });
    return shifted.between(addYears(start, years), addYears(wallUntil, years), true, (_date, index) => index < limit)
      .length;
  }

  /** An instant no later than the first occurrence (the start's wall clock less a day). */
  earliestInstant(): Date {
    return new Date(this.rule.options.dtstart.getTime() - 86_400_000);
  }

  /** The schedule's first local day, `YYYY-MM-DD`. */
  startDate(): string {
    return this.input.startDate;
  }

  private toOccurrence(wall: Date): Occurrence {
    const startsAt = wallClockToInstant(wall, this.input.timezone);
    return {
      startsAt,
      endsAt: new Date(startsAt.getTime() + this.input.durationMinutes * 60_000),
      localDate: ymd(wall),
    };
  }
}

/**
 * A wall-clock time (coded as UTC) → the instant it names in `zone`. In a spring-forward gap
 * the offset before the gap is used (02:30 → 03:30 local); in an autumn overlap the first of
 * the two instants (RFC 5545 §3.3.5).
 *
 * Most days of a zone have one UTC offset from midnight to midnight; for those the offset is
 * remembered per zone and date (STEADY_OFFSETS) and the instant is one subtraction. Only on the
 * days a zone changes its clocks does luxon work it out (`zonedInstant`): a year of a program's
 * sessions no longer costs luxon's offset search per session.
 */
export function wallClockToInstant(wall: Date, zone: string): Date {
  const key = `${zone}|${ymd(wall)}`;
  let offset = STEADY_OFFSETS.get(key);
  if (offset === undefined) {
    offset = steadyOffsetMinutes(wall, zone);
    if (STEADY_OFFSETS.size >= MAX_STEADY_OFFSETS) STEADY_OFFSETS.clear();
    STEADY_OFFSETS.set(key, offset);
  }
  return offset === null ? zonedInstant(wall, zone) : new Date(wall.getTime() - offset * 60_000);
}

/** Zone and date → the offset (minutes) it keeps all day, or null on a day its clocks change. */
const STEADY_OFFSETS = new Map<string, number | null>();
/** Ten years of days for a dozen zones; past it the memory starts over (it is only a shortcut). */
const MAX_STEADY_OFFSETS = 50_000;

/** The offset `zone` keeps through the whole local day of `wall`, or null when it changes that day. */
function steadyOffsetMinutes(wall: Date, zone: string): number | null {
  const iana = IANAZone.create(zone);
  if (!iana.isValid) return null;
  const midnight = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  const guess = iana.offset(midnight);
  const start = midnight - guess * 60_000;
  const end = start + 86_400_000 - 1;
  return iana.offset(start) === guess && iana.offset(end) === guess ? guess : null;
}

/** The instant by luxon's rules for a day the zone's offset changes (or an unknown zone). */
function zonedInstant(wall: Date, zone: string): Date {
  const local = DateTime.fromObject(
    {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
    },
    { zone },
  );
  const candidates = local.getPossibleOffsets();
  const earliest =
    candidates.length > 0 ? Math.min(...candidates.map((candidate) => candidate.toMillis())) : local.toMillis();
  return new Date(earliest);
}

/** wallClockToInstant without the per-day shortcut (tests compare the two). */
export const wallClockToInstantByLuxon = zonedInstant;

export interface CompileOptions {
  /**
   * Today's date, to bound how far back or ahead a start date may be. Leave it out when the
   * start date is not being set (an edit of an old program's rule keeps its start date).
   */
  today?: Date;
}

/**
 * Validates a schedule and prepares it for expansion. Throws ValidationFailedError (400)
 * listing every problem by field: an RRULE rrule cannot parse or that is unsafe to expand,
 * FREQ finer than DAILY, an unknown zone, a bad time or date, a duration outside 1..1440,
 * endDate before startDate, UNTIL before the start, a rule with no occurrence within
 * FIRST_OCCURRENCE_WITHIN_YEARS, and a bounded schedule of more than MAX_SESSIONS_PER_PROGRAM
 * sessions. With at most one session a day (FREQ ≥ DAILY, no BYHOUR), an open-ended schedule
 * has at most 366 sessions a year.
 */
export function compileSchedule(input: ScheduleInput, options: CompileOptions = {}): CompiledSchedule {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  const normalized = normalizeRrule(input.rrule);
  if ('errors' in normalized) normalized.errors.forEach((message) => fail(FIELD.rrule, message));
  const zoneOk =
    typeof input.timezone === 'string' && input.timezone.length <= 64 && IANAZone.isValidZone(input.timezone);
  if (!zoneOk) fail(FIELD.timezone, 'must be an IANA time zone such as America/Los_Angeles');
  const time = typeof input.startTime === 'string' ? TIME.exec(input.startTime) : null;
  if (!time) fail(FIELD.startTime, 'must be a 24-hour time HH:MM, such as 15:30');
  if (
    !Number.isInteger(input.durationMinutes) ||
    input.durationMinutes < MIN_DURATION_MINUTES ||
    input.durationMinutes > MAX_DURATION_MINUTES
  ) {
    fail(
      FIELD.durationMinutes,
      `must be a whole number of minutes from ${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES}`,
    );
  }
  const startDate = parseDate(input.startDate);
  if (!startDate) fail(FIELD.startDate, 'must be a date YYYY-MM-DD');
  const endDate = input.endDate === null || input.endDate === undefined ? null : parseDate(input.endDate);
  if (input.endDate !== null && input.endDate !== undefined && !endDate)
    fail(FIELD.endDate, 'must be a date YYYY-MM-DD');
  if (startDate && endDate) {
    if (endDate < startDate) fail(FIELD.endDate, 'must not be before startDate');
    else if (endDate > addYears(startDate, MAX_SCHEDULE_YEARS))
      fail(FIELD.endDate, `must be within ${MAX_SCHEDULE_YEARS} years of startDate`);
  }
  if (startDate && options.today) {
    const today = parseDate(ymd(options.today))!;
    if (startDate < addYears(today, -MAX_BACKFILL_YEARS))
      fail(FIELD.startDate, `must be within the last ${MAX_BACKFILL_YEARS} years`);
    if (startDate > addYears(today, MAX_START_AHEAD_YEARS))
      fail(FIELD.startDate, `must be within the next ${MAX_START_AHEAD_YEARS} years`);
  }
  if (errors.length > 0 || 'errors' in normalized || !startDate || !time) throw new ValidationFailedError(errors);

  const dtstart = new Date(startDate.getTime() + (Number(time[1]) * 60 + Number(time[2])) * 60_000);
  let rule: RRule;
  try {
    const parsed = RRule.parseString(normalized.rule);
    // rrule reads UNTIL=20261231 as midnight; Tandem means the whole local day.
    const untilPart = /(?:^|;)UNTIL=([^;]+)/.exec(normalized.rule);
    rule = new RRule({ ...parsed, dtstart, tzid: null, until: untilPart ? untilToWallClock(untilPart[1]) : null });
  } catch {
    throw new ValidationFailedError([{ field: FIELD.rrule, message: 'is not an RRULE the calendar library can read' }]);
  }
  if (rule.options.freq > Frequency.DAILY) {
    throw new ValidationFailedError([{ field: FIELD.rrule, message: 'FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY' }]);
  }

  const until = rule.options.until;
  if (until && until < dtstart) fail(FIELD.rrule, 'UNTIL must not be before the start date and time');
  if (until && until > addYears(startDate, MAX_SCHEDULE_YEARS))
    fail(FIELD.rrule, `UNTIL must be within ${MAX_SCHEDULE_YEARS} years of startDate`);
  if (errors.length > 0) throw new ValidationFailedError(errors);

  const endOfEndDate = endDate ? new Date(endDate.getTime() + 86_400_000 - 1) : null;
  const wallEnd =
    [endOfEndDate, until].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const bounded = wallEnd !== null || rule.options.count !== null;
  const compiled = CompiledSchedule.create(
    rule,
    normalized.rule,
    { ...input, rrule: normalized.rule },
    wallEnd,
    bounded,
  );

  const firstSearchEnd = addYears(dtstart, FIRST_OCCURRENCE_WITHIN_YEARS);
  const first = compiled.countFromStart(1, wallEnd && wallEnd < firstSearchEnd ? wallEnd : firstSearchEnd);
  if (first === 0) {
    throw new ValidationFailedError([
      {
        field: FIELD.rrule,
        message: `yields no session ${wallEnd && wallEnd < firstSearchEnd ? 'between startDate and its end' : `within ${FIRST_OCCURRENCE_WITHIN_YEARS} years of startDate`}`,
      },
    ]);
  }
  if (bounded) {
    // endDate/UNTIL are within MAX_SCHEDULE_YEARS; COUNT alone (≤ MAX_RULE_COUNT) cannot exceed
    // the limit, so counting its first MAX_SCHEDULE_YEARS keeps the iteration bounded.
    const count = compiled.countFromStart(
      MAX_SESSIONS_PER_PROGRAM + 1,
      wallEnd ?? addYears(dtstart, MAX_SCHEDULE_YEARS),
    );
    if (count > MAX_SESSIONS_PER_PROGRAM) {
      throw new ValidationFailedError([
        {
          field: FIELD.rrule,
          message: `would make more than ${MAX_SESSIONS_PER_PROGRAM} sessions; shorten the schedule`,
        },
      ]);
    }
  }
  return compiled;
}

/** Instant of the end of a local date in a zone (exclusive: the next local midnight). */
export function endOfLocalDate(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
}
