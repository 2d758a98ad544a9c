import { addDays, fiscalYearName, presetRange } from '@tandem/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { todayIn } from '../programs/zone';
import { renderApp } from '../test/fake-outreach-api';
import { userEvent } from '../test/user-event';
import { fakeGoalsApi, MANAGER, STAFF, VIEWER } from './fake-goals-api';
import { goal, SHELTER, TEENS } from './goal-fixtures';

const CURRENT = goal({ id: '0ddddddd-dddd-4ddd-8ddd-dddddddddddd', title: 'Teens at our sessions' });
const PAST = goal({
  id: '0eeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  title: 'Partners last year',
  metric: 'active-partners',
  target: 12,
  from: '2025-07-01',
  to: '2026-06-30',
  progress: { value: 9, ratio: 0.75, expectedByNow: 12, onTrack: false, status: 'missed' },
});
const UPCOMING = goal({
  id: '0fffffff-ffff-4fff-8fff-ffffffffffff',
  title: 'Feedback next year',
  metric: 'feedback-count',
  from: '2027-07-01',
  to: '2028-06-30',
  progress: { value: 0, ratio: 0, expectedByNow: 0, onTrack: true, status: 'not-started' },
});

const dialog = () => screen.findByRole('dialog');

describe('Goals screen', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('lists current, upcoming and past goals apart', async () => {
    fakeGoalsApi({ goals: [CURRENT, UPCOMING, PAST] });
    renderApp('/goals', MANAGER);
    const current = await screen.findByRole('list', { name: 'Current goals' });
    expect(within(current).getByRole('heading', { name: 'Teens at our sessions' })).toBeInTheDocument();
    const upcoming = screen.getByRole('list', { name: 'Upcoming goals' });
    expect(within(upcoming).getByRole('heading', { name: 'Feedback next year' })).toBeInTheDocument();
    const past = screen.getByRole('list', { name: 'Past goals' });
    expect(within(past).getByRole('heading', { name: 'Partners last year' })).toBeInTheDocument();
    expect(within(past).getByText('Missed')).toBeInTheDocument();
  });

  it('lets a manager set a goal: this library’s fiscal year, an audience, the body sent as typed', async () => {
    const api = fakeGoalsApi({ goals: [CURRENT], fiscalYearStartMonth: 10 });
    renderApp('/goals', MANAGER);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New goal' }));
    const form = await dialog();
    // A new goal starts on this fiscal year, which starts in October here.
    const today = todayIn('UTC');
    const thisYear = presetRange('this-fiscal-year', today, 10);
    const nextYear = presetRange('this-fiscal-year', addDays(thisYear.to, 1), 10);
    await waitFor(() => expect(within(form).getByLabelText(/^From/)).toHaveValue(thisYear.from));
    expect(thisYear.from.slice(5)).toBe('10-01');
    expect(within(form).getByLabelText(/^To/)).toHaveValue(thisYear.to);

    await user.type(within(form).getByRole('textbox', { name: /^Title/ }), '  Teen attendance FY  ');
    await user.click(within(form).getByRole('combobox', { name: /^What it counts/ }));
    await user.click(await screen.findByRole('option', { name: 'Attendees at sessions' }));
    await user.type(within(form).getByRole('textbox', { name: /^Target/ }), '1200');
    await user.click(within(form).getByRole('button', { name: `Next fiscal year (${fiscalYearName(nextYear)})` }));
    expect(within(form).getByLabelText(/^From/)).toHaveValue(nextYear.from);
    await user.click(within(form).getByRole('radio', { name: 'An audience' }));
    await user.click(within(form).getByRole('combobox', { name: /^Audience/ }));
    await user.click(await screen.findByRole('option', { name: 'Teens' }));
    await user.click(within(form).getByRole('button', { name: 'Set goal' }));

    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'POST', path: '/api/v1/goals' });
    expect(api.writes()[0].body).toEqual({
      title: 'Teen attendance FY',
      metric: 'attendance',
      target: 1200,
      from: nextYear.from,
      to: nextYear.to,
      audienceId: TEENS,
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Goal set: Teen attendance FY.')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Teen attendance FY' })).toBeInTheDocument();
  });

  it('checks the form before sending anything', async () => {
    const api = fakeGoalsApi();
    renderApp('/goals', MANAGER);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New goal' }));
    const form = await dialog();
    await user.click(within(form).getByRole('radio', { name: 'A program' }));
    await user.click(within(form).getByRole('button', { name: 'Set goal' }));
    expect(await within(form).findByText('Name the goal, e.g. 600 teens at our sessions')).toBeInTheDocument();
    expect(within(form).getByText('Choose what the goal counts')).toBeInTheDocument();
    expect(within(form).getByText('Enter the target as a whole number')).toBeInTheDocument();
    expect(within(form).getByText('Choose the program')).toBeInTheDocument();
    expect(api.writes()).toEqual([]);
  });

  it('puts the server’s field error on its field', async () => {
    const api = fakeGoalsApi();
    api.answerNext('POST', '/api/v1/goals', () =>
      api.problem(400, {
        title: 'Bad Request',
        detail: 'The request is not valid.',
        errors: [{ field: 'to', message: 'the period must not span more than 3660 days' }],
      }),
    );
    renderApp('/goals', MANAGER);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New goal' }));
    const form = await dialog();
    await user.type(within(form).getByRole('textbox', { name: /^Title/ }), 'Sessions');
    await user.click(within(form).getByRole('combobox', { name: /^What it counts/ }));
    await user.click(await screen.findByRole('option', { name: 'Sessions held' }));
    await user.type(within(form).getByRole('textbox', { name: /^Target/ }), '40');
    await user.click(within(form).getByRole('button', { name: 'Set goal' }));

    const message = await within(form).findByText('The period must not span more than 3660 days');
    const to = within(form).getByLabelText(/^To/);
    expect(to).toHaveAttribute('aria-invalid', 'true');
    expect(to.getAttribute('aria-describedby')).toContain(message.id);
    // Every error found its field: nothing is said above the form.
    expect(within(form).queryByText('The goal was not set')).toBeNull();
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('lets a manager change a goal, sending only what changed with the version read', async () => {
    const api = fakeGoalsApi({ goals: [{ ...CURRENT, version: 4 }] });
    renderApp('/goals', MANAGER);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Teens at our sessions' }));
    const form = await dialog();
    const target = within(form).getByRole('textbox', { name: /^Target/ });
    expect(target).toHaveValue('600');
    await user.clear(target);
    await user.type(target, '650');
    await user.click(within(form).getByRole('radio', { name: 'A partner' }));
    await user.click(within(form).getByRole('combobox', { name: /^Partner/ }));
    await user.click(await screen.findByRole('option', { name: 'Eastside Youth Shelter' }));
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'PATCH', path: `/api/v1/goals/${CURRENT.id}` });
    expect(api.writes()[0].body).toEqual({
      target: 650,
      audienceId: null,
      programId: null,
      organizationId: SHELTER,
      version: 4,
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const card = (await screen.findByRole('heading', { name: 'Teens at our sessions' })).closest(
      '[data-testid="goal-card"]',
    ) as HTMLElement;
    await waitFor(() => expect(card).toHaveTextContent('of 650 attendees at sessions'));
    expect(within(card).getByRole('link', { name: 'Eastside Youth Shelter' })).toBeInTheDocument();
  });

  it('shows a colleague’s save (409) and keeps what was typed', async () => {
    const api = fakeGoalsApi({ goals: [CURRENT] });
    renderApp('/goals', MANAGER);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit Teens at our sessions' }));
    const form = await dialog();
    // A colleague renames it meanwhile.
    api.store[0] = { ...api.store[0], title: 'Teens at every session', version: 2 };
    const target = within(form).getByRole('textbox', { name: /^Target/ });
    await user.clear(target);
    await user.type(target, '700');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    expect(
      await within(form).findByText('A colleague changed this goal while you were editing it'),
    ).toBeInTheDocument();
    expect(within(form).getByTestId('conflict-theirs')).toHaveTextContent('Title: Teens at every session');
    expect(within(form).getByRole('textbox', { name: /^Title/ })).toHaveValue('Teens at every session');
    expect(within(form).getByRole('textbox', { name: /^Target/ })).toHaveValue('700');
    expect(api.writes().map((call) => (call.body as { version: number }).version)).toEqual([1]);

    await user.click(within(form).getByRole('button', { name: 'Save mine over theirs' }));
    await waitFor(() => expect(api.writes()).toHaveLength(2));
    expect(api.writes()[1].body).toEqual({ target: 700, version: 2 });
  });

  it('deletes a goal only once confirmed', async () => {
    const api = fakeGoalsApi({ goals: [CURRENT, PAST] });
    renderApp('/goals', MANAGER);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete Partners last year' }));
    const confirm = await dialog();
    expect(confirm).toHaveTextContent('“Partners last year” (9 of 12 active partners) goes for good');
    await user.click(within(confirm).getByRole('button', { name: 'Keep it' }));
    expect(api.writes()).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete Partners last year' }));
    await user.click(within(await dialog()).getByRole('button', { name: 'Delete goal' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0]).toMatchObject({ method: 'DELETE', path: `/api/v1/goals/${PAST.id}` });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Partners last year' })).toBeNull());
    expect(screen.getByText('Goal deleted: Partners last year.')).toBeInTheDocument();
  });

  it('opens "New goal" for a partner from its page’s link', async () => {
    const api = fakeGoalsApi();
    renderApp(`/goals?new=1&organizationId=${SHELTER}`, MANAGER);
    const user = userEvent.setup();
    const form = await dialog();
    expect(within(form).getByRole('radio', { name: 'A partner' })).toBeChecked();
    await waitFor(() =>
      expect(within(form).getByRole('combobox', { name: /^Partner/ })).toHaveValue('Eastside Youth Shelter'),
    );
    await user.type(within(form).getByRole('textbox', { name: /^Title/ }), 'Shelter visits');
    await user.click(within(form).getByRole('combobox', { name: /^What it counts/ }));
    await user.click(await screen.findByRole('option', { name: 'People reached on visits' }));
    await user.type(within(form).getByRole('textbox', { name: /^Target/ }), '300');
    await user.click(within(form).getByRole('button', { name: 'Set goal' }));
    await waitFor(() => expect(api.writes()).toHaveLength(1));
    expect(api.writes()[0].body).toMatchObject({ metric: 'people-reached', target: 300, organizationId: SHELTER });
  });

  it.each([
    ['viewer', VIEWER],
    ['staff member', STAFF],
  ])('shows a %s the goals read-only', async (_role, who) => {
    const api = fakeGoalsApi({ goals: [CURRENT, PAST] });
    renderApp('/goals?new=1', who);
    expect(await screen.findByRole('heading', { name: 'Teens at our sessions' })).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Progress of Teens at our sessions' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New goal' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.writes()).toEqual([]);
  });
});
