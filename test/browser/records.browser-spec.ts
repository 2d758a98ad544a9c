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
 * Outreach records kept right after the fact, in Chromium against the real app: staff edit a
 * visit (a negative count is refused with a message and saves nothing), re-date and reassign a
 * follow-up, tick it off and take that back with "Undo", edit one piece of feedback and delete
 * another after confirming; a viewer sees none of these controls; every dialog passes axe, and
 * a phone's 360 px never scrolls sideways. Data is built through the API.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const COLLEAGUE = { name: 'Kim Colleague', email: 'kim@library.test', password: 'flyers and follow-ups always' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const PARTNER = 'Harbor House Youth Shelter';
const TASK = 'Send Dana the summer reading schedule';
const DAY = 24 * 60 * 60 * 1000;
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };
const DIALOG = '[role="dialog"]';

describe('Editing and deleting outreach records in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let staffToken: string;
  let colleagueId: string;
  let partnerId: string;
  let visitId: string;
  let taskId: string;
  let keptFeedbackId: string;
  let deletedFeedbackId: string;

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const get = async (path: string) => (await api().get(path).set(as(staffToken)).expect(200)).body;

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    const { token: adminToken } = await apiSignIn(app, ADMIN);
    for (const [who, role] of [
      [STAFF, 'staff'],
      [COLLEAGUE, 'staff'],
      [VIEWER, 'viewer'],
    ] as const) {
      await api()
        .post('/api/v1/users')
        .set(as(adminToken))
        .send({ ...who, role })
        .expect(201);
    }
    ({ token: staffToken } = await apiSignIn(app, STAFF));
    ({ id: colleagueId } = await apiSignIn(app, COLLEAGUE));

    partnerId = (
      await api()
        .post('/api/v1/organizations')
        .set(as(staffToken))
        .send({ name: PARTNER, type: 'Youth shelter', stage: 'active' })
        .expect(201)
    ).body.id;
    visitId = (
      await api()
        .post('/api/v1/visits')
        .set(as(staffToken))
        .send({
          organizationId: partnerId,
          purpose: 'invitations',
          visitedAt: new Date(Date.now() - DAY).toISOString(),
          location: 'Front lobby',
          invitationsHandedOut: 25,
          peopleReached: 12,
        })
        .expect(201)
    ).body.id;
    taskId = (
      await api()
        .post('/api/v1/tasks')
        .set(as(staffToken))
        .send({ title: TASK, dueAt: new Date(Date.now() + 3 * DAY).toISOString(), organizationId: partnerId })
        .expect(201)
    ).body.id;
    keptFeedbackId = (
      await api()
        .post('/api/v1/feedback')
        .set(as(staffToken))
        .send({
          source: 'partner',
          organizationId: partnerId,
          rating: 3,
          outcomes: { knowledge: 4 },
          worked: 'The teens loved the comics workshop.',
        })
        .expect(201)
    ).body.id;
    deletedFeedbackId = (
      await api()
        .post('/api/v1/feedback')
        .set(as(staffToken))
        .send({ source: 'staff', organizationId: partnerId, rating: 2, didntWork: 'Entered twice by mistake.' })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The open dialog with this title, once it has finished opening. */
  async function dialogNamed(page: Page, name: string) {
    const dialog = page.getByRole('dialog', { name });
    await dialog.waitFor();
    return dialog;
  }

  it('staff edit a visit (refusing -5), re-date, reassign and undo a follow-up, edit and delete feedback', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);

    // A visit: -5 people reached is refused in words and nothing is saved; 40 is saved.
    await page.goto(`${app.url}/visits?organizationId=${partnerId}`);
    await page.getByRole('status').filter({ hasText: '1 visit found' }).waitFor();
    await page.getByRole('button', { name: /^Edit the visit of/ }).click();
    let dialog = await dialogNamed(page, 'Edit visit');
    const people = dialog.getByRole('textbox', { name: 'People reached' });
    await expect(people.inputValue()).resolves.toBe('12');
    await expect(dialog.getByRole('textbox', { name: 'Where' }).inputValue()).resolves.toBe('Front lobby');
    await expectAccessible(page, DIALOG);
    await people.fill('-5');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('A count can’t be below 0. Enter 0 or more.').waitFor();
    await expect(people.inputValue()).resolves.toBe('-5');
    await expectAccessible(page, DIALOG);
    await screenshot(page, 'records-edit-visit', { fullPage: false });
    expect(await get(`/api/v1/visits/${visitId}`)).toMatchObject({ peopleReached: 12, version: 1 });
    await people.fill('40');
    await expect(dialog.getByText('A count can’t be below 0. Enter 0 or more.').count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('visit').getByText('25 invitations handed out · 40 people reached').waitFor();
    expect(await get(`/api/v1/visits/${visitId}`)).toMatchObject({
      peopleReached: 40,
      invitationsHandedOut: 25,
      location: 'Front lobby',
      version: 2,
    });
    // Deleting asks first; "Keep it" keeps it.
    await page.getByRole('button', { name: /^Delete the visit of/ }).click();
    dialog = await dialogNamed(page, 'Delete this visit?');
    await expectAccessible(page, DIALOG);
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await get(`/api/v1/visits/${visitId}`);

    // A follow-up on the partner's page: re-dated and reassigned to a colleague.
    await page.goto(`${app.url}/organizations/${partnerId}`);
    const followUps = page.getByRole('region', { name: 'Follow-ups' });
    await followUps.getByText(TASK).waitFor();
    await followUps.getByRole('button', { name: `Edit “${TASK}”` }).click();
    dialog = await dialogNamed(page, 'Edit follow-up');
    await dialog.getByLabel(/^Due/).fill('2030-05-06T14:30');
    await dialog.getByRole('combobox', { name: 'Who does it?' }).click();
    await expect(page.getByRole('option', { name: /Board Member/ }).count()).resolves.toBe(0);
    await page.getByRole('option', { name: COLLEAGUE.name }).click();
    await expectAccessible(page, DIALOG);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await followUps.getByText(`For: ${COLLEAGUE.name}`).waitFor();
    const redated = await get(`/api/v1/tasks/${taskId}`);
    expect(redated).toMatchObject({ assigneeId: colleagueId, status: 'open', version: 2 });
    const due = await page.evaluate((iso) => {
      const date = new Date(iso);
      return [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()];
    }, redated.dueAt as string);
    expect(due).toEqual([2030, 5, 6, 14, 30]);

    // Ticked off, then taken back with "Undo": the task is open again, on its newer version.
    await followUps.getByRole('checkbox', { name: TASK }).click();
    const notice = page.getByRole('status').filter({ hasText: `“${TASK}” marked done.` });
    await notice.waitFor();
    await expect(get(`/api/v1/tasks/${taskId}`)).resolves.toMatchObject({ status: 'done', version: 3 });
    await notice.getByRole('button', { name: 'Undo' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `“${TASK}” reopened.` })
      .waitFor();
    expect(await get(`/api/v1/tasks/${taskId}`)).toMatchObject({ status: 'open', completedAt: null, version: 4 });
    await expect(followUps.getByRole('checkbox', { name: TASK }).isChecked()).resolves.toBe(false);

    // Feedback: one edited (rating, an outcome, the action taken), another deleted after confirming.
    await page.goto(`${app.url}/feedback-inbox?show=all`);
    const kept = page.getByRole('article').filter({ hasText: 'The teens loved the comics workshop.' });
    await kept.getByRole('button', { name: 'Edit this partner feedback' }).click();
    dialog = await dialogNamed(page, 'Edit feedback');
    await dialog.getByRole('radio', { name: '5 – excellent' }).check();
    await dialog.getByRole('textbox', { name: /^Action taken/ }).fill('Booked the comics artist again for June.');
    await expectAccessible(page, DIALOG);
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await kept.getByText('Booked the comics artist again for June.').waitFor();
    expect(await get(`/api/v1/feedback/${keptFeedbackId}`)).toMatchObject({
      rating: 5,
      outcomes: { knowledge: 4, confidence: null },
      worked: 'The teens loved the comics workshop.',
      actionTaken: 'Booked the comics artist again for June.',
      version: 2,
    });

    const duplicate = page.getByRole('article').filter({ hasText: 'Entered twice by mistake.' });
    await duplicate.getByRole('button', { name: 'Delete this staff feedback' }).click();
    dialog = await dialogNamed(page, 'Delete this feedback?');
    await expectAccessible(page, DIALOG);
    await dialog.getByRole('button', { name: 'Delete feedback' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await duplicate.waitFor({ state: 'detached' });
    await api().get(`/api/v1/feedback/${deletedFeedbackId}`).set(as(staffToken)).expect(404);
    await get(`/api/v1/feedback/${keptFeedbackId}`);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a viewer sees the records with no edit, delete, done or undo control', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    await signIn(page, app, VIEWER);
    const noControls = async () => {
      for (const name of [/^Edit/, /^Delete/, /^Undo$/, /^Save/])
        expect(await page.getByRole('button', { name }).count()).toBe(0);
      expect(await page.getByRole('checkbox').count()).toBe(0);
    };

    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('region', { name: 'Visits' }).getByText('40 people reached').waitFor();
    await page.getByRole('region', { name: 'Follow-ups' }).getByText(TASK).waitFor();
    await page.getByRole('region', { name: 'Feedback' }).getByText('The teens loved the comics workshop.').waitFor();
    await noControls();

    await page.goto(`${app.url}/visits`);
    await page.getByTestId('visit').first().waitFor();
    await noControls();

    await page.goto(`${app.url}/feedback-inbox?show=all`);
    await page.getByRole('article').first().waitFor();
    await noControls();
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('on a 360 px phone, the lists, the dialogs and the undo notice fit the screen', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);

    await page.goto(`${app.url}/visits`);
    await page.getByTestId('visit').first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.getByRole('button', { name: /^Edit the visit of/ }).click();
    let dialog = await dialogNamed(page, 'Edit visit');
    await dialog.getByRole('textbox', { name: 'Invitations handed out' }).fill('12.5');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('Enter a whole number, without decimals.').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, DIALOG);
    await screenshot(page, 'records-edit-visit-phone', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await get(`/api/v1/visits/${visitId}`)).toMatchObject({ invitationsHandedOut: 25, version: 2 });

    await page.goto(`${app.url}/organizations/${partnerId}`);
    const followUps = page.getByRole('region', { name: 'Follow-ups' });
    await followUps.getByText(TASK).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await followUps.getByRole('button', { name: `Edit “${TASK}”` }).click();
    dialog = await dialogNamed(page, 'Edit follow-up');
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, DIALOG);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await followUps.getByRole('checkbox', { name: TASK }).click();
    const notice = page.getByRole('status').filter({ hasText: `“${TASK}” marked done.` });
    await notice.getByRole('button', { name: 'Undo' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await screenshot(page, 'records-undo-phone', { fullPage: false });
    await notice.getByRole('button', { name: 'Undo' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `“${TASK}” reopened.` })
      .waitFor();
    expect(await get(`/api/v1/tasks/${taskId}`)).toMatchObject({ status: 'open' });

    await page.goto(`${app.url}/feedback-inbox?show=all`);
    const card = page.getByRole('article').first();
    await card.waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await card.getByRole('button', { name: /^Edit this/ }).click();
    dialog = await dialogNamed(page, 'Edit feedback');
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, DIALOG);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByRole('button', { name: /^Delete this/ }).click();
    dialog = await dialogNamed(page, 'Delete this feedback?');
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, DIALOG);
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(problems).toEqual([]);
    await context.close();
  });
});
