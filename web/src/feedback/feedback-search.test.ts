import { describe, expect, it } from 'vitest';
import { parseFeedbackSearch, toFeedbackQuery, withFeedbackFilters } from './feedback-search';

const PROGRAM = '77777777-7777-4777-8777-777777777777';
const PARTNER = '22222222-2222-4222-8222-222222222222';

describe('feedback inbox filters', () => {
  it('opens on what still needs action', () => {
    expect(toFeedbackQuery({})).toEqual({ needsAction: 'true', limit: 20, offset: 0 });
  });

  it('asks for everything, or only what has an action, with the other filters and the page', () => {
    expect(toFeedbackQuery({ show: 'all', source: 'youth', programId: PROGRAM, page: 3 })).toEqual({
      source: 'youth',
      programId: PROGRAM,
      limit: 20,
      offset: 40,
    });
    expect(toFeedbackQuery({ show: 'action-taken', organizationId: PARTNER })).toEqual({
      needsAction: 'false',
      organizationId: PARTNER,
      limit: 20,
      offset: 0,
    });
  });

  it('reads only valid values from a hand-edited link', () => {
    expect(
      parseFeedbackSearch({
        show: 'needs-action',
        source: 'robot',
        programId: '1; drop table',
        organizationId: PARTNER,
        page: '0',
      }),
    ).toEqual({
      organizationId: PARTNER,
    });
    expect(parseFeedbackSearch({ show: 'all', source: 'staff', page: '2' })).toEqual({
      show: 'all',
      source: 'staff',
      page: 2,
    });
  });

  it('starts again at page 1 when a filter changes, and drops cleared ones', () => {
    expect(withFeedbackFilters({ show: 'all', source: 'partner', page: 5 }, { source: undefined })).toEqual({
      show: 'all',
    });
  });
});
