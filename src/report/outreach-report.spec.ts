import { ValidationFailedError } from '../common/errors/domain-error';
import type { OutreachMeasureRow } from '../read-side/outreach-report.query';
import {
  checkScope,
  composeRows,
  EMPTY_ROW,
  monthsOf,
  NO_MEASURES,
  reportCsv,
  resolvePeriod,
  toMeasures,
} from './outreach-report';

const row = (
  part: 'row' | 'total',
  key: string | null,
  label: string | null,
  counts: Partial<OutreachMeasureRow> = {},
) => ({ ...EMPTY_ROW, part, key, label, ...counts });

const fieldsOf = (action: () => unknown): string[] => {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationFailedError) return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('resolvePeriod', () => {
  it('takes dates as given, a preset on the library’s today, and this fiscal year without either', () => {
    expect(resolvePeriod({ from: '2026-07-01', to: '2026-07-01' }, '2026-12-07', 7)).toEqual({
      range: { from: '2026-07-01', to: '2026-07-01' },
      period: null,
    });
    expect(resolvePeriod({ period: 'last-fiscal-year' }, '2026-12-07', 10)).toEqual({
      range: { from: '2025-10-01', to: '2026-09-30' },
      period: 'last-fiscal-year',
    });
    expect(resolvePeriod({}, '2026-03-01', 7).range).toEqual({ from: '2025-07-01', to: '2026-06-30' });
  });

  it('refuses half a period, both kinds at once, a backwards or over-long one', () => {
    expect(fieldsOf(() => resolvePeriod({ to: '2026-07-01' }, '2026-12-07', 7))).toEqual(['from']);
    expect(fieldsOf(() => resolvePeriod({ period: 'this-year', from: '2026-01-01' }, '2026-12-07', 7))).toEqual([
      'period',
      'to',
    ]);
    expect(fieldsOf(() => resolvePeriod({ from: '2026-07-02', to: '2026-07-01' }, '2026-12-07', 7))).toEqual(['to']);
    expect(fieldsOf(() => resolvePeriod({ from: '2016-01-01', to: '2026-01-08' }, '2026-12-07', 7))).toEqual(['to']);
    expect(fieldsOf(() => resolvePeriod({ from: '2016-01-01', to: '2026-01-07' }, '2026-12-07', 7))).toEqual([]);
  });

  it('takes at most one scope', () => {
    expect(fieldsOf(() => checkScope({ organizationId: 'a', audienceId: 'b' }))).toEqual(['audienceId']);
    expect(fieldsOf(() => checkScope({ programId: 'a' }))).toEqual([]);
  });
});

describe('composeRows', () => {
  it('sorts groups by name as people read them (case, accents and numbers), the row of no group last', () => {
    const { rows, totals } = composeRows('partner', { from: '2026-01-01', to: '2026-12-31' }, [
      row('row', null, null, { visits: 1 }),
      row('row', 'b', 'zephyr House', { visits: 2 }),
      row('row', 'c', 'Branch 10', { visits: 3 }),
      row('row', 'd', 'Branch 9', { visits: 4 }),
      row('row', 'e', 'Éclair Center', { visits: 5 }),
      row('total', null, null, { visits: 15 }),
    ]);
    expect(rows.map((r) => [r.label, r.visits])).toEqual([
      ['Branch 9', 4],
      ['Branch 10', 3],
      ['Éclair Center', 5],
      ['zephyr House', 2],
      ['No partner', 1],
    ]);
    expect(totals.visits).toBe(15);
  });

  it('lists every month of the period, across a year’s end, those without facts at zero', () => {
    expect(monthsOf({ from: '2026-11-15', to: '2027-02-01' })).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    const { rows } = composeRows('month', { from: '2026-11-15', to: '2027-01-31' }, [
      row('row', '2026-12', null, { visits: 2 }),
      row('total', null, null, { visits: 2 }),
    ]);
    expect(rows.map((r) => [r.key, r.label, r.visits])).toEqual([
      ['2026-11', 'November 2026', 0],
      ['2026-12', 'December 2026', 2],
      ['2027-01', 'January 2027', 0],
    ]);
  });

  it('an empty period has empty totals', () => {
    expect(composeRows('program', { from: '2026-01-01', to: '2026-01-31' }, []).totals).toEqual(NO_MEASURES);
  });
});

describe('toMeasures', () => {
  it('averages attendance over the sessions that have it and shares who agree over who answered', () => {
    const measures = toMeasures(
      row('total', null, null, {
        attendance: 25,
        sessions_with_attendance: 3,
        knowledge_answered: 3,
        knowledge_agree: 2,
        knowledge_average: 3.67,
      }),
    );
    expect(measures.averageAttendance).toBe(8.3);
    expect(measures.outcomes.knowledge).toBe(3.67);
    expect(measures.outcomesAgree).toEqual({ knowledge: 0.667, confidence: null, application: null, awareness: null });
  });
});

describe('reportCsv', () => {
  it('writes a header, the rows, a Total row; a label that would run as a formula gets a quote', () => {
    const csv = reportCsv({
      groupBy: 'program',
      rows: [{ key: 'a', label: '@SUM(1+1)', ...NO_MEASURES, visits: 2 }],
      totals: { ...NO_MEASURES, visits: 2 },
    });
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0].startsWith('Program,Visits,')).toBe(true);
    expect(lines[1].startsWith("'@SUM(1+1),2,0,")).toBe(true);
    expect(lines[2].startsWith('Total,2,0,')).toBe(true);
    expect(csv.startsWith('\uFEFF')).toBe(true);
  });
});
