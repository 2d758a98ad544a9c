import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setDisplayZone } from '../common/format';
import { fakeOutreachApi, renderApp, task } from '../test/fake-outreach-api';
import { userEvent } from '../test/user-event';

/** The library is in Kiritimati (UTC+14); the test browser is in UTC. */
const LIBRARY = {
  version: 2,
  name: 'Line Islands Library',
  timezone: 'Pacific/Kiritimati',
  defaultLanguage: 'en',
  languages: ['en'],
};

describe("My tasks in the library's time zone", () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
    // 16:00 UTC on Monday 7 December is 06:00 on Tuesday the 8th in Kiritimati. Only Date is faked.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T16:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    setDisplayZone(undefined);
  });

  it("groups by the library's today, shows a date-only due date as its date, says whose times they are, and defaults a new one to 09:00 there", async () => {
    const api = fakeOutreachApi({
      tasks: [
        // Due by the end of the 8th in Kiritimati (its midnight, 10:00 UTC on the 8th): today there, tomorrow in UTC.
        task({ title: 'Call the shelter back', dueAt: '2026-12-08T10:00:00.000Z' }),
        // 11:00 UTC on the 9th is 01:00 on the 10th in Kiritimati: shown with its time, in the library's zone.
        task({ title: 'Send the spring schedule', dueAt: '2026-12-09T11:00:00.000Z' }),
      ],
    });
    api.answerNext(
      'GET',
      '/api/v1/settings/library',
      () => new Response(JSON.stringify(LIBRARY), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    renderApp('/tasks');

    const today = await screen.findByRole('region', { name: /^Due today/ });
    expect(within(today).getByText('Call the shelter back')).toBeInTheDocument();
    expect(within(today).getByText('Due Dec 8, 2026')).toBeInTheDocument();
    const week = screen.getByRole('region', { name: /^Due in the next 7 days/ });
    expect(within(week).getByText('Send the spring schedule')).toBeInTheDocument();
    expect(within(week).getByText('Due Dec 10, 2026, 1:00 AM')).toBeInTheDocument();
    expect(screen.getByText('Times are Kiritimati time')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add a follow-up' }));
    const dialog = await screen.findByRole('dialog');
    // Tomorrow in Kiritimati is the 9th.
    expect(within(dialog).getByLabelText(/^Due/)).toHaveValue('2026-12-09T09:00');
    expect(within(dialog).getByText('Times are Kiritimati time')).toBeInTheDocument();
  });
});
