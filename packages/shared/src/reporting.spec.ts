import { addDays, elapsedShare, fiscalYearName, goalProgress, presetRange } from './reporting-dates';
import { daysIn, isIsoDate } from './reporting';

describe('presetRange', () => {
  const today = '2026-12-07';

  it.each([
    ['this-month', '2026-12-01', '2026-12-31'],
    ['last-month', '2026-11-01', '2026-11-30'],
    ['this-quarter', '2026-10-01', '2026-12-31'],
    ['last-quarter', '2026-07-01', '2026-09-30'],
    ['this-year', '2026-01-01', '2026-12-31'],
    ['last-year', '2025-01-01', '2025-12-31'],
    ['this-fiscal-year', '2026-07-01', '2027-06-30'],
    ['last-fiscal-year', '2025-07-01', '2026-06-30'],
  ] as const)('%s on 7 December 2026 (fiscal year from July) is %s to %s', (preset, from, to) => {
    expect(presetRange(preset, today, 7)).toEqual({ from, to });
  });

  it('last quarter in the first quarter is the previous year’s fourth', () => {
    expect(presetRange('last-quarter', '2027-02-14', 7)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('last month in January is December; a leap February ends on the 29th', () => {
    expect(presetRange('last-month', '2027-01-05', 7)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('this-month', '2028-02-10', 7)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('the fiscal year before its start month began the year before; on its first day it is the new one', () => {
    expect(presetRange('this-fiscal-year', '2026-06-30', 7)).toEqual({ from: '2025-07-01', to: '2026-06-30' });
    expect(presetRange('this-fiscal-year', '2026-07-01', 7)).toEqual({ from: '2026-07-01', to: '2027-06-30' });
    expect(presetRange('this-fiscal-year', '2026-12-07', 10)).toEqual({ from: '2026-10-01', to: '2027-09-30' });
  });

  it('a fiscal year from January is the calendar year', () => {
    expect(presetRange('this-fiscal-year', '2026-12-07', 1)).toEqual(presetRange('this-year', '2026-12-07', 1));
  });
});

describe('dates', () => {
  it('names a fiscal year by the year it ends in', () => {
    expect(fiscalYearName({ from: '2026-07-01', to: '2027-06-30' })).toBe('FY2027');
  });

  it('counts both ends and the share gone by the end of today', () => {
    const year = { from: '2026-01-01', to: '2026-12-31' };
    expect(daysIn(year)).toBe(365);
    expect(elapsedShare(year, '2025-12-31')).toBe(0);
    expect(elapsedShare(year, '2026-01-01')).toBeCloseTo(1 / 365);
    expect(elapsedShare(year, '2026-07-02')).toBeCloseTo(183 / 365);
    expect(elapsedShare(year, '2026-12-31')).toBe(1);
    expect(elapsedShare(year, '2027-03-01')).toBe(1);
  });

  it('takes only real dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate('2026-02-28T00:00')).toBe(false);
    expect(isIsoDate(20260228)).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('goalProgress', () => {
  const goal = { target: 600, from: '2026-01-01', to: '2026-12-31' };

  it('expects the even pace’s whole number by today and is on track at or above it', () => {
    // 2 July is day 183 of 365: 600 × 183/365 = 300.8 → 300 expected.
    expect(goalProgress(goal, 300, '2026-07-02')).toEqual({
      value: 300,
      ratio: 0.5,
      expectedByNow: 300,
      onTrack: true,
      status: 'on-track',
    });
    expect(goalProgress(goal, 299, '2026-07-02')).toMatchObject({ onTrack: false, status: 'off-track' });
  });

  it('is met once the target is reached, before the end too', () => {
    expect(goalProgress(goal, 612, '2026-10-01')).toMatchObject({ ratio: 1.02, onTrack: true, status: 'met' });
  });

  it('after the last day is met or missed against the whole target', () => {
    expect(goalProgress(goal, 599, '2027-01-01')).toMatchObject({
      expectedByNow: 600,
      onTrack: false,
      status: 'missed',
    });
    expect(goalProgress(goal, 600, '2027-01-01')).toMatchObject({ onTrack: true, status: 'met' });
  });

  it('before the first day expects nothing', () => {
    expect(goalProgress(goal, 0, '2025-12-01')).toEqual({
      value: 0,
      ratio: 0,
      expectedByNow: 0,
      onTrack: true,
      status: 'not-started',
    });
  });
});
