import { describe, expect, it } from 'vitest';
import {
  countsSummary,
  initialVisitValues,
  visitChanges,
  visitFormValues,
  type Visit,
  readRememberedVisit,
  rememberVisit,
  toCreateVisitBody,
  toLocalInputValue,
  visitFormProblems,
  type VisitFormValues,
} from './visit-form';
import { parseVisitsSearch, rangeProblem, toVisitQuery, withVisitFilters } from './visits-search';

const ME = '11111111-1111-4111-8111-111111111111';
const SHELTER = '22222222-2222-4222-8222-222222222222';
const FOOD_BANK = '33333333-3333-4333-8333-333333333333';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('initialVisitValues: the defaults of "Log a visit"', () => {
  it('starts from the partner whose page the form was opened from, now, and me as the staff who went', () => {
    const values = initialVisitValues({ userId: ME, organizationId: SHELTER, remembered: null });
    expect(values).toEqual({
      organizationId: SHELTER,
      purpose: null,
      when: '',
      location: '',
      programId: null,
      staffIds: [ME],
      contactIds: [],
      invitationsHandedOut: '',
      peopleReached: '',
      largeCountsConfirmed: false,
      notes: '',
    });
  });

  it('prefers the page the person came from over the partner of their last visit, but keeps their last purpose', () => {
    const values = initialVisitValues({
      userId: ME,
      organizationId: SHELTER,
      remembered: { organizationId: FOOD_BANK, purpose: 'invitations' },
    });
    expect(values.organizationId).toBe(SHELTER);
    expect(values.purpose).toBe('invitations');
  });

  it('opened from the menu, offers the partner and purpose of the last visit the person logged', () => {
    const values = initialVisitValues({ userId: ME, remembered: { organizationId: FOOD_BANK, purpose: 'planning' } });
    expect(values.organizationId).toBe(FOOD_BANK);
    expect(values.purpose).toBe('planning');
    expect(values.staffIds).toEqual([ME]);
  });

  it('opened from the menu the first time, leaves partner and purpose to choose', () => {
    const values = initialVisitValues({ userId: ME, remembered: null });
    expect(values.organizationId).toBeNull();
    expect(visitFormProblems(values)).toEqual({
      organizationId: 'Choose the partner you visited',
      purpose: 'Choose what the visit was for',
    });
  });
});

describe('remembering the last visit', () => {
  it('keeps ids and the purpose per user, and reads them back', () => {
    const storage = memoryStorage();
    rememberVisit(ME, { organizationId: SHELTER, purpose: 'relationship' }, storage);
    expect(readRememberedVisit(ME, storage)).toEqual({ organizationId: SHELTER, purpose: 'relationship' });
    expect(readRememberedVisit(FOOD_BANK, storage)).toBeNull();
    expect([...storage.items.values()]).toEqual([JSON.stringify({ organizationId: SHELTER, purpose: 'relationship' })]);
  });

  it.each([
    ['not JSON', '{oops'],
    ['a purpose the API does not know', JSON.stringify({ organizationId: SHELTER, purpose: 'party' })],
    ['an id that is not a UUID', JSON.stringify({ organizationId: "1' OR 1=1", purpose: 'other' })],
    ['a number', '42'],
    ['null', 'null'],
  ])('ignores a stored value that is %s', (_what, raw) => {
    const storage = memoryStorage({ [`tandem.last-visit.${ME}`]: raw });
    expect(readRememberedVisit(ME, storage)).toBeNull();
  });

  it('works on without storage (private browsing, storage refused)', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(readRememberedVisit(ME, refusing)).toBeNull();
    expect(() => rememberVisit(ME, { organizationId: SHELTER, purpose: 'other' }, refusing)).not.toThrow();
    expect(readRememberedVisit(ME, null)).toBeNull();
  });
});

