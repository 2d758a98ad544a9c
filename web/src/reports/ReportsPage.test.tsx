import { QueryClient } from '@tanstack/react-query';
import { createMemoryHistory } from '@tanstack/react-router';
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session, type User } from '../api/client';
import { App } from '../app';
import { createAppRouter } from '../router';
import { userEvent } from '../test/user-event';
import { noMeasures, quarterByPartner, row } from './report-fixtures';
import type { OutreachReportDto } from './report-types';

const VIEWER = {
  id: '44444444-4444-4444-8444-444444444444',
  email: 'vic@library.test',
  name: 'Vic Viewer',
  role: 'viewer',
  active: true,
  timezone: null,
  createdAt: '2026-01-01T00:00:00.000Z',
} as unknown as User;

function byMonth(): OutreachReportDto {
  const quarter = quarterByPartner();
  return {
    ...quarter,
    groupBy: 'month',
    rows: [
      row('2026-07', 'July 2026', { visits: 3, peopleReached: 90 }),
      row('2026-08', 'August 2026', {}),
      row('2026-09', 'September 2026', { visits: 4, peopleReached: 120 }),
    ],
  };
}

/**
 * A stand-in for the API: the library's settings, the report (by month when asked, empty for
 * this month, a 400 problem for last year) and its CSV; every call's URL and token recorded.
 */
