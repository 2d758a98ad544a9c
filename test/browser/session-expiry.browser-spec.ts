import type { Browser, BrowserContext } from 'playwright-core';
import request from 'supertest';
import {
  apiSignIn,
  expectAccessible,
  fitsWidth,
  launchBrowser,
  newPage,
  PASSWORD_LABEL,
  screenshot,
  serveApp,
  signIn,
  type ServedApp,
} from './browser';

/**
 * A session that ends while a form is open: the screen stays, a sign-in dialog opens over it, and
 * after signing in again the save goes through with everything as typed.
 *
 * How the session ends, honestly and at once: the test takes the browser's refresh cookie, trades
 * it (from its own HTTP client, not the browser) for an access token of that very session, and
 * signs that session out (POST /auth/logout), as a sign-out in another place would. Every access
 * token names its session (`sid`) and the server checks it is live on each call, so the token the
 * page holds in memory is refused from then on, and so is its refresh cookie. No waiting for the
 * token's lifetime (60 s at the least), and no reload (which would lose the form).
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const OTHER = { name: 'Pat Outreach', email: 'pat@library.test', password: 'the other branch on thursdays' };
const PARTNER = 'Next Step Internships';
const PHONE = { width: 360, height: 780 };
/** The sign-in dialog's window (Mantine's modal content), for axe alone. */
const SIGN_IN_DIALOG = '[role="dialog"][aria-labelledby="session-ended-title"]';