describe('toCreateVisitBody', () => {
  const filled = (overrides: Partial<VisitFormValues> = {}): VisitFormValues => ({
    ...initialVisitValues({
      userId: ME,
      organizationId: SHELTER,
      remembered: { organizationId: SHELTER, purpose: 'invitations' },
    }),
    ...overrides,
  });

  it('leaves "now" to the server, sends me as staff and blank counts as 0', () => {
    expect(toCreateVisitBody(filled())).toEqual({
      organizationId: SHELTER,
      purpose: 'invitations',
      staffIds: [ME],
      contactIds: [],
      invitationsHandedOut: 0,
      peopleReached: 0,
    });
  });

  it('sends a chosen time as an instant with an offset, and trims the text', () => {
    const body = toCreateVisitBody(
      filled({
        when: '2026-03-04T15:30',
        location: '  Front lobby ',
        notes: '\n Asked for Spanish flyers \n',
        invitationsHandedOut: '25',
        peopleReached: ' 12 ',
      }),
    );
    expect(body.visitedAt).toBe(new Date(2026, 2, 4, 15, 30).toISOString());
    expect(body.visitedAt).toMatch(/Z$/);
    expect(body).toMatchObject({
      location: 'Front lobby',
      notes: 'Asked for Spanish flyers',
      invitationsHandedOut: 25,
      peopleReached: 12,
    });
  });

  it('leaves out blank text rather than sending empty strings', () => {
    const body = toCreateVisitBody(filled({ location: '   ', notes: '  ' }));
    expect(body).not.toHaveProperty('location');
    expect(body).not.toHaveProperty('notes');
  });

  it('round-trips a time through the datetime-local field', () => {
    const moment = new Date(2026, 10, 1, 9, 5);
    expect(toLocalInputValue(moment)).toBe('2026-11-01T09:05');
    expect(new Date(toLocalInputValue(moment)).getTime()).toBe(moment.getTime());
  });
});

describe('visitFormProblems', () => {
  const base = initialVisitValues({
    userId: ME,
    organizationId: SHELTER,
    remembered: { organizationId: SHELTER, purpose: 'other' },
  });

  it('finds nothing wrong with the defaults once partner and purpose are set', () => {
    expect(visitFormProblems(base)).toEqual({});
  });

  it.each([
    [{ invitationsHandedOut: '-1' }, 'invitationsHandedOut'],
    [{ invitationsHandedOut: '2.5' }, 'invitationsHandedOut'],
    [{ peopleReached: '100001' }, 'peopleReached'],
    [{ peopleReached: 'lots' }, 'peopleReached'],
    [{ peopleReached: '99999' }, 'peopleReached'],
    [{ when: 'yesterday-ish' }, 'when'],
    [{ staffIds: [] }, 'staffIds'],
  ] as [Partial<VisitFormValues>, keyof VisitFormValues][])('refuses %o', (change, field) => {
    expect(Object.keys(visitFormProblems({ ...base, ...change }))).toEqual([field]);
  });

  it('says in plain words what is wrong with a count, leaving the text as typed', () => {
    expect(visitFormProblems({ ...base, peopleReached: '-5' }).peopleReached).toBe(
      'A count can’t be below 0. Enter 0 or more.',
    );
    expect(visitFormProblems({ ...base, peopleReached: '12.5' }).peopleReached).toBe(
      'Enter a whole number, without decimals.',
    );
    expect(visitFormProblems({ ...base, peopleReached: '100001' }).peopleReached).toBe(
      'Enter a number no bigger than 100,000.',
    );
    expect(visitFormProblems({ ...base, peopleReached: '99999' }).peopleReached).toBe(
      '99,999 is a lot for one visit. Check the number, or tick “Yes, the numbers are right” if it is.',
    );
  });

  it('takes a large count once it is confirmed, and one already saved on the visit being edited', () => {
    expect(visitFormProblems({ ...base, peopleReached: '5000', largeCountsConfirmed: true })).toEqual({});
    expect(visitFormProblems({ ...base, peopleReached: '1000', invitationsHandedOut: '1,000' })).toEqual({});
    const saved = { ...base, when: '2026-03-04T15:30', peopleReached: '5000' };
    expect(visitFormProblems(saved, saved)).toEqual({});
    expect(Object.keys(visitFormProblems({ ...saved, peopleReached: '6000' }, saved))).toEqual(['peopleReached']);
  });

  it('needs a time when editing (there is no "now" to fall back on)', () => {
    expect(visitFormProblems({ ...base, when: '' }, base)).toEqual({ when: 'Enter a date and time' });
  });
});