function fakeApi() {
  const reportQueries: URLSearchParams[] = [];
  const csvRequests: Request[] = [];
  const fetch = vi.fn(async (input: Request | URL | string) => {
    const request = input instanceof Request ? input : new Request(String(input));
    const url = new URL(request.url);
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
      });
    if (url.pathname === '/api/v1/settings/library')
      return json({ name: 'Riverside Public Library', timezone: 'UTC', defaultLanguage: 'en', languages: ['en'] });
    if (url.pathname === '/api/v1/reports/outreach') {
      reportQueries.push(url.searchParams);
      const query = url.searchParams;
      if (query.get('period') === 'last-year')
        return json({ status: 400, title: 'Bad Request', detail: 'The period is too long for a report.' }, 400);
      if (query.get('period') === 'this-month')
        return json({ ...quarterByPartner(), from: '2026-12-01', to: '2026-12-31', rows: [], totals: noMeasures() });
      return json(query.get('groupBy') === 'month' ? byMonth() : quarterByPartner());
    }
    if (url.pathname === '/api/v1/reports/outreach.csv') {
      csvRequests.push(request);
      return new Response('Partner,Visits\r\nTotal,7\r\n', { headers: { 'Content-Type': 'text/csv' } });
    }
    return json({ status: 404, detail: 'not here' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
  return { reportQueries, csvRequests, lastQuery: () => Object.fromEntries(reportQueries.at(-1) ?? []) };
}

function renderAt(path: string, user: User = VIEWER) {
  session.signInForTest(user);
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(<App router={router} queryClient={queryClient} env="test" />);
  return router;
}

const search = (router: ReturnType<typeof renderAt>) => router.state.location.search as Record<string, unknown>;

describe('ReportsPage', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('shows a viewer the period’s headline numbers, charts, outcomes and table with totals', async () => {
    const api = fakeApi();
    renderAt('/reports?period=last-quarter');
    expect(await screen.findByTestId('report-period')).toHaveTextContent('July 1 – September 30, 2026 · by partner');
    expect(api.lastQuery()).toEqual({ period: 'last-quarter', groupBy: 'partner' });
    // The navigation offers Reports to every role.
    expect(screen.getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');

    expect(screen.getByTestId('headline-People reached')).toHaveTextContent('210');
    expect(screen.getByTestId('headline-Sessions held')).toHaveTextContent('3');
    expect(screen.getByText('1 cancelled · 2 upcoming')).toBeInTheDocument();
    expect(screen.getByText('15.0 per session on average')).toBeInTheDocument();
    expect(screen.getByText('Rated 4.30 of 5 on average')).toBeInTheDocument();

    const people = screen.getByRole('figure', { name: 'People reached' });
    expect(within(people).getByText('Most people reached: Eastside Youth Shelter, 120 of 210.')).toBeInTheDocument();
    expect(
      within(screen.getByRole('figure', { name: 'Sessions held' })).getByText(
        'Most sessions held: Eastside Youth Shelter and Northgate College Access, 2 each of 3.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/A session with two partners counts in each partner’s row but once/)).toBeInTheDocument();

    const outcomes = within(screen.getByTestId('report-outcomes'));
    const knowledge = outcomes.getByRole('row', { name: /Learned something new/ });
    expect(
      within(knowledge)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['4.25', '83%', '12']);
    const awareness = outcomes.getByRole('row', { name: /Know more about the library/ });
    expect(
      within(awareness)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['—', '—', '0']);

    const table = screen.getByRole('table', { name: /Outreach by partner/ });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((tableRow) => within(tableRow).queryAllByRole('rowheader')[0]?.textContent)).toEqual([
      undefined,
      'Eastside Youth Shelter',
      'Northgate College Access',
      'No partner',
      'Total',
    ]);
    const cells = (index: number) =>
      within(rows[index])
        .getAllByRole('cell')
        .map((cell) => cell.textContent);
    // No partner: nothing to average, so dashes.
    expect(cells(3)).toEqual(['1', '0', '10', '0', '0', '0', '0', '—', '0', '—']);
    // The totals count the joint session once: 3 sessions, not 4.
    expect(cells(4)).toEqual(['7', '80', '210', '3', '1', '2', '45', '15.0', '10', '4.30']);
  });

  it('asks again by month when the grouping changes, and keeps it in the address', async () => {
    const api = fakeApi();
    const router = renderAt('/reports');
    await screen.findByTestId('report-period');
    expect(api.lastQuery()).toEqual({ period: 'this-fiscal-year', groupBy: 'partner' });

    await userEvent.click(screen.getByRole('radio', { name: 'Month' }));
    await waitFor(() => expect(api.lastQuery()).toEqual({ period: 'this-fiscal-year', groupBy: 'month' }));
    expect(search(router)).toEqual({ groupBy: 'month' });
    const people = await screen.findByRole('figure', { name: 'People reached' });
    expect(within(people).getByText('Most people reached: September 2026, 120 of 210.')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: /Outreach by month/ })).toBeInTheDocument();
  });

  it('switches to custom dates starting from the period shown, and asks for them', async () => {
    const api = fakeApi();
    const router = renderAt('/reports?period=last-quarter');
    await screen.findByTestId('report-period');

    await userEvent.click(screen.getByRole('combobox', { name: 'Period' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Custom dates' }));
    await waitFor(() => expect(search(router)).toEqual({ from: '2026-07-01', to: '2026-09-30' }));
    expect(screen.getByLabelText('From')).toHaveValue('2026-07-01');
    expect(api.lastQuery()).toEqual({ from: '2026-07-01', to: '2026-09-30', groupBy: 'partner' });
  });

  it('asks nothing for a last day before the first, and says so', async () => {
    const api = fakeApi();
    renderAt('/reports?from=2026-09-30&to=2026-07-01');
    expect(await screen.findByText('The last day can’t be before the first')).toBeInTheDocument();
    expect(api.reportQueries).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });

  it('downloads the CSV of the same query with the bearer token', async () => {
    const api = fakeApi();
    const saved: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test/report');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderAt('/reports?period=last-quarter&groupBy=audience&organizationId=aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    await screen.findByTestId('report-period');
    expect(screen.getByText('This report covers one partner only.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const [request] = api.csvRequests;
    expect(Object.fromEntries(new URL(request.url).searchParams)).toEqual({
      period: 'last-quarter',
      groupBy: 'audience',
      organizationId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    });
    expect(Object.fromEntries(new URL(request.url).searchParams)).toEqual(api.lastQuery());
    expect(request.headers.get('Authorization')).toBe('Bearer test-token');
    // The report answered by partner (the fake ignores the grouping): the file is named from the answer.
    expect(saved).toEqual(['tandem-outreach-partner-2026-07-01-2026-09-30.csv']);
  });

  it('prints with the library’s name and the generated date on the page', async () => {
    fakeApi();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderAt('/reports?period=last-quarter');
    await screen.findByTestId('report-period');
    expect(await screen.findByText('Riverside Public Library')).toBeInTheDocument();
    expect(screen.getByText(/^Generated on /)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
  });

  it('says when nothing was recorded in the period', async () => {
    fakeApi();
    renderAt('/reports?period=this-month');
    const empty = await screen.findByTestId('report-empty');
    expect(empty).toHaveTextContent('Nothing recorded in this period');
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the server’s problem when the report cannot be made', async () => {
    fakeApi();
    renderAt('/reports?period=last-year');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The report could not be loaded');
    expect(alert).toHaveTextContent('The period is too long for a report.');
  });
});