describe('A session that ends while a form is open', () => {
  let app: ServedApp;
  let browser: Browser;
  let staffToken: string;
  let partnerId: string;

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Signs out the session the browser context is signed in with, from outside the browser. */
  async function endSessionOf(context: BrowserContext): Promise<void> {
    const cookie = (await context.cookies(`${app.url}/api/v1/auth/refresh`)).find(
      (candidate) => candidate.name === 'tandem_refresh',
    );
    expect(cookie).toBeDefined();
    const refreshed = await api()
      .post('/api/v1/auth/refresh')
      .set('Cookie', `tandem_refresh=${cookie!.value}`)
      .expect(200);
    await api()
      .post('/api/v1/auth/logout')
      .set(as(refreshed.body.accessToken as string))
      .expect(204);
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    const { token: adminToken } = await apiSignIn(app, ADMIN);
    for (const who of [STAFF, OTHER]) {
      await api()
        .post('/api/v1/users')
        .set(as(adminToken))
        .send({ ...who, role: 'staff' })
        .expect(201);
    }
    ({ token: staffToken } = await apiSignIn(app, STAFF));
    partnerId = (
      await api()
        .post('/api/v1/organizations')
        .set(as(staffToken))
        .send({ name: PARTNER, type: 'Government agency', stage: 'prospect' })
        .expect(201)
    ).body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('keeps the edit drawer and what was typed, asks to sign in again over it, then saves every field once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    await page.getByRole('button', { name: 'Edit partner' }).click();
    const drawer = page.getByRole('dialog', { name: `Edit ${PARTNER}` });
    await drawer.waitFor();
    await drawer.getByRole('textbox', { name: 'Mission' }).fill('Paid internships and tutoring for teens.');
    await drawer.getByRole('textbox', { name: 'Address' }).fill('700 5th Ave, Seattle');
    await drawer.getByRole('textbox', { name: 'Phone' }).fill('206-555-0188');
    await drawer.getByRole('textbox', { name: 'Website' }).fill('nextstep.example.org');

    await endSessionOf(context);
    const patches: string[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'PATCH' && sent.url().endsWith(`/api/v1/organizations/${partnerId}`))
        patches.push(sent.postData() ?? '');
    });
    await drawer.getByRole('button', { name: 'Save changes' }).click();

    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();
    await dialog.getByText('Your session ended. Sign in again to carry on — what you typed is kept.').waitFor();
    await expect(dialog.getByLabel('Email').inputValue()).resolves.toBe(STAFF.email);
    // Still on the partner's page, with the drawer and what was typed underneath.
    expect(new URL(page.url()).pathname).toBe(`/organizations/${partnerId}`);
    await expect(drawer.getByRole('textbox', { name: 'Address' }).inputValue()).resolves.toBe('700 5th Ave, Seattle');
    await expect(page.locator(SIGN_IN_DIALOG).count()).resolves.toBe(1);
    await expectAccessible(page, SIGN_IN_DIALOG);
    await screenshot(page, 'session-expired', { fullPage: false });

    // A wrong password is said so in the dialog; nothing is saved meanwhile.
    await dialog.getByLabel(PASSWORD_LABEL).fill('not my password');
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.getByText('That email and password do not match an active account.').waitFor();
    await dialog.getByLabel(PASSWORD_LABEL).fill(STAFF.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();

    // The save that was refused goes through by itself once signed in again.
    await dialog.waitFor({ state: 'detached' });
    await drawer.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    const saved = await api().get(`/api/v1/organizations/${partnerId}`).set(as(staffToken)).expect(200);
    expect(saved.body).toMatchObject({
      version: 2,
      mission: 'Paid internships and tutoring for teens.',
      address: '700 5th Ave, Seattle',
      phone: '206-555-0188',
      website: 'nextstep.example.org',
    });
    // Sent twice in all: refused once (the server did nothing), then once more and carried out.
    expect(patches).toHaveLength(2);
    expect(patches[0]).toBe(patches[1]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('on a phone: the dialog fits; someone else signing in from it starts at the directory, nothing of the first screen kept', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('button', { name: 'Edit partner' }).click();
    const drawer = page.getByRole('dialog', { name: `Edit ${PARTNER}` });
    await drawer.getByRole('textbox', { name: 'Phone' }).fill('206-555-0199');
    await endSessionOf(context);
    await drawer.getByRole('button', { name: 'Save changes' }).click();

    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();
    await expect(fitsWidth(page)).resolves.toBe(true);
    await expect(page.locator(SIGN_IN_DIALOG).count()).resolves.toBe(1);
    await expectAccessible(page, SIGN_IN_DIALOG);
    await dialog.getByLabel('Email').fill(OTHER.email);
    await dialog.getByLabel(PASSWORD_LABEL).fill(OTHER.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL((url) => url.pathname === '/organizations');
    await page.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    // Neither the drawer with Sam's typing nor the dialog is left (once their closing fade is over).
    await page.waitForFunction(() => document.querySelectorAll('[role="dialog"]').length === 0);
    await expect(page.getByText('206-555-0199').count()).resolves.toBe(0);
    // Sam's change was not saved as Pat.
    const partner = await api().get(`/api/v1/organizations/${partnerId}`).set(as(staffToken)).expect(200);
    expect(partner.body.phone).toBe('206-555-0188');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('several tabs: signing in again in another tab closes the dialog here, and the save goes through', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('button', { name: 'Edit partner' }).click();
    const drawer = page.getByRole('dialog', { name: `Edit ${PARTNER}` });
    await drawer.getByRole('textbox', { name: 'Address' }).fill('1 Tab Street, Seattle');
    await endSessionOf(context);
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();

    // Another tab of the same browser: it loads signed out, so it shows the sign-in page.
    const { page: other } = await newPage(context);
    await other.goto(`${app.url}/organizations`);
    await other.waitForURL((url) => url.pathname === '/sign-in');
    await other.getByLabel('Email').fill(STAFF.email);
    await other.getByLabel(PASSWORD_LABEL).fill(STAFF.password);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await other.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();

    // This tab hears of it and goes on with the new session: no dialog stuck, the save is made.
    await dialog.waitFor({ state: 'detached' });
    await drawer.waitFor({ state: 'detached' });
    const saved = await api().get(`/api/v1/organizations/${partnerId}`).set(as(staffToken)).expect(200);
    expect(saved.body.address).toBe('1 Tab Street, Seattle');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('"Sign out instead" goes to the sign-in page; a reload while signed out goes there as before', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/log-visit`);
    await page.getByRole('heading', { level: 1, name: 'Log a visit' }).waitFor();
    await endSessionOf(context);
    // The next call the page makes (here: opening the directory) meets the ended session.
    await page.getByRole('link', { name: 'Partner directory' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Sign in again' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Sign out instead' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByText('You are signed out.').waitFor();

    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(problems).toEqual([]);
    await context.close();
  });
});
