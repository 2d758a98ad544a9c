import { readFileSync } from 'node:fs';
import {
  GOAL_METRIC_LABELS,
  PERIOD_PRESET_LABELS,
  REPORT_GROUPING_LABELS,
  type GoalMetric,
  type ReportGrouping,
} from '@tandem/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { SHELTER } from '../../src/demo/demo-data';
import { DEMO_LIBRARY_NAME, DEMO_TIMEZONE } from '../../src/demo/demo-outreach';
import { DEMO_GOALS } from '../../src/demo/seed-goals';
import { type SignedIn, signedInAs } from '../factories/user.factory';
import {
  expectAccessible,
  fitsWidth,
  launchBrowser,
  newPage,
  screenshot,
  serveApp,
  type ServedApp,
  signIn,
} from './browser';

/**
 * Issue 19 walked as the librarians would, in Chromium against the real app on the demo data
 * (loaded as an admin does from Administration → Demo data, through its API): the manager reads
 * the work-plan goals on the dashboard, opens Reports, picks last quarter and each grouping and
 * finds the API's numbers on screen, downloads the CSV, prints a one-to-two-page board report,
 * then sets a goal for a partner, sees it on the partner's page, changes it and deletes it. A
 * viewer reads the report and the goals without a way to change them; on a phone both fit.
 */
const SEATTLE = { locale: 'en-US', timezoneId: DEMO_TIMEZONE };
const DESKTOP = { ...SEATTLE, viewport: { width: 1280, height: 900 } };
const PHONE = { ...SEATTLE, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 };
const GROUPINGS: ReportGrouping[] = ['partner', 'month', 'program', 'audience', 'staff'];
const GROUPING_WORDS: Record<ReportGrouping, string> = {
  partner: 'by partner',
  audience: 'by audience',
  program: 'by program',
  month: 'by month',
  staff: 'by staff member',
};
const NEW_GOAL = { title: 'Reach 80 young people at Harbor House this quarter', target: 80, changedTarget: 120 };

interface Measures {
  visits: number;
  invitationsHandedOut: number;
  peopleReached: number;
  sessionsHeld: number;
  sessionsCancelled: number;
  sessionsUpcoming: number;
  attendance: number;
  averageAttendance: number | null;
  feedbackCount: number;
  averageRating: number | null;
}
interface Report {
  from: string;
  to: string;
  groupBy: ReportGrouping;
  rows: (Measures & { key: string | null; label: string })[];
  totals: Measures;
}
interface Goal {
  id: string;
  version: number;
  title: string;
  metric: GoalMetric;
  target: number;
  progress: { value: number; status: string };
}

const count = (value: number) => value.toLocaleString('en');
const decimals = (value: number | null, digits: number) =>
  value === null ? '—' : value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** "412 of 600 attendees at sessions", as a goal card reads. */
const valueOfTarget = (goal: Pick<Goal, 'progress' | 'target' | 'metric'>) =>
  `${count(goal.progress.value)} of ${count(goal.target)} ${GOAL_METRIC_LABELS[goal.metric]}`;
const STATUS_WORDS: Record<string, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'off-track': 'Off track',
  met: 'Met',
  missed: 'Missed',
};

