import { describe, expect, it } from 'vitest';
import { coverageAlert, coverageRows, formatTrend, signedChange, spanText } from './dashboard-format';
import type { AudienceCoverage } from './types';

describe('formatTrend', () => {
  it('says nothing without a trend (fewer than two weekly snapshots a week apart)', () => {
    expect(formatTrend(null)).toBeNull();
    expect(formatTrend({ change: null, direction: 'steady', spanDays: null })).toBeNull();
  });

  it('points up with a plus for a rise, down with a real minus for a fall', () => {
    expect(formatTrend({ change: 12, direction: 'rising', spanDays: 28 })).toEqual({
      arrow: '↑',
      change: '+12',
      label: 'Up 12 points in 4 weeks',
      span: 'in 4 weeks',
      direction: 'rising',
    });
    expect(formatTrend({ change: -30, direction: 'falling', spanDays: 27 })).toEqual({
      arrow: '↓',
      change: '\u221230',
      label: 'Down 30 points in 4 weeks',
      span: 'in 4 weeks',
      direction: 'falling',
    });
  });

  it('keeps a small move steady, as the API judges it, but still says which way and how much', () => {
    expect(formatTrend({ change: 3, direction: 'steady', spanDays: 14 })).toMatchObject({
      arrow: '→',
      change: '+3',
      label: 'Steady: up 3 points in 2 weeks',
    });
    expect(formatTrend({ change: -1, direction: 'steady', spanDays: 7 })).toMatchObject({
      change: '\u22121',
      label: 'Steady: down 1 point in 1 week',
    });
    expect(formatTrend({ change: 0, direction: 'steady', spanDays: 21 })).toMatchObject({
      change: '±0',
      label: 'Steady: no change in 3 weeks',
    });
  });

  it('names odd spans in days', () => {
    expect(spanText(10)).toBe('10 days');
    expect(spanText(1)).toBe('1 day');
    expect(spanText(29)).toBe('4 weeks');
    expect(signedChange(0)).toBe('±0');
  });
});

describe('coverageRows', () => {
  const audience = (name: string, priority: number, activePartners: number): AudienceCoverage => ({
    audienceId: `${name}-id`,
    name,
    priority,
    activePartners,
  });

  it('puts an uncovered high-priority audience first and highlights only it, whatever order the API used', () => {
    const rows = coverageRows([
      audience('Seniors', 2, 0),
      audience('Teens', 1, 3),
      audience('Families', 3, 1),
      audience('Foster youth', 1, 0),
      audience('Adults learning English', 1, 1),
    ]);
    expect(rows.map((row) => [row.name, row.status, row.highlight])).toEqual([
      ['Foster youth', 'gap', true],
      ['Adults learning English', 'thin', false],
      ['Teens', 'covered', false],
      ['Seniors', 'uncovered', false],
      ['Families', 'thin', false],
    ]);
    expect(rows.map((row) => row.partnersText)).toEqual([
      'No active partner',
      '1 active partner',
      '3 active partners',
      'No active partner',
      '1 active partner',
    ]);
  });

  it('sorts several gaps by name and says how many there are', () => {
    const rows = coverageRows([audience('Veterans', 1, 0), audience('Foster youth', 1, 0), audience('Teens', 1, 2)]);
    expect(rows.map((row) => row.name)).toEqual(['Foster youth', 'Veterans', 'Teens']);
    expect(coverageAlert(rows)).toBe('2 high-priority audiences have no active partner.');
    expect(coverageAlert(rows.slice(1))).toBe('1 high-priority audience has no active partner.');
    expect(coverageAlert(coverageRows([audience('Seniors', 2, 0)]))).toBeNull();
    expect(coverageRows([])).toEqual([]);
  });

  it('does not change the list it was given', () => {
    const input = [audience('B', 2, 0), audience('A', 1, 0)];
    coverageRows(input);
    expect(input.map((row) => row.name)).toEqual(['B', 'A']);
  });
});
