/**
 * The schedule editor's patterns and the RFC 5545 RRULE each one stands for. The editor offers
 * what library programs use (weekly, every other week, "the second Tuesday of every month");
 * any other rule (made through the API or the demo data) stays editable as a custom RRULE, so
 * opening and saving a program never rewrites a rule the editor cannot show.
 */

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export const WEEKDAY_SHORT: Record<Weekday, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
};

/** Which occurrence of the weekday in the month; -1 is the last. */
export const MONTH_POSITIONS = [1, 2, 3, 4, -1] as const;
export type MonthPosition = (typeof MONTH_POSITIONS)[number];

export const POSITION_NAMES: Record<MonthPosition, string> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  [-1]: 'last',
};

export type Frequency = 'weekly' | 'biweekly' | 'monthly' | 'custom';
export type EndKind = 'never' | 'date' | 'count';

/** What the editor holds; `buildSchedule` turns it into the API's fields. */
export interface ScheduleFormValues {
  frequency: Frequency;
  /** weekly and biweekly */
  days: Weekday[];
  /** monthly: "the <position> <monthDay> of every month" */
  position: MonthPosition;
  monthDay: Weekday;
  /** custom: the RRULE as typed */
  customRrule: string;
  startTime: string;
  /** The length in minutes as typed ("90"); checkScheduleValues says what is wrong with it. */
  durationMinutes: string;
  timezone: string;
  location: string;
  startDate: string;
  end: EndKind;
  endDate: string;
  /** The number of sessions as typed. */
  count: string;
}

/** The API's schedule fields (ScheduleDto plus the program's start and end dates). */
export interface ScheduleFields {
  schedule: { rrule: string; timezone: string; startTime: string; durationMinutes: number; location: string | null };
  startDate: string;
  endDate: string | null;
}

/** "FREQ=WEEKLY;BYDAY=WE" → Map { FREQ → WEEKLY, BYDAY → WE }; null when a part is not NAME=VALUE. */
export function ruleParts(rrule: string): Map<string, string> | null {
  let text = rrule.trim().toUpperCase();
  if (text.startsWith('RRULE:')) text = text.slice('RRULE:'.length);
  const parts = new Map<string, string>();
  for (const part of text.replace(/;+$/, '').split(';')) {
    const match = /^\s*([A-Z]+)=([^;]+?)\s*$/.exec(part);
    if (!match || parts.has(match[1])) return null;
    parts.set(match[1], match[2]);
  }
  return parts;
}

const isWeekday = (value: string): value is Weekday => (WEEKDAYS as readonly string[]).includes(value);

/** Weekdays in calendar order, each once. */
export function sortDays(days: readonly Weekday[]): Weekday[] {
  return WEEKDAYS.filter((day) => days.includes(day));
}

/** The weekday of a `YYYY-MM-DD` date (what a WEEKLY rule without BYDAY repeats on). */
export function weekdayOf(date: string): Weekday | null {
  const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!parsed) return null;
  const utc = new Date(Date.UTC(Number(parsed[1]), Number(parsed[2]) - 1, Number(parsed[3])));
  if (Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== date) return null;
  return WEEKDAYS[(utc.getUTCDay() + 6) % 7];
}

export type RecognizedRule =
  | { kind: 'weekly'; interval: number; days: Weekday[]; count: number | null }
  | { kind: 'monthly'; interval: number; position: MonthPosition; day: Weekday; count: number | null };

/**
 * The editor's pattern a rule is, or null for anything else. WEEKLY without BYDAY repeats on
 * the start date's weekday (RFC 5545), so it is read as that day.
 */
export function recognizeRule(rrule: string, startDate: string): RecognizedRule | null {
  const parts = ruleParts(rrule);
  if (!parts) return null;
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYSETPOS', 'COUNT']);
  if ([...parts.keys()].some((name) => !known.has(name))) return null;
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 999) return null;
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  if (count !== null && (!Number.isInteger(count) || count < 1)) return null;
  const byDay = parts.get('BYDAY')?.split(',') ?? [];

  if (parts.get('FREQ') === 'WEEKLY' && !parts.has('BYSETPOS')) {
    if (byDay.length === 0) {
      const day = weekdayOf(startDate);
      return day ? { kind: 'weekly', interval, days: [day], count } : null;
    }
    if (!byDay.every(isWeekday) || new Set(byDay).size !== byDay.length) return null;
    return { kind: 'weekly', interval, days: sortDays(byDay), count };
  }
  if (parts.get('FREQ') === 'MONTHLY' && byDay.length === 1) {
    const positioned = /^([+-]?\d{1,2})([A-Z]{2})$/.exec(byDay[0]);
    let position: number | null = null;
    let day: string | null = null;
    if (positioned && !parts.has('BYSETPOS')) [position, day] = [Number(positioned[1]), positioned[2]];
    else if (isWeekday(byDay[0]) && parts.has('BYSETPOS') && /^[+-]?\d{1,3}$/.test(parts.get('BYSETPOS')!)) {
      [position, day] = [Number(parts.get('BYSETPOS')), byDay[0]];
    }
    if (day && isWeekday(day) && (MONTH_POSITIONS as readonly number[]).includes(position ?? 0)) {
      return { kind: 'monthly', interval, position: position as MonthPosition, day, count };
    }
  }
  return null;
}