describe('editing a visit', () => {
  const visit: Visit = {
    id: '44444444-4444-4444-8444-444444444444',
    version: 3,
    organizationId: SHELTER,
    programId: null,
    visitedAt: new Date(2026, 2, 4, 15, 30).toISOString(),
    location: 'Front lobby',
    purpose: 'invitations',
    staffIds: [ME],
    contactIds: [],
    invitationsHandedOut: 25,
    peopleReached: 0,
    notes: null,
    createdAt: '2026-03-04T15:31:00.000Z',
    updatedAt: '2026-03-04T15:31:00.000Z',
  };

  it('starts from the visit as saved, counts as the text they show', () => {
    expect(visitFormValues(visit)).toEqual({
      organizationId: SHELTER,
      purpose: 'invitations',
      when: '2026-03-04T15:30',
      location: 'Front lobby',
      programId: null,
      staffIds: [ME],
      contactIds: [],
      invitationsHandedOut: '25',
      peopleReached: '0',
      largeCountsConfirmed: false,
      notes: '',
    });
  });

  it('sends only what changed', () => {
    const base = visitFormValues(visit);
    expect(visitChanges(base, base)).toEqual({});
    expect(visitChanges(base, { ...base, peopleReached: '40', notes: ' Asked for flyers ' })).toEqual({
      peopleReached: 40,
      notes: 'Asked for flyers',
    });
    expect(
      visitChanges(base, { ...base, location: '  ', when: '2026-03-05T09:00', staffIds: [ME, FOOD_BANK] }),
    ).toEqual({
      location: null,
      visitedAt: new Date(2026, 2, 5, 9, 0).toISOString(),
      staffIds: [ME, FOOD_BANK],
    });
    // The same people in another order, or the same count written another way, is no change.
    expect(visitChanges({ ...base, staffIds: [ME, FOOD_BANK] }, { ...base, staffIds: [FOOD_BANK, ME] })).toEqual({});
    expect(visitChanges(base, { ...base, invitationsHandedOut: '025' })).toEqual({});
  });
});

describe('countsSummary', () => {
  it('says what was counted, in words, singular or plural', () => {
    expect(countsSummary({ invitationsHandedOut: 25, peopleReached: 1 })).toBe(
      '25 invitations handed out · 1 person reached',
    );
    expect(countsSummary({ invitationsHandedOut: 1, peopleReached: 0 })).toBe('1 invitation handed out');
    expect(countsSummary({ invitationsHandedOut: 0, peopleReached: 0 })).toBeNull();
  });
});

describe('visits list filters in the URL', () => {
  it('reads only valid filters from a hand-edited link', () => {
    expect(parseVisitsSearch({ organizationId: SHELTER, from: '2026-03-01', to: '2026-03-31', page: '3' })).toEqual({
      organizationId: SHELTER,
      from: '2026-03-01',
      to: '2026-03-31',
      page: 3,
    });
    expect(parseVisitsSearch({ organizationId: 'nope', from: '2026-02-30', to: '0002-01-01', page: '-1' })).toEqual({});
    expect(parseVisitsSearch({ from: ['2026-03-01'], page: 1.5 })).toEqual({});
  });

  it('asks the API for the reader’s own days, from the first midnight to the end of the last day', () => {
    const query = toVisitQuery({ from: '2026-03-01', to: '2026-03-31', page: 2 });
    expect(query).toEqual({
      sort: '-visitedAt',
      limit: 25,
      offset: 25,
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(new Date(2026, 3, 1).getTime() - 1).toISOString(),
    });
  });

  it('says when the first day is after the last, instead of asking the API', () => {
    expect(rangeProblem({ from: '2026-04-01', to: '2026-03-01' })).toBe(
      'The first day must not be after the last day.',
    );
    expect(rangeProblem({ from: '2026-03-01', to: '2026-03-01' })).toBeNull();
  });

  it('goes back to page 1 when a filter changes, and drops cleared filters', () => {
    expect(withVisitFilters({ organizationId: SHELTER, page: 4, from: '2026-01-01' }, { from: undefined })).toEqual({
      organizationId: SHELTER,
    });
  });
});
