import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { unsubscribeToken } from '../../src/reminder/unsubscribe.service';
import { TEST_AUTH_SECRET } from '../setup/test-env';
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
 * The program screens in Chromium against the real app (API, reminder planner and worker): a
 * staff member creates a weekly program with a partner from the schedule editor's preview,
 * records attendance in the calendar and adds a reminder whose emails they see planned; a
 * manager closes the library on a session day and the session is cancelled; a viewer sees it
 * all without an edit control and makes their own calendar link; the feedback link prints as a
 * QR code; a partner contact unsubscribes from the page their email links to. Data around the
 * story is built through the API.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const MANAGER = { name: 'Mona Manager', email: 'mona@library.test', password: 'closing the branch for training' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const PARTNER = 'Harbor House Youth Shelter';
const CONTACT = { name: 'Dana Case-Manager', email: 'dana@harbor.example.org' };
const PROGRAM = 'Teen drop-in';
const ZONE = 'America/Chicago';
/** Chromium reads and writes dates and times as people in Chicago do, whatever the machine's zone. */
const CONTEXT = { viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: ZONE };

/** The next `n` Wednesday 15:30 sessions in Chicago from now, and the last one before now. */
function wednesdays(n: number) {
  const now = DateTime.now().setZone(ZONE);
  const at = (days: number) => now.startOf('day').plus({ days }).set({ hour: 15, minute: 30 });
  const next: DateTime[] = [];
  for (let days = 0; next.length < n; days += 1) if (at(days).weekday === 3 && at(days) >= now) next.push(at(days));
  let days = 0;
  while (!(at(days).weekday === 3 && at(days) < now)) days -= 1;
  return { next, last: at(days) };
}

const short = (date: DateTime) =>
  date
    .setLocale('en-US')
    .toLocaleString(
      date.year === DateTime.now().setZone(ZONE).year
        ? { month: 'short', day: 'numeric' }
        : { month: 'short', day: 'numeric', year: 'numeric' },
    );
const long = (date: DateTime) =>
  date.setLocale('en-US').toLocaleString({ weekday: 'long', month: 'long', day: 'numeric' });
const spaced = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
/** The poster's lead as the message catalogs write it (@tandem/shared). */
const LEAD = {
  en: 'How was it? Tell us in two minutes: scan the code or type the address. No sign-in, no names.',
  es: '¿Qué tal estuvo? Cuéntanos en dos minutos: escanea el código o escribe la dirección. Sin cuenta y sin nombres.',
};
/** A program run in Spanish. */
const SPANISH_PROGRAM = 'Martes y Jueves de Tareas';

describe('Program screens in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let staffContext: BrowserContext;
  let staff: Page;
  let staffProblems: string[];
  let staffToken: string;
  let programId: string;
  let reminderId: string;
  const { next, last } = wednesdays(3);

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** A whole-page screenshot from the top (the app's header is fixed; a scrolled page would show it midway). */
  async function shot(page: Page, name: string, options?: { fullPage?: boolean }): Promise<void> {
    if (options?.fullPage !== false) await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, name, options);
  }

  beforeAll(async () => {
    // A week of lookahead: the reminder's next emails are planned whichever weekday the test runs on.
    [app, browser] = await Promise.all([
      serveApp({ worker: true, env: { REMINDER_LOOKAHEAD_HOURS: '200' } }),
      launchBrowser(),
    ]);
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
        .send({ ...who, role })
        .expect(201);
    }
    staffToken = (await apiSignIn(app, STAFF)).token;
    const partner = await api()
      .post('/api/v1/organizations')
      .set(as(staffToken))
      .send({ name: PARTNER, type: 'Youth shelter', stage: 'active' })
      .expect(201);
    await api()
      .post('/api/v1/contacts')
      .set(as(staffToken))
      .send({ organizationId: partner.body.id, ...CONTACT, isPrimary: true })
      .expect(201);
    staffContext = await browser.newContext(CONTEXT);
    ({ page: staff, problems: staffProblems } = await newPage(staffContext));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    expect(staffProblems).toEqual([]);
  });

  it('staff create a weekly program with a partner from the preview, record attendance and add a reminder whose emails they see', async () => {
    await signIn(staff, app, STAFF);
    await staff.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programs' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
    await staff.getByRole('status').filter({ hasText: 'No programs yet.' }).waitFor();
    await staff.getByRole('link', { name: 'New program' }).click();
    await staff.getByRole('heading', { level: 1, name: 'New program' }).waitFor();

    await staff.getByRole('textbox', { name: 'Name' }).fill(PROGRAM);
    await staff.getByRole('combobox', { name: 'Add a partner' }).fill('harbor');
    await staff.getByRole('option', { name: PARTNER }).click();
    await expect(staff.getByRole('list', { name: 'Chosen partners' }).getByText(PARTNER).isVisible()).resolves.toBe(
      true,
    );
    // Started four weeks ago, so there are past sessions to record.
    await staff.getByLabel('First day').fill(last.minus({ weeks: 3 }).toISODate()!);
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      const box = staff.getByRole('checkbox', { name: day });
      if ((await box.isChecked()) !== (day === 'Wednesday')) await box.click();
    }
    const expected = `Every Wednesday 3:30 – 5:00 PM · next: ${next.map(short).join(', ')} …`;
    await staff.waitForFunction(
      (text) => document.querySelector('[data-testid="schedule-sentence"]')?.textContent?.replace(/\s+/g, ' ') === text,
      expected,
    );
    const preview = staff.getByRole('list', { name: 'Next sessions' }).getByRole('listitem');
    await expect(preview.count()).resolves.toBe(3);
    expect(spaced(await preview.first().textContent())).toBe(
      `${next[0].setLocale('en-US').toLocaleString({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })}, 3:30 – 5:00 PM`,
    );
    await staff.getByLabel('Location').fill('Harbor House common room');
    await expectAccessible(staff);
    await shot(staff, 'programs-new');
    await staff.getByRole('button', { name: 'Create program' }).click();

    await staff.waitForURL(/\/programs\/[0-9a-f-]{36}$/);
    programId = staff.url().split('/').pop()!;
    await staff.getByRole('heading', { level: 1, name: PROGRAM }).waitFor();
    const [saved] = await app.dataSource.query(
      `SELECT p.rrule, p.timezone, p.start_time AS "startTime", p.duration_minutes AS "durationMinutes", p.start_date::text AS "startDate", o.name AS partner, pp.role
       FROM programs p JOIN program_partners pp ON pp.program_id = p.id JOIN organizations o ON o.id = pp.organization_id WHERE p.id = $1`,
      [programId],
    );
    expect(saved).toEqual({
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      timezone: ZONE,
      startTime: '15:30',
      durationMinutes: 90,
      startDate: last.minus({ weeks: 3 }).toISODate(),
      partner: PARTNER,
      role: 'host',
    });
    expect(spaced(await staff.getByTestId('schedule-sentence').textContent())).toBe(expected);

    // Attendance for the last session: in this month's calendar, or the one before.
    if (last.month !== DateTime.now().setZone(ZONE).month)
      await staff.getByRole('button', { name: /^Previous month/ }).click();
    const row = staff.getByTestId('session').filter({ has: staff.getByText(long(last), { exact: true }) });
    await row.getByRole('textbox', { name: /^Attended on/ }).fill('14');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Saved.').waitFor();
    const sessions = await api()
      .get(`/api/v1/programs/${programId}/sessions`)
      .query({ from: last.minus({ days: 1 }).toUTC().toISO(), to: last.plus({ days: 1 }).toUTC().toISO() })
      .set(as(staffToken))
      .expect(200);
    expect(sessions.body.data).toEqual([
      expect.objectContaining({ localDate: last.toISODate(), attendance: 14, version: 2, cancelled: false }),
    ]);
    await expectAccessible(staff);
    await shot(staff, 'programs-program');

    // A reminder four hours before every session, to me and the partner's contact.
    await staff.getByRole('button', { name: 'Add reminder' }).click();
    const dialog = staff.getByRole('dialog', { name: 'Add a reminder' });
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Drop-in today: bring the sign-up sheets');
    await dialog.getByText('Sends 4 hours before every session.').waitFor();
    await dialog.getByRole('combobox', { name: 'Partner contacts' }).click();
    await staff.getByRole('option', { name: `${CONTACT.name} (${PARTNER})` }).click();
    await dialog.getByRole('heading', { name: 'Add a reminder' }).click();
    await expectAccessible(staff, '[role="dialog"]');
    await shot(staff, 'programs-reminder-form', { fullPage: false });
    await dialog.getByRole('button', { name: 'Add reminder' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const reminders = staff.getByRole('region', { name: 'Reminders' });
    await reminders.getByText('4 hours before every session').waitFor();
    await reminders.getByRole('link', { name: 'Drop-in today: bring the sign-up sheets' }).click();
    await staff.waitForURL(/\/reminders\/[0-9a-f-]{36}$/);
    reminderId = staff.url().split('/').pop()!;
    const emails = staff.getByRole('region', { name: 'Emails' });
    await emails.getByTestId('delivery').first().waitFor();
    const rows = emails.getByTestId('delivery');
    const texts = (await rows.allTextContents()).map(spaced);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    expect(texts.some((text) => text.includes('You') && text.includes('Scheduled'))).toBe(true);
    expect(texts.some((text) => text.includes(`${CONTACT.name} (${PARTNER})`) && text.includes('Scheduled'))).toBe(
      true,
    );
    const planned = await app.dataSource.query(`SELECT status, due_at FROM deliveries WHERE reminder_id = $1`, [
      reminderId,
    ]);
    expect(planned.length).toBe(texts.length);
    expect(planned.every((row: { status: string }) => row.status === 'scheduled')).toBe(true);
    await expectAccessible(staff);
    await shot(staff, 'programs-reminder');
  });

  it('a manager closes the library on a coming session day: the session is cancelled and its reminder emails skipped', async () => {
    const context = await browser.newContext(CONTEXT);
    const { page, problems } = await newPage(context);
    // The first session with planned emails (the very next one, unless its reminder time had already passed when the rule was saved).
    const [{ day: closedOn }] = await app.dataSource.query(
      `SELECT s.local_date::text AS day FROM deliveries d JOIN program_sessions s ON s.id = d.session_id WHERE d.reminder_id = $1 ORDER BY s.starts_at LIMIT 1`,
      [reminderId],
    );
    const closed = DateTime.fromISO(`${closedOn}T15:30`, { zone: ZONE });
    await signIn(page, app, MANAGER);
    await page.goto(`${app.url}/admin/closures`);
    await page.getByRole('heading', { level: 1, name: 'Closure days' }).waitFor();
    await page.getByLabel(/^Day\s*\*?$/).fill(closed.toISODate()!);
    await page.getByRole('textbox', { name: 'Name' }).fill('Staff training day');
    await page.getByRole('button', { name: 'Add closure day' }).click();
    await page.getByText('Staff training day added. 1 session is cancelled.').waitFor();
    const closure = page.getByTestId('closure').filter({ hasText: 'Staff training day' });
    expect(spaced(await closure.textContent())).toContain(`Cancels 1 session:${PROGRAM}, 3:30 – 5:00 PM`);
    await expectAccessible(page);
    await shot(page, 'programs-closures');

    await closure.getByRole('link', { name: PROGRAM }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAM }).waitFor();
    await page
      .getByTestId('schedule-sentence')
      .filter({ hasText: `${short(closed)} (closed: Staff training day)` })
      .waitFor();
    if (closed.month !== DateTime.now().setZone(ZONE).month)
      await page.getByRole('button', { name: /^Next month/ }).click();
    const row = page.getByTestId('session').filter({ has: page.getByText(long(closed), { exact: true }) });
    await row.getByText('Library closed').waitFor();
    await row.getByText('Staff training day').waitFor();
    expect(await row.getByRole('button', { name: /Cancel session|Mark as not held|Restore session/ }).count()).toBe(0);
    const [session] = await app.dataSource.query(
      `SELECT s.closure_id IS NOT NULL AS closed FROM program_sessions s WHERE s.program_id = $1 AND s.local_date = $2`,
      [programId, closed.toISODate()],
    );
    expect(session).toEqual({ closed: true });

    // The worker reconciles the delivery log: that session's emails are skipped, with the reason in words.
    await page.goto(`${app.url}/reminders/${reminderId}`);
    await page
      .getByRole('region', { name: 'Emails' })
      .getByText('The session was cancelled.')
      .first()
      .waitFor({ timeout: 15_000 });
    const skipped = await app.dataSource.query(
      `SELECT d.status, d.skip_reason AS reason FROM deliveries d JOIN program_sessions s ON s.id = d.session_id WHERE d.reminder_id = $1 AND s.local_date = $2`,
      [reminderId, closed.toISODate()],
    );
    expect(skipped.length).toBeGreaterThan(0);
    expect(
      skipped.every(
        (row: { status: string; reason: string }) => row.status === 'skipped' && row.reason === 'session-cancelled',
      ),
    ).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('staff print the feedback link as a QR code; the printed link opens the form until it is revoked', async () => {
    await staff.goto(`${app.url}/programs`);
    await staff.getByRole('status').filter({ hasText: '1 program' }).waitFor();
    await staff
      .getByRole('row', { name: new RegExp(PROGRAM) })
      .getByText('Every Wednesday 3:30 – 5:00 PM')
      .waitFor();
    await expectAccessible(staff);
    await shot(staff, 'programs-list');
    await staff.getByRole('link', { name: PROGRAM }).click();
    const section = staff.getByRole('region', { name: 'Feedback link' });
    await section.getByText('No link is working now.').waitFor();
    await section.getByRole('button', { name: 'Make a printable link' }).click();
    const dialog = staff.getByRole('dialog', { name: 'Your new feedback link' });
    await dialog.getByRole('img', { name: `QR code for feedback on ${PROGRAM}` }).waitFor();
    // An English program's poster is in English unless staff choose otherwise.
    expect(await dialog.getByRole('radio', { name: 'English (the program’s language)' }).isChecked()).toBe(true);
    const shown = spaced(await dialog.getByTestId('feedback-url').textContent());
    expect(shown).toMatch(/^[^/]+\/feedback\/[A-Za-z0-9_-]{20,}$/);
    const path = `/feedback/${shown.split('/feedback/')[1]}`;
    await api().get(path).expect(200).expect('Content-Type', /html/);
    await expectAccessible(staff, '[role="dialog"]');
    await shot(staff, 'programs-feedback-link', { fullPage: false });
    // What the printer gets: the program's name, the code and the address, nothing of the app.
    await staff.emulateMedia({ media: 'print' });
    await shot(staff, 'programs-feedback-print', { fullPage: false });
    const printed = await staff.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').trim());
    expect(printed).toBe(`${PROGRAM} ${LEAD.en} ${shown}`);
    expect(await staff.locator('.tandem-print-root').getAttribute('lang')).toBe('en');
    const qrBox = await staff.locator('.tandem-print-root svg').boundingBox();
    // 11 cm at 96 px per inch.
    expect(Math.round(qrBox!.width)).toBe(416);
    await staff.emulateMedia({ media: 'screen' });

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await section.getByText('1 link works now.').waitFor();
    await section.getByRole('button', { name: /^Revoke the link made/ }).click();
    await staff
      .getByRole('dialog', { name: 'Revoke this feedback link?' })
      .getByRole('button', { name: 'Revoke link' })
      .click();
    await section.getByText('No link is working now.').waitFor();
    await api().get(path).expect(404);
  });

  it('staff edit the schedule at 200 % zoom: future sessions move to the new time, the recorded one stays', async () => {
    const context = await browser.newContext({
      ...CONTEXT,
      viewport: { width: 640, height: 450 },
      deviceScaleFactor: 2,
    });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/programs/${programId}/edit`);
    await page.getByRole('heading', { level: 1, name: 'Edit program' }).waitFor();
    await expect(page.getByRole('textbox', { name: 'Name' }).inputValue()).resolves.toBe(PROGRAM);
    await expect(page.getByRole('checkbox', { name: 'Wednesday' }).isChecked()).resolves.toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    await page.getByLabel('Starts at').fill('16:00');
    await page.waitForFunction(() =>
      /^Every Wednesday 4:00\s+–\s+5:30\s+PM/.test(
        document.querySelector('[data-testid="schedule-sentence"]')?.textContent ?? '',
      ),
    );
    await page.getByRole('button', { name: 'Save program' }).click();
    await page.waitForURL(`${app.url}/programs/${programId}`);
    const [saved] = await app.dataSource.query(
      `SELECT version, rrule, start_time AS "startTime", timezone FROM programs WHERE id = $1`,
      [programId],
    );
    expect(saved).toEqual({ version: 2, rrule: 'FREQ=WEEKLY;BYDAY=WE', startTime: '16:00', timezone: ZONE });
    await page
      .getByTestId('schedule-sentence')
      .filter({ hasText: /^Every Wednesday 4:00\s+–\s+5:30\s+PM/ })
      .waitFor();
    // The recorded session stays as it was; the future ones move to 16:00 Chicago time.
    const sessions = await api()
      .get(`/api/v1/programs/${programId}/sessions`)
      .query({ from: last.minus({ days: 1 }).toUTC().toISO(), to: next[2].plus({ days: 1 }).toUTC().toISO() })
      .set(as(staffToken))
      .expect(200);
    const starts = Object.fromEntries(
      sessions.body.data.map((session: { localDate: string; startsAt: string }) => [
        session.localDate,
        DateTime.fromISO(session.startsAt).setZone(ZONE).toFormat('HH:mm'),
      ]),
    );
    expect(starts[last.toISODate()!]).toBe('15:30');
    expect(starts[next[1].toISODate()!]).toBe('16:00');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a viewer sees programs, sessions and reminders, and no edit control, and makes their own calendar link, on a phone too', async () => {
    const context = await browser.newContext({
      ...CONTEXT,
      viewport: { width: 360, height: 780 },
      deviceScaleFactor: 2,
    });
    const { page, problems } = await newPage(context);
    await signIn(page, app, VIEWER);
    await page.goto(`${app.url}/programs?status=planned`);
    await page.getByRole('status').filter({ hasText: '1 planned program' }).waitFor();
    await page.getByRole('link', { name: PROGRAM }).click();
    await page.getByRole('heading', { level: 1, name: PROGRAM }).waitFor();
    await page.getByTestId('session').first().waitFor();
    // Their own calendar link: made on request, copied from a read-only field, replaced after a confirmation.
    const calendar = page.getByRole('region', { name: 'Subscribe in your calendar' });
    await calendar.getByRole('button', { name: 'Get my calendar link' }).click();
    const linkBox = calendar.getByRole('textbox', { name: 'Your calendar link' });
    await linkBox.waitFor();
    const first = await linkBox.inputValue();
    expect(first).toMatch(new RegExp(`/api/v1/programs/${programId}/calendar\\.ics\\?key=[\\w.-]+$`));
    await calendar.getByRole('button', { name: 'Copy the calendar link' }).waitFor();
    await api()
      .get(new URL(first).pathname + new URL(first).search)
      .expect(200)
      .expect('Content-Type', /text\/calendar/);
    await calendar.getByRole('button', { name: 'Make a new link (the old one stops working)' }).click();
    const confirm = page.getByRole('dialog', { name: 'Make a new calendar link?' });
    await confirm.waitFor();
    await expectAccessible(page, '[role="dialog"]');
    await confirm.getByRole('button', { name: 'Make a new link' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await calendar.getByText(/^New link made\./).waitFor();
    const second = await linkBox.inputValue();
    expect(second).not.toBe(first);
    await api()
      .get(new URL(first).pathname + new URL(first).search)
      .expect(404);
    await api()
      .get(new URL(second).pathname + new URL(second).search)
      .expect(200);
    for (const name of [
      'New program',
      'Edit program',
      'Change status',
      'Add reminder',
      'Make a printable link',
      'Save',
      'Cancel session',
      'Mark as not held',
      'Restore session',
    ]) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
      expect(await page.getByRole('link', { name }).count()).toBe(0);
    }
    expect(await page.getByRole('textbox', { name: /^Attended on/ }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Feedback link' }).count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    await shot(page, 'programs-viewer-phone');

    await page
      .getByRole('region', { name: 'Reminders' })
      .getByRole('link', { name: 'Drop-in today: bring the sign-up sheets' })
      .click();
    await page.getByRole('region', { name: 'Emails' }).getByTestId('delivery').first().waitFor();
    expect(await page.getByRole('switch').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit reminder' }).count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);

    await page.goto(`${app.url}/programs`);
    await page.getByRole('status').filter({ hasText: '1 program' }).waitFor();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Running' }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'running');
    await page.getByRole('status').filter({ hasText: 'No running programs.' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a partner contact opens the unsubscribe link on a phone: one button, nothing changed until they press it', async () => {
    const context = await browser.newContext({
      ...CONTEXT,
      viewport: { width: 360, height: 780 },
      deviceScaleFactor: 2,
    });
    const { page, problems } = await newPage(context);
    const [contact] = await app.dataSource.query(`SELECT id FROM contacts WHERE email = $1`, [CONTACT.email]);
    const unsubscribedAt = async () =>
      (await app.dataSource.query(`SELECT unsubscribed_at FROM contacts WHERE id = $1`, [contact.id]))[0]
        .unsubscribed_at;
    await page.goto(`${app.url}/unsubscribe/${unsubscribeToken(TEST_AUTH_SECRET, contact.id)}`);
    await page.getByRole('heading', { level: 1, name: 'Stop these emails?' }).waitFor();
    expect(await page.getByRole('button').count()).toBe(1);
    expect(await unsubscribedAt()).toBeNull();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    // A plain form post (no JavaScript), allowed by the page's CSP.
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { level: 1, name: 'You are unsubscribed' }).waitFor();
    expect(await unsubscribedAt()).toBeInstanceOf(Date);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a Spanish program’s poster prints in Spanish, or in Spanish and English side by side, on one page either way up', async () => {
    const created = await api()
      .post('/api/v1/programs')
      .set(as(staffToken))
      .send({
        name: SPANISH_PROGRAM,
        schedule: { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', timezone: ZONE, startTime: '16:00', durationMinutes: 90 },
        startDate: DateTime.now().setZone(ZONE).toISODate(),
        status: 'running',
        language: 'es',
      })
      .expect(201);
    expect(created.body.language).toBe('es');
    await staff.goto(`${app.url}/programs/${created.body.id}`);
    await staff.getByRole('heading', { level: 1, name: SPANISH_PROGRAM }).waitFor();
    await staff
      .getByRole('region', { name: 'Feedback link' })
      .getByRole('button', { name: 'Make a printable link' })
      .click();
    const dialog = staff.getByRole('dialog', { name: 'Your new feedback link' });
    // The dialog speaks to staff in English; the poster it previews speaks the program's language.
    await dialog.getByRole('img', { name: `Código QR para opinar sobre ${SPANISH_PROGRAM}` }).waitFor();
    const language = dialog.getByRole('radiogroup', { name: 'Poster language' });
    expect(await language.getByRole('radio', { name: 'Español (the program’s language)' }).isChecked()).toBe(true);
    const preview = dialog.getByTestId('print-sheet');
    expect(await preview.getAttribute('lang')).toBe('es');
    const shown = spaced(await dialog.getByTestId('feedback-url').textContent());
    expect(spaced(await preview.innerText())).toBe(`${SPANISH_PROGRAM} ${LEAD.es} ${shown}`);
    await expectAccessible(staff, '[role="dialog"]');

    const root = staff.locator('.tandem-print-root');
    // How many pages the poster prints on, on Letter and A4 paper either way up, with a browser's usual margins.
    const ONE_PAGE_EACH = ['Letter: 1', 'Letter landscape: 1', 'A4: 1', 'A4 landscape: 1'];
    const pagesPrinted = async () => {
      const pages: string[] = [];
      for (const format of ['Letter', 'A4'])
        for (const landscape of [false, true]) {
          const margin = { top: '1cm', right: '1cm', bottom: '1cm', left: '1cm' };
          const pdf = (await staff.pdf({ format, landscape, margin })).toString('latin1');
          pages.push(`${format}${landscape ? ' landscape' : ''}: ${pdf.match(/\/Type\s*\/Page\b(?!s)/g)?.length}`);
        }
      return pages;
    };
    const printed = () => staff.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').trim());
    await staff.emulateMedia({ media: 'print' });
    expect(await printed()).toBe(`${SPANISH_PROGRAM} ${LEAD.es} ${shown}`);
    // The staff app stays English; the poster says it is Spanish, for screen readers and hyphenation.
    expect(await staff.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await root.getAttribute('lang')).toBe('es');
    await expectAccessible(staff);
    await shot(staff, 'programs-feedback-print-es', { fullPage: false });
    expect(await pagesPrinted()).toEqual(ONE_PAGE_EACH);
    await staff.emulateMedia({ media: 'screen' });

    // Both languages: the program's first, each lead with its own language, one code, the address once.
    await language.getByRole('radio', { name: 'Both, side by side' }).check();
    await preview.locator('[lang="en"]').waitFor();
    expect(spaced(await preview.innerText())).toBe(`${SPANISH_PROGRAM} ${LEAD.es} ${LEAD.en} ${shown}`);
    await expectAccessible(staff, '[role="dialog"]');
    await staff.emulateMedia({ media: 'print' });
    expect(await printed()).toBe(`${SPANISH_PROGRAM} ${LEAD.es} ${LEAD.en} ${shown}`);
    expect(await root.getAttribute('lang')).toBe('es');
    expect(
      await root.locator('.tandem-poster-lead').evaluateAll((leads) => leads.map((lead) => lead.getAttribute('lang'))),
    ).toEqual(['es', 'en']);
    expect(await root.getByRole('img').count()).toBe(1);
    // Side by side: the two leads share a row.
    const [es, en] = await Promise.all(
      ['es', 'en'].map((tag) => root.locator(`.tandem-poster-lead[lang="${tag}"]`).boundingBox()),
    );
    expect(Math.round(es!.y)).toBe(Math.round(en!.y));
    expect(es!.x + es!.width).toBeLessThanOrEqual(en!.x);
    await expectAccessible(staff);
    await shot(staff, 'programs-feedback-print-both', { fullPage: false });
    expect(await pagesPrinted()).toEqual(ONE_PAGE_EACH);
    await staff.emulateMedia({ media: 'screen' });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await root.count()).toBe(0);
  });
});
