import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import {
  expectAccessible,
  fitsWidth,
  launchBrowser,
  newPage,
  PASSWORD_LABEL,
  screenshot,
  serveApp,
  type ServedApp,
  signIn,
} from './browser';

const ADMIN = { name: 'Maya Chen', email: 'maya@library.test', password: 'the branch manager 2026' };
const INVITED = { name: 'Pat Reyes', email: 'pat@library.test', password: 'outreach on wheels 2026' };

/**
 * An invitation the mail server refuses (the test app's SMTP sink answers 550), in Debian's
 * Chromium against the real app with its worker: the admin reads what happened in plain words,
 * makes a new invitation link, copies it and hands it over; it signs the colleague in.
 */
describe('An invitation email the mail server refuses, in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let admin: Page;
  let problems: string[];

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp({ worker: true }), launchBrowser()]);
    await request(app.http).post('/api/v1/auth/setup').send(ADMIN).expect(201);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    ({ page: admin, problems } = await newPage(context));
    await signIn(admin, app, { email: ADMIN.email, password: ADMIN.password });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('says in words that the email was refused, and lets the admin copy a link that signs the colleague in', async () => {
    app.mail.rejectNextMessages(1);
    await admin.goto(`${app.url}/admin/users`);
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await admin.getByRole('button', { name: 'Invite a colleague' }).click();
    const invite = admin.getByRole('dialog', { name: 'Invite a colleague' });
    await invite.getByLabel('Name').fill(INVITED.name);
    await invite.getByLabel('Email').fill(INVITED.email);
    await invite.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: /^Staff/ }).click();
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await invite.waitFor({ state: 'hidden' });

    // The worker tries, the sink refuses; the list follows by itself and says so in words.
    const row = admin.getByRole('row').filter({ hasText: INVITED.email });
    await row.getByText('Email failed', { exact: true }).waitFor({ timeout: 15_000 });
    await row.getByText(/The mail server refused this email/).waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).not.toMatch(/\b550\b|permanent|Mailbox unavailable/);
    expect(app.mail.to(INVITED.email)).toHaveLength(0);
    await expectAccessible(admin);

    await row.getByRole('button', { name: `Copy invitation link for ${INVITED.name}` }).click();
    const dialog = admin.getByRole('dialog', { name: `Invitation link for ${INVITED.name}` });
    await dialog.getByText(/Any earlier link, including one in an email, stops working/).waitFor();
    await dialog.getByRole('button', { name: 'Make the link' }).click();
    const field = dialog.getByLabel('Invitation link');
    await field.waitFor();
    const link = await field.inputValue();
    expect(link).toMatch(/^https?:\/\/\S+\/accept-invitation\?token=[A-Za-z0-9_-]+$/);
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await dialog.getByRole('button', { name: 'Link copied' }).waitFor();
    await expect(admin.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    await expectAccessible(admin, '[role="dialog"]');
    await screenshot(admin, 'admin-invitation-link', { fullPage: false });

    // At 360 px the dialog and its link fit.
    await admin.setViewportSize({ width: 360, height: 740 });
    await expect(fitsWidth(admin)).resolves.toBe(true);
    await admin.setViewportSize({ width: 1280, height: 900 });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Pat opens the link the admin handed over (it names PUBLIC_URL; the test app is on another port).
    const patContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const { page: pat, problems: patProblems } = await newPage(patContext);
    const { pathname, search } = new URL(link);
    await pat.goto(`${app.url}${pathname}${search}`);
    await pat.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
    await pat.getByLabel(PASSWORD_LABEL).fill(INVITED.password);
    await pat.getByLabel('Password again').fill(INVITED.password);
    await pat.getByRole('button', { name: 'Save password and sign in' }).click();
    await pat.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    expect(patProblems).toEqual([]);
    await patContext.close();

    // Signed in now: no more link to copy.
    await admin.reload();
    await row.getByText('Active', { exact: true }).waitFor();
    await expect(row.getByRole('button', { name: /^Copy invitation link/ }).count()).resolves.toBe(0);
  });
});
