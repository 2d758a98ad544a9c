import { describe, expect, it } from 'vitest';
import {
  customPeriodProblem,
  periodChoice,
  toReportQuery,
  withDate,
  withGrouping,
  withoutScope,
  withPeriod,
} from './report-choices';
import { parseReportSearch } from './report-search';

const ORG = 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA';

describe('parseReportSearch', () => {
  it('keeps valid choices and drops defaults and junk', () => {
    expect(parseReportSearch({ period: 'last-quarter', groupBy: 'month' })).toEqual({
      period: 'last-quarter',
      groupBy: 'month',
    });
    expect(parseReportSearch({ period: 'this-fiscal-year', groupBy: 'partner' })).toEqual({});
    expect(parseReportSearch({ period: 'next-decade', groupBy: 'colour', from: '2026-02-30' })).toEqual({});
  });

  it('lets dates given win over a preset', () => {
    expect(parseReportSearch({ period: 'this-month', from: '2026-07-01', to: '2026-09-30' })).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
    });
  });

  it('keeps one valid scope id, lower-cased', () => {
    expect(parseReportSearch({ organizationId: ORG, programId: ORG })).toEqual({ organizationId: ORG.toLowerCase() });
    expect(parseReportSearch({ programId: 'not-a-uuid' })).toEqual({});
  });
});

describe('toReportQuery', () => {
  it('asks for the default period and grouping explicitly', () => {
    expect(toReportQuery({})).toEqual({ period: 'this-fiscal-year', groupBy: 'partner' });
  });

  it('asks for dates given, with the scope', () => {
    expect(toReportQuery({ from: '2026-07-01', to: '2026-09-30', groupBy: 'staff', programId: 'p' })).toEqual({
      from: '2026-07-01',
      to: '2026-09-30',
      groupBy: 'staff',
      programId: 'p',
    });
  });

  it('asks nothing while the dates are incomplete or wrong', () => {
    expect(toReportQuery({ from: '2026-07-01' })).toBeNull();
    expect(customPeriodProblem({ from: '2026-07-01' })).toEqual({ to: 'Pick the last day' });
    expect(customPeriodProblem({ to: '2026-07-01' })).toEqual({ from: 'Pick the first day' });
    expect(customPeriodProblem({ from: '2026-07-02', to: '2026-07-01' })).toEqual({
      to: 'The last day can’t be before the first',
    });
    expect(customPeriodProblem({ from: '2000-01-01', to: '2026-07-01' })).toEqual({
      to: 'A report spans at most 10 years',
    });
    expect(customPeriodProblem({ from: '2026-07-01', to: '2026-07-01' })).toBeNull();
  });
});

describe('changing the search', () => {
  it('switches to a preset, forgetting the dates', () => {
    const next = withPeriod({ from: '2026-07-01', to: '2026-09-30', groupBy: 'month' }, 'last-year');
    expect(next).toEqual({ period: 'last-year', groupBy: 'month' });
    expect(periodChoice(next)).toBe('last-year');
  });

  it('switches to custom dates starting from the period shown', () => {
    const next = withPeriod({ period: 'last-quarter' }, 'custom', { from: '2026-07-01', to: '2026-09-30' });
    expect(next).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(periodChoice(next)).toBe('custom');
  });

  it('changes one date and the grouping, and drops the scope', () => {
    expect(withDate({ from: '2026-07-01', to: '2026-09-30' }, 'to', '2026-08-31')).toEqual({
      from: '2026-07-01',
      to: '2026-08-31',
    });
    expect(withGrouping({ period: 'last-year' }, 'audience')).toEqual({ period: 'last-year', groupBy: 'audience' });
    expect(withGrouping({ groupBy: 'audience' }, 'partner')).toEqual({});
    expect(withoutScope({ period: 'last-year', organizationId: 'o' })).toEqual({ period: 'last-year' });
  });
});
