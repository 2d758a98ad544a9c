import { cadenceDaysOfRrule } from './program-cadence';

describe(cadenceDaysOfRrule.name, () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=WE', 7],
    ['FREQ=WEEKLY', 7],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', 14],
    ['FREQ=WEEKLY;BYDAY=TU,TH', 3.5],
    ['FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', 30],
    ['FREQ=MONTHLY;BYDAY=2TU,4TU', 15],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', 15],
    ['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', 90],
    ['FREQ=MONTHLY;BYDAY=TU', 6.9], // every Tuesday: 30 / 4.35
    ['FREQ=DAILY', 1],
    ['FREQ=DAILY;BYDAY=MO,WE,FR', 2.3], // 7 / 3
    ['FREQ=YEARLY', 365],
    ['FREQ=YEARLY;BYMONTH=6,7;BYDAY=1MO', 182.5],
    ['FREQ=YEARLY;BYDAY=MO', 7], // every Monday of the year: 365 / 52.2
    ['FREQ=YEARLY;BYMONTHDAY=1', 30.4], // the 1st of every month: 365 / 12
    ['rrule:freq=weekly;byday=we', 7],
    ['FREQ=WEEKLY;COUNT=6;BYDAY=SA', 7],
  ])('%s meets every %s days', (rrule, days) => {
    expect(cadenceDaysOfRrule(rrule)).toBe(days);
  });

  it('is null for a rule it cannot read', () => {
    expect(cadenceDaysOfRrule('')).toBeNull();
    expect(cadenceDaysOfRrule('FREQ=HOURLY')).toBeNull();
    expect(cadenceDaysOfRrule('BYDAY=MO')).toBeNull();
    expect(cadenceDaysOfRrule('not a rule')).toBeNull();
  });
});
