import { RRule } from 'rrule';
import { compileSchedule, ValidationFailedError, type CompiledSchedule, type FieldError } from '@tandem/shared';
import { POSITION_NAMES, recognizeRule, WEEKDAY_NAMES, type ScheduleFields, type Weekday } from './schedule-pattern';

/**
 * The readable preview of a schedule: "Every Wednesday 15:30–17:00 · next: 3 Dec, 10 Dec,
 * 17 Dec …". The dates come from the server's own expansion (`compileSchedule` from @tandem/shared, the
 * same rrule + luxon code and the same validation), so the preview shows exactly the sessions
 * saving will create, DST changes included, and refuses exactly what the server refuses.
 */

const DAY_MS = 86_400_000;

/** How far ahead to look for the next sessions, widening only when a sparse rule needs it. */
const LOOKAHEAD_DAYS = [70, 800, 11 * 366];

export interface PreviewSession {
  startsAt: Date;
  endsAt: Date;
  /** The session's date in the program's zone, `YYYY-MM-DD`. */
  localDate: string;
  /** "3 Dec" (with the year when it is not this year's). */
  label: string;
  /** The closure's name when the library is closed that day (the session will be cancelled). */
  closure: string | null;
}

export type SchedulePreview =
  | { ok: true; summary: string; sessions: PreviewSession[]; more: boolean; sentence: string }
  | { ok: false; errors: FieldError[] };

export interface PreviewOptions {
  now: Date;
  /** Library closure days; sessions on them are marked. */
  closures?: readonly { date: string; name: string }[];
  /** How many sessions the sentence names. */
  count?: number;
  /** Formatting locale; the reader's own when left out. */
  locale?: string;
  /** The reader's zone; the program's zone is named when it differs. */
  viewerZone?: string;
  /** Bound the start date like a new one (a new program, or a start date being moved). */
  checkStartDate?: boolean;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Monday", "Monday and Thursday", "Monday, Wednesday and Friday". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function weekdaysPhrase(days: readonly Weekday[]): string {
  const set = new Set(days);
  if (set.size === 7) return 'day';
  if (set.size === 5 && !set.has('SA') && !set.has('SU')) return 'weekday';
  return listWords(days.map((day) => WEEKDAY_NAMES[day]));
}

/**
 * What a rule repeats on, in words: "Every Wednesday", "Every other Monday and Thursday",
 * "The last Friday of every month". Rules the editor has no pattern for are put in words by
 * rrule (English), without their COUNT/UNTIL, which `describeSpan` states.
 */
export function describeRule(raw: string, startDate: string): string {
  const rrule = raw
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '')
    .replace(/;+$/, '');
  const rule = recognizeRule(rrule, startDate);
  if (rule?.kind === 'weekly') {
    const days = weekdaysPhrase(rule.days);
    if (rule.interval === 1) return `Every ${days}`;
    if (rule.interval === 2) return `Every other ${days}`;
    return `Every ${rule.interval} weeks on ${days === 'day' ? 'every day' : days === 'weekday' ? 'weekdays' : days}`;
  }
  if (rule?.kind === 'monthly') {
    const every =
      rule.interval === 1 ? 'every month' : rule.interval === 2 ? 'every other month' : `every ${rule.interval} months`;
    return `The ${POSITION_NAMES[rule.position]} ${WEEKDAY_NAMES[rule.day]} of ${every}`;
  }
  const daily = /^FREQ=DAILY(?:;INTERVAL=(\d+))?(?:;(?:COUNT|UNTIL)=[^;]+)?$/.exec(rrule);
  if (daily) {
    const interval = Number(daily[1] ?? 1);
    return interval === 1 ? 'Every day' : interval === 2 ? 'Every other day' : `Every ${interval} days`;
  }
  try {
    const withoutEnd = rrule
      .split(';')
      .filter((part) => !/^(COUNT|UNTIL)=/i.test(part))
      .join(';');
    const parsed = RRule.fromString(withoutEnd);
    // rrule's words leave BYSETPOS out ("every month on Monday, Tuesday" for the first of them).
    if (parsed.options.bysetpos?.length || !parsed.isFullyConvertibleToText()) return `Custom schedule (${rrule})`;
    return capitalize(parsed.toText());
  } catch {
    return `Custom schedule (${rrule})`;
  }
}

/** 15:30 for 90 minutes → "15:30–17:00" ("3:30 – 5:00 PM" in the US), wall-clock time. */
export function formatWallTimeRange(startTime: string, durationMinutes: number, locale?: string): string {
  const [hours, minutes] = startTime.split(':').map(Number);
  const start = new Date(Date.UTC(2000, 0, 3, hours, minutes));
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  return formatTimeRange(start, end, 'UTC', locale);
}

