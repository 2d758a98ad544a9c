import { describe, expect, it } from 'vitest';
import {
  clearFilters,
  emptyResultText,
  filterCount,
  hasFilters,
  parseDashboardSearch,
  portfolioCountText,
  toDashboardQuery,
  toggleBand,
  withFilters,
  withPage,
} from './dashboard-search';

const ME = '11111111-1111-4111-8111-111111111111';
const BEN = '33333333-3333-4333-8333-333333333333';

describe('parseDashboardSearch', () => {
  it('keeps valid filters and drops what a hand-edited link gets wrong', () => {
    expect(parseDashboardSearch({ band: 'unscored', stage: 'paused', ownerId: BEN.toUpperCase(), page: '3' })).toEqual({
      band: 'unscored',
      stage: 'paused',
      ownerId: BEN,
      page: 3,
    });
    expect(parseDashboardSearch({ band: 'great', stage: 'ended', ownerId: 'nope', page: -2, mine: 'no' })).toEqual({});
    expect(parseDashboardSearch({ page: 1 })).toEqual({});
    expect(parseDashboardSearch({ page: 2.5 })).toEqual({});
  });

  it('reads "My partners" from true, "true" or 1, and lets it win over an owner', () => {
    for (const mine of [true, 'true', 1, '1']) expect(parseDashboardSearch({ mine })).toEqual({ mine: true });
    expect(parseDashboardSearch({ mine: true, ownerId: BEN })).toEqual({ mine: true });
  });
});

describe('withFilters', () => {
  it('goes back to page 1 and drops empty values', () => {
    expect(withFilters({ band: 'dormant', page: 4 }, { stage: 'active' })).toEqual({
      band: 'dormant',
      stage: 'active',
    });
    expect(withFilters({ band: 'dormant', stage: 'active' }, { band: undefined })).toEqual({ stage: 'active' });
  });

  it('turns "My partners" off for a colleague, and forgets the colleague for "My partners"', () => {
    expect(withFilters({ mine: true }, { ownerId: BEN })).toEqual({ ownerId: BEN });
    expect(withFilters({ ownerId: BEN }, { mine: true })).toEqual({ mine: true });
    expect(withFilters({ mine: true, band: 'steady' }, { mine: undefined })).toEqual({ band: 'steady' });
  });
});

describe('toggleBand', () => {
  it('filters by the band, or lifts the filter when it already is the band', () => {
    expect(toggleBand({ stage: 'active', page: 2 }, 'at-risk')).toEqual({ stage: 'active', band: 'at-risk' });
    expect(toggleBand({ band: 'at-risk', stage: 'active' }, 'at-risk')).toEqual({ stage: 'active' });
  });
});

describe('toDashboardQuery', () => {
  it('pages 50 at a time and sends only the filters set', () => {
    expect(toDashboardQuery({}, ME)).toEqual({ limit: 50, offset: 0 });
    expect(toDashboardQuery({ band: 'unscored', stage: 'prospect', ownerId: BEN, page: 3 }, ME)).toEqual({
      band: 'unscored',
      stage: 'prospect',
      ownerId: BEN,
      limit: 50,
      offset: 100,
    });
  });

  it('asks for the signed-in person’s partners for "My partners"', () => {
    expect(toDashboardQuery({ mine: true }, ME)).toEqual({ ownerId: ME, limit: 50, offset: 0 });
  });
});

describe('hasFilters, filterCount, clearFilters, withPage', () => {
  it('counts filters, not the page', () => {
    expect(hasFilters({ page: 2 })).toBe(false);
    expect(hasFilters({ mine: true })).toBe(true);
    expect(filterCount({ band: 'steady', stage: 'active', mine: true, page: 2 })).toBe(3);
    expect(clearFilters()).toEqual({});
    expect(withPage({ band: 'steady' }, 2)).toEqual({ band: 'steady', page: 2 });
    expect(withPage({ band: 'steady', page: 2 }, 1)).toEqual({ band: 'steady' });
  });
});

describe('portfolioCountText', () => {
  it('says how many, and of how many when filtered', () => {
    expect(portfolioCountText(1, 1, {})).toBe('1 partner, worst first');
    expect(portfolioCountText(12, 12, {})).toBe('12 partners, worst first');
    expect(portfolioCountText(3, 40, { band: 'at-risk', stage: 'active', mine: true })).toBe(
      '3 of 40 partners: at risk, active, yours',
    );
    expect(portfolioCountText(2, 40, { band: 'unscored', ownerId: BEN }, 'Ben Outreach')).toBe(
      '2 of 40 partners: not scored yet, looked after by Ben Outreach',
    );
    expect(portfolioCountText(2, 40, { ownerId: BEN })).toBe('2 of 40 partners: looked after by a colleague');
  });
});

describe('emptyResultText', () => {
  const byBand = { thriving: 2, steady: 0, 'at-risk': 1, dormant: 0, unscored: 0 };
  it('says when the band is empty across the whole portfolio', () => {
    expect(emptyResultText({ band: 'steady', stage: 'active' }, byBand)).toBe('No partner is steady right now.');
    expect(emptyResultText({ band: 'unscored' }, byBand)).toBe(
      'Every partner has a score: none is waiting for its first visit, session, feedback or check-in.',
    );
  });

  it('otherwise names the filters that together match nothing', () => {
    expect(emptyResultText({ band: 'at-risk', mine: true }, byBand)).toBe(
      'No partner matches these filters (at risk, yours). Loosen one, or clear them to see the whole portfolio.',
    );
  });
});
