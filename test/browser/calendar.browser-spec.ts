import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import {
  apiSignIn,
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
 * The calendar of every program's sessions in Chromium against the real app: a weekly drop-in and
 * a paused homework club, and a closure a manager adds on one of the drop-in's days (through the
 * API). Staff open the calendar from the navigation, see the month with the closure marked and its
 * session cancelled, open a session's program, switch to the week and go on to next month; a
 * viewer on a 360 px phone reads the same month as a day-by-day list.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const MANAGER = { name: 'Mona Manager', email: 'mona@library.test', password: 'closing the branch for training' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const ZONE = 'America/Chicago';
const DROP_IN = 'Teen drop-in';
const CLUB = 'Homework club';
const CLOSURE = 'Staff training day';
const DESKTOP = { viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: ZONE };
const PHONE = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, locale: 'en-US', timezoneId: ZONE };

const today = DateTime.now().setZone(ZONE).startOf('day');
const thisMonth = today.startOf('month');
const nextMonth = thisMonth.plus({ months: 1 });
/** The days of a month in Chicago that fall on an ISO weekday (3 = Wednesday). */
const daysOf = (month: DateTime, weekday: number) => {
  const days: DateTime[] = [];
  for (let day = month; day.month === month.month; day = day.plus({ days: 1 }))
    if (day.weekday === weekday) days.push(day);
  return days;
};
/** The drop-in meets on Wednesdays, the club on Tuesdays; the second Wednesday of this month is closed. */
const closedDay = daysOf(thisMonth, 3)[1];
const monthName = (month: DateTime) => month.setLocale('en-US').toFormat('LLLL yyyy');
const spaced = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('Calendar screen in the browser', () => {
  let app: ServedApp;
  let browser: Browser;

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const cell = (page: Page, day: DateTime) => page.locator(`td[data-date="${day.toISODate()}"]`);

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    const adminToken = (await apiSignIn(app, ADMIN)).token;
    for (const [who, role] of [
      [STAFF, 'staff'],
      [MANAGER, 'manager'],
      [VIEWER, 'viewer'],
    ] as const) {
      await api()
        .post('/api/v1/users')
        .set(as(adminToken))
        .send({ ...who, role, timezone: ZONE })
        .expect(201);
    }
    const staffToken = (await apiSignIn(app, STAFF)).token;
    // Both started last month, so every day of this month and next has its sessions.
    const program = (name: string, rrule: string, startTime: string, extra: object = {}) =>
      api()
        .post('/api/v1/programs')
        .set(as(staffToken))
        .send({
          name,
          schedule: { rrule, timezone: ZONE, startTime, durationMinutes: 90, location: 'Central Library, Teen Room' },
          startDate: thisMonth.minus({ months: 1 }).toISODate(),
          status: 'running',
          ...extra,
        })
        .expect(201);
    await program(DROP_IN, 'FREQ=WEEKLY;BYDAY=WE', '15:30');
    await program(CLUB, 'FREQ=WEEKLY;BYDAY=TU', '16:00', { status: 'paused' });
    const managerToken = (await apiSignIn(app, MANAGER)).token;
    await api()
      .post('/api/v1/closures')
      .set(as(managerToken))
      .send({ date: closedDay.toISODate(), name: CLOSURE })
      .expect(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('staff see every program’s sessions in the month with the closure marked, open a program, switch to the week and go to next month', async () => {
    const context = await browser.newContext(DESKTOP);
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.getByRole('heading', { level: 2, name: monthName(thisMonth) }).waitFor();
    const count = daysOf(thisMonth, 3).length + daysOf(thisMonth, 2).length;
    await page
      .getByRole('status')
      .filter({ hasText: `${count} sessions this month, 1 cancelled.` })
      .waitFor();

    // A month grid with a column per weekday, today marked.
    const grid = page.getByRole('table', { name: `Sessions, ${monthName(thisMonth)}` });
    await expect(grid.getByRole('columnheader').count()).resolves.toBe(7);
    await expect(grid.locator('[aria-current="date"]').getAttribute('data-date')).resolves.toBe(today.toISODate());

    // Every Wednesday the drop-in, every Tuesday the club (paused, still on the calendar).
    for (const wednesday of daysOf(thisMonth, 3)) {
      await expect(
        cell(page, wednesday)
          .getByRole('link', { name: `3:30 PM ${DROP_IN}` })
          .count(),
      ).resolves.toBe(1);
    }
    for (const tuesday of daysOf(thisMonth, 2)) {
      await expect(
        cell(page, tuesday)
          .getByRole('link', { name: `4:00 PM ${CLUB}` })
          .count(),
      ).resolves.toBe(1);
    }

    // The closure on its day, and its session struck through and said to be cancelled.
    const closed = cell(page, closedDay);
    await closed.getByText(`Library closed: ${CLOSURE}`).waitFor();
    const cancelled = closed.getByTestId('calendar-session');
    expect(spaced(await cancelled.textContent())).toBe(`3:30 PM ${DROP_IN} Cancelled`);
    await expect(
      cancelled.getByRole('link').evaluate((link) => getComputedStyle(link).textDecorationLine),
    ).resolves.toContain('line-through');
    const open = cell(page, daysOf(thisMonth, 3)[0]).getByRole('link', { name: `3:30 PM ${DROP_IN}` });
    await expect(open.evaluate((link) => getComputedStyle(link).textDecorationLine)).resolves.not.toContain(
      'line-through',
    );
    await expectAccessible(page);
    await screenshot(page, 'calendar-month');

    // A session opens its program, at its month; back returns to the calendar.
    await open.click();
    await page.getByRole('heading', { level: 1, name: DROP_IN }).waitFor();
    expect(new URL(page.url()).searchParams.get('month')).toBe(thisMonth.toFormat('yyyy-MM'));
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();

    // The week of the closure: one row, seven days, kept in the address.
    await page.goto(`${app.url}/calendar?view=month&date=${closedDay.toISODate()}`);
    await page.getByRole('heading', { level: 2, name: monthName(thisMonth) }).waitFor();
    await page.getByText('Week', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'week');
    expect(new URL(page.url()).searchParams.get('date')).toBe(closedDay.toISODate());
    const week = page.getByRole('table');
    await expect(week.getByRole('row').count()).resolves.toBe(2);
    await week.getByText(`Library closed: ${CLOSURE}`).waitFor();
    await page.getByRole('status').filter({ hasText: '2 sessions this week, 1 cancelled.' }).waitFor();
    await expectAccessible(page);

    // Back to the month, then the next one.
    await page.getByText('Month', { exact: true }).click();
    await page.getByRole('heading', { level: 2, name: monthName(thisMonth) }).waitFor();
    await page.getByRole('button', { name: `Next month, ${monthName(nextMonth)}` }).click();
    await page.getByRole('heading', { level: 2, name: monthName(nextMonth) }).waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('month');
    const nextCount = daysOf(nextMonth, 3).length + daysOf(nextMonth, 2).length;
    await page
      .getByRole('status')
      .filter({ hasText: `${nextCount} sessions this month.` })
      .waitFor();
    await expect(
      cell(page, daysOf(nextMonth, 3)[0])
        .getByRole('link', { name: `3:30 PM ${DROP_IN}` })
        .count(),
    ).resolves.toBe(1);
    // The closure (on this month's second Wednesday) is not among next month's days.
    await expect(page.getByText(`Library closed: ${CLOSURE}`).count()).resolves.toBe(0);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the Programs list links to the calendar', async () => {
    const context = await browser.newContext(DESKTOP);
    const { page, problems } = await newPage(context);
    await signIn(page, app, VIEWER);
    await page.goto(`${app.url}/programs`);
    await page.getByRole('link', { name: 'See all sessions in the calendar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a viewer on a 360 px phone reads the month as a day-by-day list, without sideways scrolling', async () => {
    const context = await browser.newContext(PHONE);
    const { page, problems } = await newPage(context);
    await signIn(page, app, VIEWER);
    await page.goto(`${app.url}/calendar?view=month&date=${closedDay.toISODate()}`);
    await page.getByRole('heading', { level: 2, name: monthName(thisMonth) }).waitFor();
    const agenda = page.getByRole('list', { name: `Days, ${monthName(thisMonth)}` });
    await agenda.waitFor();
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    // Each day with a session (or today) is a heading of its own, in order.
    const headings = (await agenda.getByRole('heading', { level: 3 }).allTextContents()).map(spaced);
    const expected = [...daysOf(thisMonth, 3), ...daysOf(thisMonth, 2)];
    if (!expected.some((day) => day.hasSame(today, 'day'))) expected.push(today);
    expect(headings).toEqual(
      expected
        .sort((a, b) => a.toMillis() - b.toMillis())
        .map((day) => day.setLocale('en-US').toLocaleString({ weekday: 'long', month: 'long', day: 'numeric' })),
    );
    const closed = agenda.locator(`li[data-date="${closedDay.toISODate()}"]`);
    await closed.getByText(`Library closed: ${CLOSURE}`).waitFor();
    expect(spaced(await closed.getByTestId('calendar-session').getByRole('link').textContent())).toBe(
      `3:30 – 5:00 PM ${DROP_IN}`,
    );
    await closed.getByText('Cancelled', { exact: true }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'calendar-phone');

    // The week as seven days, one under the other.
    await page.getByText('Week', { exact: true }).click();
    const week = page.getByRole('list', { name: /^Days, / });
    await expect(week.getByRole('heading', { level: 3 }).count()).resolves.toBe(7);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
