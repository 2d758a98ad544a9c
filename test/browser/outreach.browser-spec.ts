import type { Browser } from 'playwright-core';
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
 * The outreach screens in Chromium against the real app: a staff member on a phone logs a
 * visit from the partner's page, ticks off an overdue follow-up and answers feedback that
 * needed action; a viewer sees all of it without a single edit control. Data is built through
 * the API; what is clicked is what is being tested.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const PARTNER = 'Harbor House Youth Shelter';
const CONTACT = { name: 'Dana Case-Manager', email: 'dana@harbor.example.org', phone: '+1 503 555 0142' };
const DAY = 24 * 60 * 60 * 1000;
const PHONE = { width: 360, height: 780 };

describe('Outreach screens in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let adminToken: string;
  let staffToken: string;
  let staffId: string;
  let partnerId: string;
  let overdueTaskId: string;
  let feedbackId: string;

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    ({ token: adminToken } = await apiSignIn(app, ADMIN));
    await api()
      .post('/api/v1/users')
      .set(as(adminToken))
      .send({ ...STAFF, role: 'staff' })
      .expect(201);
    await api()
      .post('/api/v1/users')
      .set(as(adminToken))
      .send({ ...VIEWER, role: 'viewer' })
      .expect(201);
    ({ token: staffToken, id: staffId } = await apiSignIn(app, STAFF));

    const partner = await api()
      .post('/api/v1/organizations')
      .set(as(staffToken))
      .send({ name: PARTNER, type: 'Youth shelter', stage: 'active' })
      .expect(201);
    partnerId = partner.body.id;
    await api()
      .post('/api/v1/contacts')
      .set(as(staffToken))
      .send({
        organizationId: partnerId,
        ...CONTACT,
        title: 'Case manager',
        isPrimary: true,
        preferredChannel: 'phone',
      })
      .expect(201);
    const overdue = await api()
      .post('/api/v1/tasks')
      .set(as(staffToken))
      .send({
        title: 'Call Dana about the spring flyers',
        dueAt: new Date(Date.now() - 2 * DAY).toISOString(),
        organizationId: partnerId,
      })
      .expect(201);
    overdueTaskId = overdue.body.id;
    await api()
      .post('/api/v1/tasks')
      .set(as(staffToken))
      .send({
        title: 'Send the summer reading schedule',
        dueAt: new Date(Date.now() + 10 * DAY).toISOString(),
        organizationId: partnerId,
      })
      .expect(201);
    const feedback = await api()
      .post('/api/v1/feedback')
      .set(as(staffToken))
      .send({
        source: 'partner',
        organizationId: partnerId,
        rating: 3,
        outcomes: { knowledge: 4, awareness: 2 },
        worked: 'The teens loved the comics workshop.',
        didntWork: 'The flyers came too late to hand out.',
      })
      .expect(201);
    feedbackId = feedback.body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('staff on a phone: logs a visit from the partner’s page in a few taps, ticks off an overdue task, records the action taken on feedback', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);

    // From the partner's page: one tap to the form, which already knows the partner, the time and who went.
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Log a visit' }).click();
    await page.waitForURL(
      (url) => url.pathname === '/log-visit' && url.searchParams.get('organizationId') === partnerId,
    );
    await page.getByRole('heading', { level: 1, name: 'Log a visit' }).waitFor();
    const partnerField = page.getByRole('combobox', { name: /^Partner/ });
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('input')].some((input) => input.value === name),
      PARTNER,
    );
    await expect(partnerField.inputValue()).resolves.toBe(PARTNER);
    await page.getByRole('checkbox', { name: 'Dana Case-Manager (Case manager)' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'outreach-log-visit');

    // Big touch targets: the purpose cards and the save button are at least 44 px tall.
    const purpose = page.getByRole('radio', { name: 'Handing out invitations' });
    expect((await purpose.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect((await page.getByRole('button', { name: 'Save visit' }).boundingBox())!.height).toBeGreaterThanOrEqual(44);

    const before = Date.now();
    await purpose.click();
    await page.getByRole('textbox', { name: 'Invitations handed out' }).fill('25');
    await page.getByRole('button', { name: 'Save visit' }).click();
    await page.getByRole('heading', { name: 'Visit saved' }).waitFor();
    await expectAccessible(page);

    const visits = await api()
      .get('/api/v1/visits')
      .query({ organizationId: partnerId })
      .set(as(staffToken))
      .expect(200);
    expect(visits.body.meta.total).toBe(1);
    const [visit] = visits.body.data;
    expect(visit).toMatchObject({
      organizationId: partnerId,
      purpose: 'invitations',
      staffIds: [staffId],
      contactIds: [],
      invitationsHandedOut: 25,
      peopleReached: 0,
      programId: null,
      location: null,
      notes: null,
    });
    // "Now" is the moment of saving, stamped by the server.
    expect(Date.parse(visit.visitedAt)).toBeGreaterThanOrEqual(before - 5_000);
    expect(Date.parse(visit.visitedAt)).toBeLessThanOrEqual(Date.now() + 5_000);

    // The visit is on the partner's page now.
    await page.getByRole('link', { name: `Back to ${PARTNER}` }).click();
    const visitsSection = page.getByRole('region', { name: 'Visits' });
    await visitsSection.getByText('25 invitations handed out').waitFor();

    // My tasks, from the menu: the overdue follow-up comes first and is marked as overdue.
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tasks' }).click();
    await page.getByRole('heading', { level: 1, name: 'My tasks' }).waitFor();
    const groups = page.getByRole('heading', { level: 2 });
    await groups.first().waitFor();
    await expect(groups.allInnerTexts()).resolves.toEqual(['Overdue (1)', 'Later (1)']);
    const overdueTask = page.getByTestId('task').first();
    await expect(overdueTask.getAttribute('data-overdue')).resolves.toBe('true');
    await expect(overdueTask.getByText('Overdue', { exact: true }).isVisible()).resolves.toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'outreach-tasks');

    // Ticked, the task moves under "Done" (still there to untick) at once.
    await overdueTask.getByRole('checkbox', { name: 'Call Dana about the spring flyers' }).click();
    await page.getByRole('heading', { level: 2, name: 'Done (1)' }).waitFor();
    await expect(page.getByRole('checkbox', { name: 'Call Dana about the spring flyers' }).isChecked()).resolves.toBe(
      true,
    );
    await page.getByText('“Call Dana about the spring flyers” marked done.').waitFor({ state: 'attached' });
    const done = await api().get(`/api/v1/tasks/${overdueTaskId}`).set(as(staffToken)).expect(200);
    expect(done.body).toMatchObject({ status: 'done', version: 2 });
    expect(done.body.completedAt).not.toBeNull();

    // The feedback inbox opens on what needs action.
    await page.goto(`${app.url}/feedback-inbox`);
    await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 needs action' }).waitFor();
    const card = page.getByRole('article', { name: /Partner feedback/ });
    await expect(card.getByText('3 of 5').isVisible()).resolves.toBe(true);
    await expect(card.getByText('“I learned something new”').isVisible()).resolves.toBe(true);
    await expect(card.getByRole('link', { name: PARTNER }).isVisible()).resolves.toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'outreach-feedback');

    await card.getByRole('textbox', { name: 'Action taken' }).fill('Flyers now go out two weeks ahead; told Dana.');
    await card.getByRole('button', { name: 'Save action' }).click();
    await page.getByRole('status').filter({ hasText: 'Nothing needs action' }).waitFor();
    const answered = await api().get(`/api/v1/feedback/${feedbackId}`).set(as(staffToken)).expect(200);
    expect(answered.body).toMatchObject({ actionTaken: 'Flyers now go out two weeks ahead; told Dana.', version: 2 });
    const needsAction = await api()
      .get('/api/v1/feedback')
      .query({ needsAction: 'true' })
      .set(as(staffToken))
      .expect(200);
    expect(needsAction.body.meta.total).toBe(0);

    // The list of visits, filtered by partner in the URL.
    await page.goto(`${app.url}/visits?organizationId=${partnerId}`);
    await page.getByRole('status').filter({ hasText: '1 visit found' }).waitFor();
    await expect(page.getByTestId('visit').getByText('Handing out invitations').isVisible()).resolves.toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'outreach-visits');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a viewer sees visits, tasks and feedback but no "Log a visit" and no edit controls', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await newPage(context);
    await signIn(page, app, VIEWER);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Visits' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Log a visit' }).count()).toBe(0);

    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('region', { name: 'Visits' }).getByText('25 invitations handed out').waitFor();
    await page.getByRole('region', { name: 'Follow-ups' }).getByText('Send the summer reading schedule').waitFor();
    await page.getByRole('region', { name: 'Feedback' }).getByText('The teens loved the comics workshop.').waitFor();
    for (const control of [
      'Log a visit',
      'Add a follow-up',
      'Record feedback',
      'Save action',
      'Change the action taken',
    ]) {
      expect(await page.getByRole('button', { name: control }).count()).toBe(0);
      expect(await page.getByRole('link', { name: control }).count()).toBe(0);
    }
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(CONTACT.email);
    await expectAccessible(page);
    await screenshot(page, 'outreach-organization-viewer');

    await page.goto(`${app.url}/visits`);
    await page.getByRole('status').filter({ hasText: '1 visit' }).waitFor();
    expect(await page.getByRole('link', { name: 'Log a visit' }).count()).toBe(0);
    // Who was met is the staff's business.
    expect(await page.getByText(/met \d+ contact/).count()).toBe(0);
    await expectAccessible(page);

    await page.goto(`${app.url}/feedback-inbox?show=all`);
    await page
      .getByRole('article', { name: /Partner feedback/ })
      .getByText('Flyers now go out two weeks ahead; told Dana.')
      .waitFor();
    expect(await page.getByRole('textbox', { name: 'Action taken' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record feedback' }).count()).toBe(0);
    await expectAccessible(page);

    // The form itself, reached by a typed address, says no instead of offering to save.
    await page.goto(`${app.url}/log-visit?organizationId=${partnerId}`);
    await page.getByText('Your role lets you read visits but not log them.').waitFor();
    expect(await page.getByRole('button', { name: 'Save visit' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('staff add a follow-up from the tasks screen; it is theirs and due when they said', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/tasks`);
    await page.getByRole('heading', { level: 1, name: 'My tasks' }).waitFor();
    await page.getByRole('button', { name: 'Add a follow-up' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a follow-up' });
    // The form checks the title before asking the server.
    await dialog.getByRole('button', { name: 'Add follow-up' }).click();
    await dialog.getByText('Say what needs doing').waitFor();
    await dialog.getByRole('textbox', { name: /What needs doing/ }).fill('Drop off library card sign-up forms');
    await dialog.getByLabel(/^Due/).fill('2030-05-06T14:30');
    await dialog.getByRole('combobox', { name: /^Partner/ }).fill('harbor');
    await page.getByRole('option', { name: PARTNER }).click();
    await expectAccessible(page, '[role="dialog"]');
    await screenshot(page, 'outreach-add-follow-up', { fullPage: false });
    await dialog.getByRole('button', { name: 'Add follow-up' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Drop off library card sign-up forms').waitFor();

    const mine = await api()
      .get('/api/v1/tasks')
      .query({ assigneeId: staffId, status: 'open', sort: '-createdAt' })
      .set(as(staffToken))
      .expect(200);
    const created = mine.body.data[0];
    expect(created).toMatchObject({
      title: 'Drop off library card sign-up forms',
      assigneeId: staffId,
      organizationId: partnerId,
      status: 'open',
    });
    const shownDue = await page.evaluate((iso) => {
      const date = new Date(iso);
      return [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()];
    }, created.dueAt);
    expect(shownDue).toEqual([2030, 5, 6, 14, 30]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