/** A session's start and end in its zone: "15:30–17:00"; one that ends after midnight says so. */
export function formatTimeRange(start: Date, end: Date, zone: string, locale?: string): string {
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: zone });
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  if (day.format(start) === day.format(end)) return time.formatRange(start, end);
  return `${time.format(start)}–${time.format(end)} (ends the next day)`;
}

/** "3 Dec", with the year when it differs from `now`'s ("7 Jan 2027"). Reads the date in `zone`. */
export function formatShortDate(instant: Date, zone: string, now: Date, locale?: string): string {
  const year = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric' }).format(date);
  const withYear = year(instant) !== year(now);
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: zone,
  }).format(instant);
}

/** A local `YYYY-MM-DD` as "18 Dec 2026". */
export function formatLocalDate(
  date: string,
  locale?: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' },
): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/** "America/Los_Angeles" → "America/Los Angeles". */
export const zoneLabel = (zone: string) => zone.replace(/_/g, ' ');

/** "Every Wednesday 15:30–17:00" — what and when, without the dates. */
export function describeSchedule(fields: ScheduleFields, locale?: string): string {
  return `${describeRule(fields.schedule.rrule, fields.startDate)} ${formatWallTimeRange(fields.schedule.startTime, fields.schedule.durationMinutes, locale)}`;
}

/** "From 2 Sept 2026 until 18 Dec 2026", "From 2 Sept 2026, 10 sessions", "From 2 Sept 2026, no end date". */
export function describeSpan(fields: ScheduleFields, locale?: string): string {
  const from = `From ${formatLocalDate(fields.startDate, locale)}`;
  const count = /(?:^|;)COUNT=(\d+)/i.exec(fields.schedule.rrule);
  const until = /(?:^|;)UNTIL=(\d{4})(\d{2})(\d{2})/i.exec(fields.schedule.rrule);
  const untilDate = until ? `${until[1]}-${until[2]}-${until[3]}` : null;
  const end = [fields.endDate, untilDate].filter((date): date is string => !!date).sort()[0];
  if (end && count) return `${from} until ${formatLocalDate(end, locale)}, at most ${count[1]} sessions`;
  if (end) return `${from} until ${formatLocalDate(end, locale)}`;
  if (count) return `${from}, ${count[1]} ${count[1] === '1' ? 'session' : 'sessions'}`;
  return `${from}, no end date`;
}

/** The schedule compiled by the server's own code, or its field errors. */
export function checkSchedule(
  fields: ScheduleFields,
  options: { now: Date; checkStartDate?: boolean },
): CompiledSchedule | FieldError[] {
  try {
    return compileSchedule(
      { ...fields.schedule, startDate: fields.startDate, endDate: fields.endDate },
      { today: options.checkStartDate ? options.now : undefined },
    );
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.errors;
    throw error;
  }
}

/** The sessions starting at or after `now`, at most `limit`. */
export function upcomingOccurrences(compiled: CompiledSchedule, now: Date, limit: number) {
  for (const days of LOOKAHEAD_DAYS) {
    const found = compiled.between(now, new Date(now.getTime() + days * DAY_MS));
    if (found.length >= limit || days === LOOKAHEAD_DAYS[LOOKAHEAD_DAYS.length - 1]) return found.slice(0, limit);
  }
  return [];
}

/**
 * The preview sentence and the next sessions, or the schedule's problems by field (the same
 * fields and messages as the server's 400).
 */
export function previewSchedule(fields: ScheduleFields, options: PreviewOptions): SchedulePreview {
  const { now, locale, count = 3 } = options;
  const compiled = checkSchedule(fields, options);
  if (Array.isArray(compiled)) return { ok: false, errors: compiled };

  const zone = fields.schedule.timezone;
  const closures = new Map((options.closures ?? []).map((closure) => [closure.date, closure.name]));
  const found = upcomingOccurrences(compiled, now, count + 1);
  const sessions = found.slice(0, count).map((occurrence) => ({
    ...occurrence,
    label: formatShortDate(occurrence.startsAt, zone, now, locale),
    closure: closures.get(occurrence.localDate) ?? null,
  }));
  const more = found.length > count;
  const zoneNote = options.viewerZone && options.viewerZone !== zone ? ` (${zoneLabel(zone)} time)` : '';
  const summary = `${describeSchedule(fields, locale)}${zoneNote}`;
  const dates = sessions.map((session) =>
    session.closure ? `${session.label} (closed: ${session.closure})` : session.label,
  );
  const sentence =
    sessions.length === 0
      ? `${summary} · no sessions ahead`
      : `${summary} · next: ${dates.join(', ')}${more ? ' …' : ''}`;
  return { ok: true, summary, sessions, more, sentence };
}
