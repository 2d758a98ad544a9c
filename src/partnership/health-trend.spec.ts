import { healthTrend } from './health-trend';

const DAY = 86_400_000;
const start = new Date('2026-03-02T06:00:00Z').getTime();
const weekly = (scores: number[]) => scores.map((score, week) => ({ at: new Date(start + week * 7 * DAY), score }));

describe(healthTrend.name, () => {
  it('compares the newest snapshot with the one four weeks before it', () => {
    // week 5 (75) vs week 1 (62)
    expect(healthTrend(weekly([60, 62, 65, 70, 72, 75]))).toEqual({ change: 13, direction: 'rising', spanDays: 28 });
    expect(healthTrend(weekly([80, 78, 74, 70, 66]))).toEqual({ change: -14, direction: 'falling', spanDays: 28 });
  });

  it('accepts a base snapshot a day short of four weeks (a job that ran late)', () => {
    const snapshots = [
      { at: new Date(start), score: 70 },
      { at: new Date(start + 7 * DAY), score: 68 },
      { at: new Date(start + 27 * DAY), score: 63 },
    ];
    expect(healthTrend(snapshots)).toEqual({ change: -7, direction: 'falling', spanDays: 27 });
  });

  it('uses the oldest snapshot when there are less than four weeks, from one week', () => {
    expect(healthTrend(weekly([50, 58, 61]))).toEqual({ change: 11, direction: 'rising', spanDays: 14 });
    expect(healthTrend(weekly([50, 58]))).toEqual({ change: 8, direction: 'rising', spanDays: 7 });
  });

  it('has no trend with one snapshot, none, or less than a week between them', () => {
    expect(healthTrend(weekly([50]))).toEqual({ change: null, direction: 'steady', spanDays: null });
    expect(healthTrend([])).toEqual({ change: null, direction: 'steady', spanDays: null });
    expect(
      healthTrend([
        { at: new Date(start), score: 40 },
        { at: new Date(start + 6 * DAY), score: 70 },
      ]),
    ).toEqual({ change: null, direction: 'steady', spanDays: null });
  });

  it('calls ±5 points a move and less steady', () => {
    expect(healthTrend(weekly([60, 0, 0, 0, 65])).direction).toBe('rising');
    expect(healthTrend(weekly([60, 0, 0, 0, 64]))).toEqual({ change: 4, direction: 'steady', spanDays: 28 });
    expect(healthTrend(weekly([60, 0, 0, 0, 55])).direction).toBe('falling');
    expect(healthTrend(weekly([60, 0, 0, 0, 56]))).toEqual({ change: -4, direction: 'steady', spanDays: 28 });
    expect(healthTrend(weekly([60, 0, 0, 0, 60]))).toEqual({ change: 0, direction: 'steady', spanDays: 28 });
  });

  it('sorts snapshots given in any order', () => {
    expect(healthTrend(weekly([60, 62, 65, 70, 72, 75]).reverse())).toEqual({
      change: 13,
      direction: 'rising',
      spanDays: 28,
    });
  });
});