describe('Reports and work-plan goals in the browser, on the demo data', () => {
  let app: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let manager: SignedIn;
  let viewer: SignedIn;
  let shelterId: string;

  const get = async <T>(path: string, query: Record<string, string> = {}, who: SignedIn = manager): Promise<T> =>
    (await request(app.http).get(`/api/v1${path}`).query(query).set(who.auth).expect(200)).body as T;
  const nav = (target: Page) => target.getByRole('navigation', { name: 'Main' });
  const spaced = (text: string) => text.replace(/\s+/g, ' ').trim();

  /** The report on screen once it shows this grouping and nothing is loading. */
  async function reportShown(target: Page, groupBy: ReportGrouping): Promise<void> {
    await target.getByTestId('report-period').filter({ hasText: GROUPING_WORDS[groupBy] }).waitFor();
    await target
      .getByRole('heading', { level: 2, name: `Every ${REPORT_GROUPING_LABELS[groupBy].toLowerCase()}` })
      .waitFor();
    await target.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null);
  }

  /** What the API answers and what the screen shows agree: headlines, the table's rows and its Total row. */
  async function expectReportMatches(target: Page, report: Report): Promise<void> {
    const { totals } = report;
    const headline = (label: string) => target.getByTestId(`headline-${label}`).innerText();
    expect({
      people: await headline('People reached'),
      visits: await headline('Visits'),
      invitations: await headline('Invitations handed out'),
      sessions: await headline('Sessions held'),
      attendance: await headline('Attendance'),
      feedback: await headline('Feedback responses'),
    }).toEqual({
      people: count(totals.peopleReached),
      visits: count(totals.visits),
      invitations: count(totals.invitationsHandedOut),
      sessions: count(totals.sessionsHeld),
      attendance: count(totals.attendance),
      feedback: count(totals.feedbackCount),
    });
    const table = target.locator('table.report-rows');
    expect(await table.locator('tbody th').allInnerTexts()).toEqual(report.rows.map((row) => row.label));
    expect(await table.locator('tfoot th').innerText()).toBe('Total');
    expect(await table.locator('tfoot td').allInnerTexts()).toEqual([
      count(totals.visits),
      count(totals.invitationsHandedOut),
      count(totals.peopleReached),
      count(totals.sessionsHeld),
      count(totals.sessionsCancelled),
      count(totals.sessionsUpcoming),
      count(totals.attendance),
      decimals(totals.averageAttendance, 1),
      count(totals.feedbackCount),
      decimals(totals.averageRating, 2),
    ]);
  }

  /** The element around the report's table that scrolls sideways, if any: [scrollWidth, clientWidth]. */
  const tableScroll = (target: Page) =>
    target.locator('table.report-rows').evaluate((table) => {
      for (let element = table.parentElement; element; element = element.parentElement) {
        const overflow = getComputedStyle(element).overflowX;
        if ((overflow === 'auto' || overflow === 'scroll') && element.scrollWidth > element.clientWidth)
          return [element.scrollWidth, element.clientWidth];
      }
      return null;
    });

  /** A grouping of the segmented control (its radio is covered by its label, which takes the click). */
  const groupingChoice = (target: Page, groupBy: ReportGrouping) =>
    target
      .locator('.mantine-SegmentedControl-root')
      .locator('label')
      .getByText(REPORT_GROUPING_LABELS[groupBy], { exact: true });

  /** The goal card with this title, on the page or within a part of it. */
  const goalCard = (within: Page | Locator, title: string) =>
    within.getByTestId('goal-card').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

  beforeAll(async () => {
    // `npm start`'s pool of 10: the demo's load runs many statements side by side.
    [app, browser] = await Promise.all([serveApp({ env: { DATABASE_POOL_SIZE: '10' } }), launchBrowser()]);
    const admin = await signedInAs(app, Role.Admin, { name: 'Rosa Admin' });
    const loaded = await request(app.http).post('/api/v1/demo-data').set(admin.auth);
    if (loaded.status !== 200) throw new Error(`demo data: ${loaded.status} ${JSON.stringify(loaded.body)}`);
    manager = await signedInAs(app, Role.Manager, { name: 'Maya Manager' });
    viewer = await signedInAs(app, Role.Viewer, { name: 'Vic Viewer' });
    const found = await get<{ data: { id: string; name: string }[] }>('/organizations', { q: SHELTER, limit: '5' });
    shelterId = found.data.find((organization) => organization.name === SHELTER)!.id;

    context = await browser.newContext({ ...DESKTOP, acceptDownloads: true });
    ({ page, problems } = await newPage(context));
    await signIn(page, app, manager.user);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    // No script error and no Content-Security-Policy refusal on any screen.
    expect(problems).toEqual([]);
  });

  it('the manager’s dashboard shows the work-plan goals, on and off track, with their progress', async () => {
    const dashboard = await get<{ goals: Goal[] }>('/dashboard/health');
    expect(dashboard.goals.map((goal) => goal.title).sort()).toEqual(DEMO_GOALS.map((goal) => goal.title).sort());
    const offTrack = dashboard.goals.filter((goal) => goal.progress.status === 'off-track').length;
    const onTrack = dashboard.goals.filter((goal) => goal.progress.status === 'on-track').length;
    // The demo keeps both kinds, whatever the day it is loaded (src/demo/seed-goals.ts).
    expect(onTrack).toBeGreaterThan(0);
    expect(offTrack).toBeGreaterThan(0);

    await nav(page).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partnership dashboard' }).waitFor();
    const section = page.getByRole('region', { name: 'Work-plan goals' });
    await section
      .getByText(`${dashboard.goals.length} current goals, ${offTrack} off track (listed first)`, { exact: true })
      .waitFor();
    const cards = section.getByTestId('goal-card');
    await expect(cards.count()).resolves.toBe(dashboard.goals.length);
    // In the API's order (off track first), each with its badge in words and "x of y …".
    for (const [index, goal] of dashboard.goals.entries()) {
      const card = cards.nth(index);
      await expect(card.getByRole('heading').innerText()).resolves.toBe(goal.title);
      const text = spaced(await card.innerText());
      expect(text).toContain(STATUS_WORDS[goal.progress.status]);
      expect(text).toContain(valueOfTarget(goal));
    }
    await expect(section.getByText('On track', { exact: true }).count()).resolves.toBe(onTrack);
    await expect(section.getByText('Off track', { exact: true }).count()).resolves.toBe(offTrack);
    await expect(cards.first().getAttribute('data-status')).resolves.toBe('off-track');
    await screenshot(page, 'dashboard-goals');
  });

  it('the manager opens Reports, picks last quarter and each grouping: the numbers shown are the API’s', async () => {
    await nav(page).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL(`${app.url}/reports`);
    await page.getByRole('heading', { level: 1, name: 'Outreach report' }).waitFor();

    await page.getByRole('combobox', { name: 'Period' }).click();
    await page.getByRole('option', { name: PERIOD_PRESET_LABELS['last-quarter'], exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('period') === 'last-quarter');

    for (const groupBy of GROUPINGS) {
      await groupingChoice(page, groupBy).click();
      await page.waitForURL(
        (url) =>
          url.searchParams.get('period') === 'last-quarter' &&
          (url.searchParams.get('groupBy') ?? 'partner') === groupBy,
      );
      await reportShown(page, groupBy);
      const report = await get<Report>('/reports/outreach', { period: 'last-quarter', groupBy });
      expect(report.totals.visits + report.totals.sessionsHeld + report.totals.feedbackCount).toBeGreaterThan(0);
      expect(report.rows.length).toBeGreaterThan(0);
      await expectReportMatches(page, report);
      if (groupBy === 'month') expect(report.rows).toHaveLength(3);
    }

    // Back to partners, the board's favourite.
    await groupingChoice(page, 'partner').click();
    await page.waitForURL((url) => url.searchParams.get('groupBy') === null);
    await reportShown(page, 'partner');
    await expectAccessible(page);
    await screenshot(page, 'reports');
  });

  it('“Download CSV” saves the same report as a spreadsheet', async () => {
    const report = await get<Report>('/reports/outreach', { period: 'last-quarter', groupBy: 'partner' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`tandem-outreach-partner-${report.from}-${report.to}.csv`);
    const lines = readFileSync(await download.path(), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0].startsWith('Partner,Visits')).toBe(true);
    const total = lines.find((line) => line.startsWith('Total,'));
    expect(total?.split(',')[1]).toBe(String(report.totals.visits));
  });

  it('“Print” gives a clean board report of one or two Letter pages', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      await expect(nav(page).isVisible()).resolves.toBe(false);
      await expect(page.getByRole('combobox', { name: 'Period' }).isVisible()).resolves.toBe(false);
      await expect(page.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(false);
      await expect(page.getByText(DEMO_LIBRARY_NAME, { exact: true }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('heading', { level: 1, name: 'Outreach report' }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('heading', { level: 2, name: 'Work-plan goals' }).isVisible()).resolves.toBe(true);
      const pdf = (await page.pdf({ format: 'Letter' })).toString('latin1');
      const pages = pdf.match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('the manager sets a goal for the shelter, sees it on the shelter’s page, changes its target and deletes it', async () => {
    await page.getByRole('link', { name: 'All goals' }).click();
    await page.waitForURL(`${app.url}/goals`);
    await page.getByRole('heading', { level: 1, name: 'Work-plan goals' }).waitFor();
    await page.getByRole('button', { name: 'New goal' }).click();
    const dialog = page.getByRole('dialog', { name: 'New goal' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill(NEW_GOAL.title);
    await dialog.getByRole('combobox', { name: 'What it counts' }).click();
    await page.getByRole('option', { name: 'People reached on visits', exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Target' }).fill(String(NEW_GOAL.target));
    await dialog.getByRole('button', { name: 'This quarter' }).click();
    await expect(dialog.getByRole('button', { name: 'This quarter' }).getAttribute('aria-pressed')).resolves.toBe(
      'true',
    );
    await dialog.getByRole('radio', { name: 'A partner' }).check();
    await dialog.getByRole('combobox', { name: 'Partner' }).fill('Harbor');
    await page.getByRole('option', { name: SHELTER, exact: true }).click();
    await expectAccessible(page, '[role="dialog"]');
    await dialog.getByRole('button', { name: 'Set goal' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Goal set: ${NEW_GOAL.title}.` })
      .waitFor();

    const stored = (await get<{ data: Goal[] }>('/goals', { organizationId: shelterId })).data;
    const goal = stored.find((candidate) => candidate.title === NEW_GOAL.title)!;
    expect(goal).toMatchObject({ metric: 'people-reached', target: NEW_GOAL.target, organizationId: shelterId });
    await goalCard(page, NEW_GOAL.title).getByText(valueOfTarget(goal), { exact: true }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'goals');

    // On the shelter's own page, with its progress.
    await page.goto(`${app.url}/organizations/${shelterId}`);
    await page.getByRole('heading', { level: 1, name: SHELTER }).waitFor();
    const onShelter = goalCard(page.getByRole('region', { name: 'Goals' }), NEW_GOAL.title);
    await onShelter.getByText(valueOfTarget(goal), { exact: true }).waitFor();
    await expect(onShelter.getByRole('progressbar').getAttribute('aria-valuetext')).resolves.toMatch(
      new RegExp(`^${count(goal.progress.value)} of ${count(NEW_GOAL.target)}, expected [\\d,]+ by now$`),
    );
    await expect(onShelter.getByText(/^(On track|Off track|Met|Not started)$/).count()).resolves.toBe(1);

    // A bigger target.
    await page.getByRole('region', { name: 'Goals' }).getByRole('link', { name: 'All goals' }).click();
    await page.getByRole('heading', { level: 1, name: 'Work-plan goals' }).waitFor();
    await page.getByRole('button', { name: `Edit ${NEW_GOAL.title}` }).click();
    const edit = page.getByRole('dialog', { name: 'Edit goal' });
    await edit.getByRole('textbox', { name: 'Target' }).fill(String(NEW_GOAL.changedTarget));
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    const changed = await get<Goal>(`/goals/${goal.id}`);
    expect(changed).toMatchObject({ target: NEW_GOAL.changedTarget, version: goal.version + 1 });
    await goalCard(page, NEW_GOAL.title).getByText(valueOfTarget(changed), { exact: true }).waitFor();

    // And gone, once confirmed.
    await page.getByRole('button', { name: `Delete ${NEW_GOAL.title}` }).click();
    await page.getByRole('dialog', { name: 'Delete this goal?' }).getByRole('button', { name: 'Delete goal' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Goal deleted: ${NEW_GOAL.title}.` })
      .waitFor();
    await goalCard(page, NEW_GOAL.title).waitFor({ state: 'detached' });
    await request(app.http).get(`/api/v1/goals/${goal.id}`).set(manager.auth).expect(404);
  });

  it('a viewer reads the report and the goals, with no contact’s email, no dashboard and no way to change a goal', async () => {
    const viewing = await browser.newContext(DESKTOP);
    const { page: reader, problems: readerProblems } = await newPage(viewing);
    await signIn(reader, app, viewer.user);
    await nav(reader).getByRole('link', { name: 'Reports' }).waitFor();
    await expect(nav(reader).getByRole('link', { name: 'Dashboard' }).count()).resolves.toBe(0);

    await nav(reader).getByRole('link', { name: 'Reports' }).click();
    await reportShown(reader, 'partner');
    const report = await get<Report>('/reports/outreach', { groupBy: 'partner' }, viewer);
    await expectReportMatches(reader, report);
    await reader.getByTestId('report-outcomes').waitFor();
    expect(await reader.evaluate(() => document.body.innerText)).not.toContain('@');

    await reader.goto(`${app.url}/goals`);
    await reader.getByRole('heading', { level: 1, name: 'Work-plan goals' }).waitFor();
    const cards = reader.getByTestId('goal-card');
    await cards.first().waitFor();
    await expect(cards.count()).resolves.toBe(DEMO_GOALS.length);
    await expect(reader.getByRole('button', { name: 'New goal' }).count()).resolves.toBe(0);
    await expect(reader.getByRole('button', { name: /^(Edit|Delete) / }).count()).resolves.toBe(0);
    await expectAccessible(reader);
    expect(readerProblems).toEqual([]);
    await viewing.close();
  });

  it('on a phone: the report fits the width with its table scrolling inside its box, and the goals fit', async () => {
    const phone = await browser.newContext(PHONE);
    const { page: small, problems: phoneProblems } = await newPage(phone);
    await signIn(small, app, manager.user);
    await small.goto(`${app.url}/reports?period=last-quarter`);
    await reportShown(small, 'partner');
    expect(await fitsWidth(small)).toBe(true);
    const scroll = await tableScroll(small);
    expect(scroll).not.toBeNull();
    expect(scroll![0]).toBeGreaterThan(scroll![1]);
    await expectAccessible(small);
    await screenshot(small, 'reports-phone');

    await small.goto(`${app.url}/goals`);
    await small.getByRole('heading', { level: 1, name: 'Work-plan goals' }).waitFor();
    await small.getByTestId('goal-card').first().waitFor();
    expect(await fitsWidth(small)).toBe(true);
    await expectAccessible(small);
    expect(phoneProblems).toEqual([]);
    await phone.close();
  });
});
