import { describe, expect, it } from 'vitest';
import {
  foldedFilterCount,
  clearFilters,
  hasFilters,
  pageCount,
  parseDirectorySearch,
  sortDirection,
  toggleSort,
  toListQuery,
  withFilters,
  withPage,
} from './directory-search';

const AUDIENCE = '3f2b8c1e-9d4a-4e6b-8f7a-1c2d3e4f5a6b';
const OWNER = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

describe('parseDirectorySearch', () => {
  it('keeps every valid filter, the sort and the page', () => {
    expect(
      parseDirectorySearch({
        q: '  shelter ',
        stage: 'active',
        audienceId: AUDIENCE,
        capabilityId: AUDIENCE,
        seeksCapabilityId: AUDIENCE,
        ownerId: OWNER,
        tag: 'Drop-In',
        sort: '-updatedAt',
        page: 3,
      }),
    ).toEqual({
      q: 'shelter',
      stage: 'active',
      audienceId: AUDIENCE,
      capabilityId: AUDIENCE,
      seeksCapabilityId: AUDIENCE,
      ownerId: OWNER,
      tag: 'drop-in',
      sort: '-updatedAt',
      page: 3,
    });
  });

  it('drops what the API would refuse: unknown stage, malformed ids, bad sort, bad pages, overlong text', () => {
    expect(
      parseDirectorySearch({
        q: 'x'.repeat(201),
        stage: 'thriving',
        audienceId: 'not-a-uuid',
        capabilityId: `${AUDIENCE}x`,
        ownerId: 42,
        tag: 'y'.repeat(51),
        sort: '-email',
        page: 0,
        extra: 'ignored',
      }),
    ).toEqual({});
    expect(parseDirectorySearch({ page: 2.5 })).toEqual({});
    expect(parseDirectorySearch({ page: -1 })).toEqual({});
    expect(parseDirectorySearch({ page: 'abc' })).toEqual({});
    expect(parseDirectorySearch({ page: 1e9 })).toEqual({});
    expect(parseDirectorySearch({ stage: ['active'] })).toEqual({});
    expect(parseDirectorySearch({ q: { $ne: 1 } })).toEqual({});
  });

  it('reads a page given as text and a numeric query as text', () => {
    expect(parseDirectorySearch({ page: '4', q: 1234 })).toEqual({ page: 4, q: '1234' });
  });

  it('leaves the defaults (page 1, sort by name) out of the URL', () => {
    expect(parseDirectorySearch({ page: 1, sort: 'name', q: '   ' })).toEqual({});
  });
});

describe('withFilters', () => {
  it('sets a filter and goes back to page 1', () => {
    expect(withFilters({ q: 'food', page: 4, sort: '-stage' }, { stage: 'paused' })).toEqual({
      q: 'food',
      stage: 'paused',
      sort: '-stage',
    });
  });

  it('removes a filter set to empty, null or undefined', () => {
    expect(
      withFilters(
        { q: 'food', tag: 'teens', ownerId: OWNER },
        { q: '', tag: undefined, ownerId: null as unknown as undefined },
      ),
    ).toEqual({});
  });

  it('refuses an invalid value instead of putting it in the URL', () => {
    expect(withFilters({}, { audienceId: 'robert"); DROP TABLE' })).toEqual({});
  });
});

describe('filters, sort and pages', () => {
  it('tells whether any filter is set, ignoring sort and page', () => {
    expect(hasFilters({ sort: '-name', page: 2 })).toBe(false);
    expect(hasFilters({ tag: 'teens' })).toBe(true);
  });

  it('clears the filters but keeps the sort', () => {
    expect(clearFilters({ q: 'a', stage: 'active', sort: '-updatedAt', page: 5 })).toEqual({ sort: '-updatedAt' });
  });

  it('toggles a column between ascending and descending', () => {
    expect(sortDirection({}, 'name')).toBe('ascending');
    const descending = toggleSort({ page: 3 }, 'name');
    expect(descending).toEqual({ sort: '-name' });
    expect(sortDirection(descending, 'name')).toBe('descending');
    expect(toggleSort(descending, 'name')).toEqual({});
    expect(toggleSort({}, 'stage')).toEqual({ sort: 'stage' });
  });

  it('starts date columns newest first', () => {
    expect(toggleSort({}, 'updatedAt')).toEqual({ sort: '-updatedAt' });
    expect(toggleSort({ sort: '-updatedAt' }, 'updatedAt')).toEqual({ sort: 'updatedAt' });
  });

  it('moves between pages within the limits', () => {
    expect(withPage({ q: 'a' }, 2)).toEqual({ q: 'a', page: 2 });
    expect(withPage({ q: 'a', page: 2 }, 1)).toEqual({ q: 'a' });
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
  });
});

describe('toListQuery', () => {
  it('turns the URL state into the API query with limit and offset', () => {
    expect(toListQuery({ q: 'shelter', stage: 'active', tag: 'teens', page: 3 })).toEqual({
      q: 'shelter',
      stage: 'active',
      tag: 'teens',
      sort: 'name',
      limit: 25,
      offset: 50,
    });
  });
});

describe('foldedFilterCount', () => {
  it('counts the filters a phone folds away, not the search words, the sort or the page', () => {
    expect(foldedFilterCount({})).toBe(0);
    expect(foldedFilterCount({ q: 'shelter', sort: '-updatedAt', page: 2 })).toBe(0);
    expect(foldedFilterCount({ stage: 'active', tag: 'drop-in', ownerId: 'x' })).toBe(3);
    expect(
      foldedFilterCount({
        stage: 'paused',
        audienceId: 'a',
        capabilityId: 'c',
        seeksCapabilityId: 's',
        ownerId: 'o',
        tag: 't',
      }),
    ).toBe(6);
    expect(foldedFilterCount({ tag: '  ' })).toBe(0);
  });
});
