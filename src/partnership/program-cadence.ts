/**
 * How often a program meets, in days between sessions on average, read from its stored RRULE
 * (already normalized by the program schedule: `FREQ=WEEKLY;BYDAY=WE`). The health score uses
 * the most frequent running program as the contact cadence it expects, clamped to 7–90 days,
 * so this only needs to be roughly right: weekly 7, every other week 14, the second Tuesday of
 * each month 30, twice a week 3.5.
 *
 * A month counts as 30 days and holds 4.35 of a given weekday; a year is 365 days.
 */
const DAYS_PER = { DAILY: 1, WEEKLY: 7, MONTHLY: 30, YEARLY: 365 } as const;
const WEEKDAYS_PER_MONTH = 4.35;

/** Average days between sessions of a rule, or null when it is not a rule we can read. */
export function cadenceDaysOfRrule(rrule: string): number | null {
  const parts = new Map<string, string>();
  for (const part of rrule
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '')
    .split(';')) {
    const [name, value] = part.split('=');
    if (name && value) parts.set(name.trim(), value.trim());
  }
  const freq = parts.get('FREQ') as keyof typeof DAYS_PER | undefined;
  if (!freq || !(freq in DAYS_PER)) return null;
  const interval = Math.max(1, Number(parts.get('INTERVAL') ?? '1') || 1);
  const list = (name: string) => (parts.get(name) ?? '').split(',').filter((item) => item.length > 0);
  const byDay = list('BYDAY');
  const bySetPos = list('BYSETPOS');
  const byMonthDay = list('BYMONTHDAY');
  const byMonth = list('BYMONTH');

  let perPeriod = 1;
  let periodDays: number = DAYS_PER[freq] * interval;
  switch (freq) {
    case 'DAILY':
      // DAILY;BYDAY=MO,WE meets on those weekdays: k sessions a week.
      if (byDay.length > 0) {
        periodDays = 7 * interval;
        perPeriod = byDay.length;
      }
      break;
    case 'WEEKLY':
      perPeriod = Math.max(1, byDay.length);
      break;
    case 'MONTHLY':
    case 'YEARLY': {
      let perMonth = 1;
      if (bySetPos.length > 0) perMonth = bySetPos.length;
      else if (byMonthDay.length > 0) perMonth = byMonthDay.length;
      else if (byDay.length > 0)
        perMonth = byDay.reduce((sum, day) => sum + (/\d/.test(day) ? 1 : WEEKDAYS_PER_MONTH), 0);
      if (freq === 'MONTHLY') perPeriod = perMonth;
      // YEARLY: in the listed months; without BYMONTH a month day or a plain weekday repeats
      // every month, while a positioned weekday (20MO) or BYYEARDAY is counted in the year.
      else if (byMonth.length > 0) perPeriod = byMonth.length * perMonth;
      else if (byMonthDay.length > 0 || byDay.some((day) => !/\d/.test(day))) perPeriod = 12 * perMonth;
      else perPeriod = Math.max(perMonth, list('BYYEARDAY').length);
      break;
    }
  }
  return Math.round((periodDays / perPeriod) * 10) / 10;
}
