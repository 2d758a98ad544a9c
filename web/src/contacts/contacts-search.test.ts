import { describe, expect, it } from 'vitest';
import { parseContactsSearch, toContactListQuery, withContactFilters, withContactsPage } from './contacts-search';

const SHELTER = '22222222-2222-4222-8222-222222222222';

describe('parseContactsSearch', () => {
  it('keeps valid words, partner and page', () => {
    expect(parseContactsSearch({ q: ' whit ', organizationId: SHELTER.toUpperCase(), page: '3' })).toEqual({
      q: 'whit',
      organizationId: SHELTER,
      page: 3,
    });
  });

  it('drops what the API would refuse: too long, not an id, not a page', () => {
    expect(parseContactsSearch({ q: 'x'.repeat(201), organizationId: 'abc', page: '1.5' })).toEqual({});
    expect(parseContactsSearch({ q: '   ', organizationId: 7, page: 1 })).toEqual({});
  });
});

describe('changing the search', () => {
  it('goes back to page 1 on new words or another partner, and removes emptied filters', () => {
    const start = { q: 'whit', organizationId: SHELTER, page: 4 };
    expect(withContactFilters(start, { q: 'dana' })).toEqual({ q: 'dana', organizationId: SHELTER });
    expect(withContactFilters(start, { organizationId: undefined })).toEqual({ q: 'whit' });
    expect(withContactFilters(start, { q: '' })).toEqual({ organizationId: SHELTER });
  });

  it('pages without losing the filters; page 1 is not written', () => {
    expect(withContactsPage({ q: 'whit' }, 2)).toEqual({ q: 'whit', page: 2 });
    expect(withContactsPage({ q: 'whit', page: 2 }, 1)).toEqual({ q: 'whit' });
  });
});

describe('toContactListQuery', () => {
  it('asks for the page the search is on', () => {
    expect(toContactListQuery({})).toEqual({ limit: 25, offset: 0 });
    expect(toContactListQuery({ q: 'whit', organizationId: SHELTER, page: 3 })).toEqual({
      q: 'whit',
      organizationId: SHELTER,
      limit: 25,
      offset: 50,
    });
  });
});
