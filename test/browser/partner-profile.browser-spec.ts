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
 * The partner's record, kept in the app: staff weigh a new partner on the three criteria and fill
 * in its profile in the edit drawer (the seed's first step); a colleague's save in between is
 * shown and theirs kept where only they changed something; a manager deletes a partner after
 * confirming; a viewer has no edit control; a 200-character name does not widen a phone's page.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const MANAGER = { name: 'Mo Manager', email: 'mo@library.test', password: 'the whole portfolio, weekly' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const PARTNER = 'Next Step Internships';
const LONG_NAME = `The ${'Very '.repeat(37)}Long Partnership Name`.slice(0, 200);
const PHONE = { width: 360, height: 780 };

describe('A partner’s profile and fit in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let staffToken: string;
  let partnerId: string;
  let longId: string;
  let audienceId: string;

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    const { token: adminToken } = await apiSignIn(app, ADMIN);
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
    ({ token: staffToken } = await apiSignIn(app, STAFF));
    const audience = await api()
      .post('/api/v1/audiences')
      .set(as(adminToken))
      .send({ name: 'Low-income teens', priority: 1 })
      .expect(201);
    audienceId = audience.body.id;
    partnerId = (
      await api()
        .post('/api/v1/organizations')
        .set(as(staffToken))
        .send({ name: PARTNER, type: 'Government agency', stage: 'prospect' })
        .expect(201)
    ).body.id;
    longId = (await api().post('/api/v1/organizations').set(as(staffToken)).send({ name: LONG_NAME }).expect(201)).body
      .id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('staff weigh a new partner on the three criteria and fill in its profile; the API has it all', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    const fit = page.getByRole('region', { name: 'Fit' });
    await fit.getByText('Not weighed yet.').waitFor();
    await fit.getByRole('button', { name: 'Weigh this partner' }).click();

    const drawer = page.getByRole('dialog', { name: `Edit ${PARTNER}` });
    await drawer.waitFor();
    await drawer
      .getByRole('radiogroup', { name: /Audience reach/ })
      .getByRole('radio', { name: '5' })
      .check();
    await drawer
      .getByRole('radiogroup', { name: /Mission overlap/ })
      .getByRole('radio', { name: '4' })
      .check();
    await drawer
      .getByRole('radiogroup', { name: /Complementary skills/ })
      .getByRole('radio', { name: '3' })
      .check();
    await drawer
      .getByRole('textbox', { name: 'Notes on fit' })
      .fill('Paid internships for low-income teens; they need tech skills.');
    await drawer.getByRole('textbox', { name: 'Mission' }).fill('Academic support and paid internships for teens.');
    await drawer.getByRole('textbox', { name: 'Address' }).fill('700 5th Ave, Seattle');
    await drawer.getByRole('combobox', { name: 'Audiences they serve' }).click();
    await page.getByRole('option', { name: 'Low-income teens' }).click();
    await drawer.getByRole('textbox', { name: 'Website' }).fill('not a web address');
    await expectAccessible(page, '[role="dialog"]');
    await screenshot(page, 'partner-edit', { fullPage: false });
    await drawer.getByRole('button', { name: 'Save changes' }).click();

    // The server refuses the website: the message sits on the field, everything typed stays.
    await drawer.getByText('Must be a web address').waitFor();
    await expect(drawer.getByRole('textbox', { name: 'Address' }).inputValue()).resolves.toBe('700 5th Ave, Seattle');
    await drawer.getByRole('textbox', { name: 'Website' }).fill('nextstep.example.org');
    await expect(drawer.getByText('Must be a web address').count()).resolves.toBe(0);
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await drawer.waitFor({ state: 'detached' });
    await fit.getByText('5 of 5').waitFor();

    const saved = await api().get(`/api/v1/organizations/${partnerId}`).set(as(staffToken)).expect(200);
    expect(saved.body).toMatchObject({
      version: 2,
      mission: 'Academic support and paid internships for teens.',
      address: '700 5th Ave, Seattle',
      website: 'nextstep.example.org',
      audienceIds: [audienceId],
      fit: {
        audienceReach: 5,
        missionOverlap: 4,
        complementaryResources: 3,
        notes: 'Paid internships for low-income teens; they need tech skills.',
      },
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a colleague’s save in between: their version is shown, what was typed stays, and only my change goes over theirs', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('button', { name: 'Edit partner' }).click();
    const drawer = page.getByRole('dialog', { name: `Edit ${PARTNER}` });
    await drawer.waitFor();
    await drawer.getByRole('textbox', { name: 'Phone' }).fill('206-555-0188');

    const current = await api().get(`/api/v1/organizations/${partnerId}`).set(as(staffToken)).expect(200);
    await api()
      .patch(`/api/v1/organizations/${partnerId}`)
      .set(as(staffToken))
      .send({ version: current.body.version, notes: 'Ask for Jordan at the front desk.' })
      .expect(200);

    await drawer.getByRole('button', { name: 'Save changes' }).click();
    const alert = drawer.getByRole('alert');
    await alert.getByText('A colleague changed this partner while you were editing it').waitFor();
    await alert.getByText('Ask for Jordan at the front desk.').waitFor();
    await expect(drawer.getByRole('textbox', { name: 'Phone' }).inputValue()).resolves.toBe('206-555-0188');
    await expectAccessible(page, '[role="dialog"]');
    await alert.getByRole('button', { name: 'Save mine over theirs' }).click();
    await drawer.waitFor({ state: 'detached' });

    const saved = await api().get(`/api/v1/organizations/${partnerId}`).set(as(staffToken)).expect(200);
    expect(saved.body).toMatchObject({ phone: '206-555-0188', notes: 'Ask for Jordan at the front desk.' });
    await context.close();
  });

  it('a viewer sees the profile and fit with no edit control; a 200-character name wraps on a phone', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
    const { page, problems } = await newPage(context);
    await signIn(page, app, VIEWER);
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    await page.getByRole('region', { name: 'Fit' }).getByText('5 of 5').waitFor();
    for (const control of ['Edit partner', 'Change stage', 'Delete partner', 'Weigh this partner'])
      await expect(page.getByRole('button', { name: control }).count()).resolves.toBe(0);

    // Typed-in addresses of write screens: the 403 page, not a form that fails on submit.
    for (const path of ['/programs/new', '/log-visit']) {
      await page.goto(`${app.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await expect(page.getByRole('textbox').count()).resolves.toBe(0);
    }
    await page.goto(`${app.url}/programs/new`);
    await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
    await expectAccessible(page);

    await page.goto(`${app.url}/organizations/${longId}`);
    await page.getByRole('heading', { level: 1, name: LONG_NAME }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a manager deletes a partner after reading what goes with it; staff are not offered it', async () => {
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page: staffPage } = await newPage(staffContext);
    await signIn(staffPage, app, STAFF);
    await staffPage.goto(`${app.url}/organizations/${longId}`);
    await staffPage.getByRole('button', { name: 'Edit partner' }).waitFor();
    await expect(staffPage.getByRole('button', { name: 'Delete partner' }).count()).resolves.toBe(0);
    await staffContext.close();

    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
    const { page } = await newPage(context);
    await signIn(page, app, MANAGER);
    await page.goto(`${app.url}/organizations/${longId}`);
    await page.getByRole('button', { name: 'Delete partner' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this partner?' });
    await dialog.getByText(/also deletes its contacts, notes, visits/).waitFor();
    await expectAccessible(page, '[role="dialog"]');
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await dialog.waitFor({ state: 'detached' });
    await api().get(`/api/v1/organizations/${longId}`).set(as(staffToken)).expect(200);

    await page.getByRole('button', { name: 'Delete partner' }).click();
    await dialog.getByRole('button', { name: 'Delete partner' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    await api().get(`/api/v1/organizations/${longId}`).set(as(staffToken)).expect(404);
    await context.close();
  });
});
