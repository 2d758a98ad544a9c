import { describe, expect, it } from 'vitest';
import {
  bandBars,
  chartBands,
  formatDay,
  portfolioTrendSummary,
  scoreHistorySummary,
  scoreLine,
  type ChartBox,
} from './chart-data';
import type { PortfolioWeek } from './types';

/** A 100 × 100 plot inside padding, so pixels read as percentages. */
const BOX: ChartBox = { width: 140, height: 130, padding: { top: 10, right: 10, bottom: 20, left: 30 } };
const DAY_MS = 86_400_000;
const at = (day: number) => new Date(Date.UTC(2026, 10, 2) + day * DAY_MS).toISOString();

describe('scoreLine', () => {
  it('maps dates across the width and scores up the height, oldest first', () => {
    const line = scoreLine(
      [
        { at: at(14), score: 25 },
        { at: at(0), score: 100 },
        { at: at(7), score: 50 },
      ],
      BOX,
    );
    expect(line.points.map(({ x, y, score }) => ({ x, y, score }))).toEqual([
      { x: 30, y: 10, score: 100 },
      { x: 80, y: 60, score: 50 },
      { x: 130, y: 85, score: 25 },
    ]);
    expect(line.path).toBe('M30 10 L80 60 L130 85');
    expect(line.gridlines).toEqual([
      { value: 0, y: 110 },
      { value: 50, y: 60 },
      { value: 100, y: 10 },
    ]);
  });

  it('puts a single snapshot in the middle and draws nothing without one', () => {
    expect(scoreLine([{ at: at(0), score: 0 }], BOX).points).toEqual([{ x: 80, y: 110, at: at(0), score: 0 }]);
    expect(scoreLine([], BOX)).toMatchObject({ points: [], path: '' });
  });

  it('spaces points by time, not by index, when a week was missed', () => {
    const line = scoreLine(
      [
        { at: at(0), score: 50 },
        { at: at(7), score: 50 },
        { at: at(28), score: 50 },
      ],
      BOX,
    );
    expect(line.points.map((point) => point.x)).toEqual([30, 55, 130]);
  });
});

describe('bandBars', () => {
  const week = (
    weekOf: string,
    thriving: number,
    steady: number,
    atRisk: number,
    dormant: number,
    averageScore = 60,
  ): PortfolioWeek => ({
    weekOf,
    byBand: { thriving, steady, 'at-risk': atRisk, dormant },
    averageScore,
    organizations: thriving + steady + atRisk + dormant,
  });

  it('stacks thriving at the bottom and dormant on top, scaled to the largest week', () => {
    const { bars, max, ticks } = bandBars([week('2026-11-02', 2, 1, 0, 1), week('2026-11-09', 1, 0, 0, 1)], BOX);
    expect(max).toBe(4);
    expect(ticks).toEqual([
      { value: 0, y: 110 },
      { value: 2, y: 60 },
      { value: 4, y: 10 },
    ]);
    expect(bars[0]).toEqual({
      weekOf: '2026-11-02',
      x: 36.3,
      width: 37.5,
      total: 4,
      segments: [
        { band: 'thriving', count: 2, y: 60, height: 50 },
        { band: 'steady', count: 1, y: 35, height: 25 },
        { band: 'dormant', count: 1, y: 10, height: 25 },
      ],
    });
    expect(bars[1].x).toBe(86.3);
    expect(bars[1].segments.map((segment) => [segment.band, segment.y, segment.height])).toEqual([
      ['thriving', 85, 25],
      ['dormant', 60, 25],
    ]);
  });

  it('keeps a scale for an empty week and labels no half-way tick for an odd top', () => {
    const { bars, max, ticks } = bandBars([week('2026-11-02', 0, 0, 0, 0), week('2026-11-09', 1, 1, 1, 0)], BOX);
    expect(max).toBe(3);
    expect(ticks.map((tick) => tick.value)).toEqual([0, 3]);
    expect(bars[0].segments).toEqual([]);
    expect(bandBars([], BOX)).toEqual({
      bars: [],
      max: 1,
      ticks: [
        { value: 0, y: 110 },
        { value: 1, y: 10 },
      ],
    });
  });
});

describe('chartBands', () => {
  const week = (byBand: Record<string, number>) => ({
    weekOf: '2026-11-02',
    byBand,
    averageScore: 60,
    organizations: 1,
  });
  it('shows the partners not scored yet, in grey at the bottom, only when a week counts some', () => {
    expect(chartBands([week({ thriving: 1, steady: 0, 'at-risk': 0, dormant: 0 })])).toEqual([
      'dormant',
      'at-risk',
      'steady',
      'thriving',
    ]);
    const weeks = [week({ thriving: 1, steady: 0, 'at-risk': 0, dormant: 0, unscored: 2 })];
    expect(chartBands(weeks)).toEqual(['dormant', 'at-risk', 'steady', 'thriving', 'unscored']);
    expect(bandBars(weeks, BOX).bars[0].segments.map((segment) => segment.band)).toEqual(['unscored', 'thriving']);
    expect(portfolioTrendSummary(weeks)).toMatch(/thriving 1, not scored yet 2; mean score 60\.$/);
  });
});

describe('text alternatives', () => {
  it('sums up a score history in one sentence', () => {
    expect(scoreHistorySummary([])).toMatch(/^No weekly scores yet/);
    expect(scoreHistorySummary([{ at: at(0), score: 64 }])).toBe(`One weekly score so far: 64 on ${formatDay(at(0))}.`);
    expect(
      scoreHistorySummary([
        { at: at(14), score: 31 },
        { at: at(0), score: 64 },
        { at: at(7), score: 70 },
      ]),
    ).toBe(
      `3 weekly scores from ${formatDay(at(0))} to ${formatDay(at(14))}: 64 at first, 31 now; lowest 31, highest 70.`,
    );
  });

  it('sums up the portfolio, worst band first, first week against the latest', () => {
    const weeks: PortfolioWeek[] = [
      {
        weekOf: '2026-11-02',
        byBand: { thriving: 2, steady: 1, 'at-risk': 0, dormant: 0 },
        averageScore: 78,
        organizations: 3,
      },
      {
        weekOf: '2026-11-16',
        byBand: { thriving: 1, steady: 0, 'at-risk': 1, dormant: 1 },
        averageScore: 47,
        organizations: 3,
      },
    ];
    expect(portfolioTrendSummary(weeks)).toBe(
      `2 weeks, week of ${formatDay('2026-11-02')} to week of ${formatDay('2026-11-16')}: dormant 0 → 1, at risk 0 → 1, steady 1 → 0, thriving 2 → 1; mean score 78 → 47.`,
    );
    expect(portfolioTrendSummary([])).toMatch(/^No weekly snapshots yet/);
  });

  it('shows a UTC day as that day in any time zone', () => {
    // Midnight UTC is the evening before in the Americas; the snapshot belongs to the UTC day.
    expect(formatDay('2026-11-16')).toBe(formatDay('2026-11-16T00:00:00.000Z'));
    expect(formatDay('2026-11-16')).toMatch(/16/);
  });
});
