import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { ShiftedClock } from '../../src/common/clock/clock';
import { DeliverySender } from '../../src/outbox/delivery-sender.service';
import {
  apiSignIn,
  expectAccessible,
  fitsWidth,
  launchBrowser,
  newPage,
  screenshot,
  serveApp,
  signIn,
  type ServedApp,
} from './browser';

/**
 * Reminders of every kind from the Reminders screen: staff add a one-off reminder for tomorrow
 * morning and one before a task is due, each read back in words; when tomorrow comes (the app's
 * clock moved, the sender driven once) the one-off email arrives. A viewer is not offered any.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const TASK = 'Send Casa Esperanza the summer flyer';

describe('Reminders of every kind in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let staffToken: string;
  let zone: string;
  const clock = new ShiftedClock(0);
  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp({ clock, worker: true }), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    const { token: adminToken } = await apiSignIn(app, ADMIN);
    for (const [who, role] of [
      [STAFF, 'staff'],
      [VIEWER, 'viewer'],
    ] as const)
      await api()
        .post('/api/v1/users')
        .set(as(adminToken))
        .send({ ...who, role })
        .expect(201);
    ({ token: staffToken } = await apiSignIn(app, STAFF));
    zone = (await api().get('/api/v1/auth/me').set(as(staffToken)).expect(200)).body.timezone as string;
    await api()
      .post('/api/v1/tasks')
      .set(as(staffToken))
      .send({ title: TASK, dueAt: DateTime.now().plus({ days: 5 }).toISO() })
      .expect(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('staff add a one-off reminder and one before a task is due; the one-off email arrives when its time comes', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: zone });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/reminders`);
    await page.getByRole('heading', { level: 1, name: 'Reminders' }).waitFor();

    const at = DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 9, minute: 30, second: 0, millisecond: 0 });
    await page.getByRole('button', { name: 'New reminder' }).click();
    let dialog = page.getByRole('dialog', { name: 'Add a reminder' });
    await dialog.getByRole('radio', { name: 'Once, at a date and time' }).check();
    await dialog.getByRole('textbox', { name: 'Title' }).fill('Call the youth shelter about the drop-in');
    await dialog.getByLabel('Send it at').fill(at.toFormat("yyyy-MM-dd'T'HH:mm"));
    await expectAccessible(page, '[role="dialog"]');
    await screenshot(page, 'reminders-once', { fullPage: false });
    await dialog.getByRole('button', { name: 'Add reminder' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'Call the youth shelter about the drop-in' }).waitFor();

    await page.getByRole('button', { name: 'New reminder' }).click();
    dialog = page.getByRole('dialog', { name: 'Add a reminder' });
    await dialog.getByRole('radio', { name: 'Before a task is due' }).check();
    await dialog.getByRole('textbox', { name: 'Title' }).fill('The flyer is due soon');
    await dialog.getByRole('button', { name: 'Add reminder' }).click();
    await dialog.getByText('Choose the task').waitFor();
    await dialog.getByRole('combobox', { name: 'Task' }).click();
    await page.getByRole('option', { name: TASK }).click();
    await dialog.getByText('Sends 4 hours before the task is due.').waitFor();
    await dialog.getByRole('button', { name: 'Add reminder' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('4 hours before the task is due').waitFor();
    expect(await fitsWidth(page)).toBe(true);

    const reminders = await api().get('/api/v1/reminders').set(as(staffToken)).expect(200);
    const once = reminders.body.data.find((rule: { trigger: { type: string } }) => rule.trigger.type === 'once');
    expect(Date.parse(once.trigger.at)).toBe(at.toMillis());

    // Tomorrow at 9:31: the sender sends what is due, once.
    clock.offsetMs = at.plus({ minutes: 1 }).toMillis() - Date.now();
    await app.app.get(DeliverySender).deliverDue();
    const sent = app.mail.messages.filter((mail) => mail.subject?.includes('Call the youth shelter about the drop-in'));
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toMatchObject({ value: [expect.objectContaining({ address: STAFF.email })] });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a viewer is offered no reminder to add', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const { page } = await newPage(context);
    await signIn(page, app, VIEWER);
    await page.goto(`${app.url}/reminders`);
    await page.getByRole('heading', { level: 1, name: 'Reminders' }).waitFor();
    await page.getByText('2 reminders').waitFor();
    await expect(page.getByRole('button', { name: 'New reminder' }).count()).resolves.toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await context.close();
  });
});