/** The editor's values for a stored schedule (a rule it has no pattern for becomes "custom"). */
export function formValuesFor(fields: ScheduleFields): ScheduleFormValues {
  const { schedule, startDate, endDate } = fields;
  const base: ScheduleFormValues = {
    ...emptyScheduleValues(schedule.timezone, startDate),
    startTime: schedule.startTime,
    durationMinutes: String(schedule.durationMinutes),
    location: schedule.location ?? '',
    end: endDate ? 'date' : 'never',
    endDate: endDate ?? '',
  };
  const rule = recognizeRule(schedule.rrule, startDate);
  // A rule with both COUNT and an end date, or a rarer interval, is shown as it is.
  const simple =
    rule && !(rule.count !== null && endDate) && (rule.kind === 'weekly' ? rule.interval <= 2 : rule.interval === 1);
  if (!rule || !simple) return { ...base, frequency: 'custom', customRrule: schedule.rrule };
  const ends = rule.count !== null ? { end: 'count' as const, count: String(rule.count) } : {};
  if (rule.kind === 'weekly')
    return { ...base, ...ends, frequency: rule.interval === 2 ? 'biweekly' : 'weekly', days: rule.days };
  return { ...base, ...ends, frequency: 'monthly', position: rule.position, monthDay: rule.day };
}

/** A new program's schedule: weekly on the start date's weekday, 15:30 for 90 minutes. */
export function emptyScheduleValues(timezone: string, startDate: string): ScheduleFormValues {
  const day = weekdayOf(startDate) ?? 'WE';
  return {
    frequency: 'weekly',
    days: [day],
    position: 1,
    monthDay: day,
    customRrule: '',
    startTime: '15:30',
    durationMinutes: '90',
    timezone,
    location: '',
    startDate,
    end: 'never',
    endDate: '',
    count: '',
  };
}

/**
 * The RRULE the values stand for. COUNT ("after N sessions") is part of the rule; an end date
 * is the program's `endDate` instead, which the server applies the same way.
 */
export function buildRrule(values: ScheduleFormValues): string {
  const count = values.end === 'count' && values.count.trim() !== '' ? `;COUNT=${wholeOrNaN(values.count)}` : '';
  switch (values.frequency) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${sortDays(values.days).join(',')}${count}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${sortDays(values.days).join(',')}${count}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYDAY=${values.position}${values.monthDay}${count}`;
    case 'custom':
      return values.customRrule.trim();
  }
}

/**
 * A number field's text as a number: "1,000" is 1000, anything but digits NaN. The editor checks
 * the text (checkScheduleValues) before anything is sent; this only reads it.
 */
function wholeOrNaN(text: string): number {
  const digits = text.trim().replace(/,/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : NaN;
}

/** The API's fields for the values. An empty duration goes as 0, which the schedule check refuses by name. */
export function buildSchedule(values: ScheduleFormValues): ScheduleFields {
  return {
    schedule: {
      rrule: buildRrule(values),
      timezone: values.timezone,
      startTime: values.startTime,
      durationMinutes: values.durationMinutes.trim() === '' ? 0 : wholeOrNaN(values.durationMinutes),
      location: values.location.trim() || null,
    },
    startDate: values.startDate,
    endDate: values.end === 'date' && values.endDate ? values.endDate : null,
  };
}

/** Whether two schedules differ in anything that would make the server recompute sessions. */
export function scheduleChanged(a: ScheduleFields, b: ScheduleFields): boolean {
  return (
    a.schedule.rrule !== b.schedule.rrule ||
    a.schedule.timezone !== b.schedule.timezone ||
    a.schedule.startTime !== b.schedule.startTime ||
    a.schedule.durationMinutes !== b.schedule.durationMinutes ||
    (a.schedule.location ?? null) !== (b.schedule.location ?? null) ||
    a.startDate !== b.startDate ||
    (a.endDate ?? null) !== (b.endDate ?? null)
  );
}
