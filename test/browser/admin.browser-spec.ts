import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { SHELTER } from '../../src/demo/demo-data';
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

/**
 * Administration and onboarding in Debian's Chromium against the real app (with its worker, so
 * invitation emails really go out to the SMTP sink). In order, as an admin's first hour: invite a
 * colleague who accepts by the emailed link, change a role, add an audience, tune the health
 * score, load the demo data; then what a staff member sees, and one's own account.
 */
const ADMIN = { name: 'Maya Chen', email: 'maya@library.test', password: 'the branch manager 2026' };
const INVITED = { name: 'Kim Lee', email: 'kim@library.test', password: 'outreach on wheels 2026' };
const STAFF = { name: 'Sam Staff', email: 'sam@library.test', password: 'shelving and smiling 2026' };
const credentials = ({ email, password }: { email: string; password: string }) => ({ email, password });

describe('Administration and onboarding in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let adminContext: BrowserContext;
  let admin: Page;
  let adminProblems: string[];
  let adminToken: string;

  const api = () => request(app.http);
  const auth = () => ({ Authorization: `Bearer ${adminToken}` });

  const adminNav = (page: Page) => page.getByRole('navigation', { name: 'Administration' });

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp({ worker: true }), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    adminToken = (await api().post('/api/v1/auth/login').send(credentials(ADMIN)).expect(200)).body.accessToken;
    adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ page: admin, problems: adminProblems } = await newPage(adminContext));
    await signIn(admin, app, ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    expect(adminProblems).toEqual([]);
  });

  it('an admin invites a colleague; the emailed link opens the page to choose a password, which signs them in', async () => {
    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await admin.waitForURL(`${app.url}/admin/users`);
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await expect(adminNav(admin).getByRole('link', { name: 'Users' }).getAttribute('aria-current')).resolves.toBe(
      'page',
    );

    await admin.getByRole('button', { name: 'Invite a colleague' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Invite a colleague' });
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.getByText('Enter their name').waitFor();
    await dialog.getByLabel('Name').fill(INVITED.name);
    await dialog.getByLabel('Email').fill(INVITED.email);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: /^Staff/ }).click();
    await expectAccessible(admin, '[role="dialog"]');
    await screenshot(admin, 'admin-invite', { fullPage: false });
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.getByRole('status').getByText(`${INVITED.name} is invited`).waitFor();

    // The worker sends it; the list follows the email from queued to sent by itself.
    const [mail] = await app.mail.waitFor(INVITED.email, 1, 10_000);
    const row = admin.getByRole('row').filter({ hasText: INVITED.email });
    await row.getByText(/^Email sent /).waitFor();
    await expect(row.getByText('Not signed in yet').isVisible()).resolves.toBe(true);
    await expect(row.getByText(/^The link works until /).isVisible()).resolves.toBe(true);
    const link = /https?:\/\/\S+\/accept-invitation\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    await expectAccessible(admin);

    // Kim opens the link on her own computer (the emails link to PUBLIC_URL; the test app is on another port).
    const kimContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page: kim, problems } = await newPage(kimContext);
    const { pathname, search } = new URL(link!);
    await kim.goto(`${app.url}${pathname}${search}`);
    await kim.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
    await kim.getByLabel(PASSWORD_LABEL).fill('too short');
    await kim.getByLabel('Password again').fill('too short');
    await kim.getByRole('button', { name: 'Save password and sign in' }).click();
    await kim.getByText('Use at least 12 characters').waitFor();
    await expectAccessible(kim);
    await kim.getByLabel('Your name').fill('Kim S. Lee');
    await kim.getByLabel(PASSWORD_LABEL).fill(INVITED.password);
    await kim.getByLabel('Password again').fill(INVITED.password);
    await screenshot(kim, 'admin-accept-invitation');
    await kim.getByRole('button', { name: 'Save password and sign in' }).click();
    await kim.waitForURL(`${app.url}/organizations`);
    await kim.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    await expect(kim.getByRole('button', { name: 'Account: Kim S. Lee Staff' }).isVisible()).resolves.toBe(true);
    // A staff member: no administration entry.
    expect(
      await kim.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).count(),
    ).toBe(0);

    // The link worked once: opened again, it says so in words.
    await kimContext.clearCookies();
    await kim.goto(`${app.url}${pathname}${search}`);
    await kim.getByLabel(PASSWORD_LABEL).fill('another long pass phrase');
    await kim.getByLabel('Password again').fill('another long pass phrase');
    await kim.getByRole('button', { name: 'Save password and sign in' }).click();
    await kim.getByText('This link is invalid, already used or expired. Ask an admin to send you a new one.').waitFor();
    expect(problems).toEqual([]);
    await kimContext.close();

    await api().post('/api/v1/auth/login').send(credentials(INVITED)).expect(200);
    await admin.reload();
    await row.getByText('Active', { exact: true }).waitFor();
    await expect(row.getByRole('paragraph').filter({ hasText: 'Kim S. Lee' }).isVisible()).resolves.toBe(true);
  });

  it('the admin makes the colleague a manager and adds an audience', async () => {
    await admin.goto(`${app.url}/admin/users`);
    await admin.getByRole('button', { name: 'Edit Kim S. Lee' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Edit Kim S. Lee' });
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await admin.getByRole('option', { name: /^Manager/ }).click();
    await expectAccessible(admin, '[role="dialog"]');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.getByRole('status').getByText('Kim S. Lee: now Manager.').waitFor();
    expect(await app.dataSource.query(`SELECT role FROM users WHERE email = $1`, [INVITED.email])).toEqual([
      { role: 'manager' },
    ]);
    await expect(
      admin
        .getByRole('row')
        .filter({ hasText: INVITED.email })
        .getByRole('cell', { name: 'Manager', exact: true })
        .isVisible(),
    ).resolves.toBe(true);
    await screenshot(admin, 'admin-users');

    await adminNav(admin).getByRole('link', { name: 'Audiences' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Audiences' }).waitFor();
    await admin.getByText('None yet.').waitFor();
    await admin.getByRole('button', { name: 'Add an audience' }).click();
    const add = admin.getByRole('dialog', { name: 'Add an audience' });
    await add.getByLabel('Name').fill('Young people in foster care');
    await add.getByLabel('Description').fill('Aged 14–21, placed in the county');
    await add.getByRole('radio', { name: '1 — high' }).check();
    await add.getByLabel('Estimated population').fill('340');
    await add.getByLabel('Source').fill('2025 community analysis');
    await expectAccessible(admin, '[role="dialog"]');
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await add.waitFor({ state: 'hidden' });
    const audience = admin.getByRole('row').filter({ hasText: 'Young people in foster care' });
    await audience.getByText('1 — high').waitFor();
    await expect(audience.getByRole('cell', { name: '340' }).isVisible()).resolves.toBe(true);
    expect(await app.dataSource.query(`SELECT name, priority, estimated_population, source FROM audiences`)).toEqual([
      {
        name: 'Young people in foster care',
        priority: 1,
        estimated_population: 340,
        source: '2025 community analysis',
      },
    ]);

    // Names are unique ignoring case: said next to the name, nothing added.
    await admin.getByRole('button', { name: 'Add an audience' }).click();
    await add.getByLabel('Name').fill('YOUNG PEOPLE IN FOSTER CARE');
    await add.getByRole('button', { name: 'Add', exact: true }).click();
    await add.getByText('There is already an audience with this name (names ignore upper and lower case).').waitFor();
    await add.getByRole('button', { name: 'Cancel' }).click();
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM audiences`)).toEqual([{ n: 1 }]);
    await expectAccessible(admin);
    await screenshot(admin, 'admin-audiences');

    await adminNav(admin).getByRole('link', { name: 'Skills & resources' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Skills & resources' }).waitFor();
    await expectAccessible(admin);
  });

  it('the admin changes a health weight: the live sum says what is off, the server’s rules are said in words, then it saves', async () => {
    await adminNav(admin).getByRole('link', { name: 'Settings' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const health = admin.getByRole('region', { name: 'Partnership health score' });
    const sum = health.locator('#weights-sum');
    await expect(sum.innerText()).resolves.toBe('The weights add up to 100.');

    await health.getByLabel('Contact recency').fill('30');
    await expect(sum.innerText()).resolves.toBe('The weights add up to 105: take 5 away to get back to 100.');
    await health.getByRole('button', { name: 'Save health settings' }).click();
    await health.getByText('Not saved: fix the values marked below.').waitFor();
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM settings`)).toEqual([{ n: 0 }]);
    await admin.evaluate(() => window.scrollTo(0, 0));
    await screenshot(admin, 'admin-settings');

    // The order of the bands is the server's rule: its 400 comes back next to the box.
    await health.getByLabel('Fit').fill('5');
    await expect(sum.innerText()).resolves.toBe('The weights add up to 100.');
    await health.getByLabel('Steady from').fill('80');
    await health.getByRole('button', { name: 'Save health settings' }).click();
    await health.getByText('Must be below thriving (75)').waitFor();
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM settings`)).toEqual([{ n: 0 }]);
    await expectAccessible(admin);

    await health.getByLabel('Steady from').fill('50');
    await health.getByRole('button', { name: 'Save health settings' }).click();
    await health.getByText('Saved. Scores use the new settings from now on.').waitFor();
    const [stored] = await app.dataSource.query(`SELECT value, version FROM settings WHERE key = 'health'`);
    expect(stored).toMatchObject({
      version: 2,
      value: { weights: { recency: 30, fit: 5 }, bands: { thriving: 75, steady: 50, atRisk: 25 } },
    });

    // Someone else saved meanwhile: a 409, said in words, and the form shows their values.
    await api()
      .patch('/api/v1/settings/health')
      .set(auth())
      .send({ version: 2, weights: { recency: 25, fit: 10 } })
      .expect(200);
    await health.getByLabel('Feedback').fill('20');
    await health.getByLabel('Attendance trend').fill('10');
    await health.getByRole('button', { name: 'Save health settings' }).click();
    await health.getByText(/^Someone changed these settings since you opened this page\./).waitFor();
    await expect(health.getByLabel('Contact recency').inputValue()).resolves.toBe('25');
    expect((await app.dataSource.query(`SELECT version FROM settings WHERE key = 'health'`))[0].version).toBe(3);

    const checkIns = admin.getByRole('region', { name: 'Partnership check-ins' });
    await checkIns.getByLabel('Time to answer').fill('14');
    await checkIns.getByLabel('First check-in after').fill('60');
    await checkIns.getByRole('button', { name: 'Save check-in settings' }).click();
    await checkIns.getByText('Saved.').waitFor();
    expect((await app.dataSource.query(`SELECT value FROM settings WHERE key = 'check-ins'`))[0].value).toMatchObject({
      respondWithinDays: 14,
      firstAfterDays: 60,
    });
    await expectAccessible(admin);
  });

  it('the admin loads the demo data from the app and finds the demo partners in the directory', async () => {
    await adminNav(admin).getByRole('link', { name: 'Demo data' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Demo data' }).waitFor();
    await expectAccessible(admin);
    await admin.getByRole('button', { name: 'Load the demo data' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Load the demo data?' });
    await confirm.waitFor();
    await expectAccessible(admin, '[role="dialog"]');
    await confirm.getByRole('button', { name: 'Load it' }).click();
    const done = admin.getByRole('status').getByText('The demo data is loaded');
    await done.waitFor({ timeout: 30_000 });
    await admin
      .getByRole('status')
      .getByText(/^\d+ records added: .*organizations/)
      .waitFor();
    await admin.getByRole('button', { name: 'What was done, step by step' }).click();
    await admin.getByText('Acting as the signed-in admin').waitFor();
    await expectAccessible(admin);
    await screenshot(admin, 'admin-demo-data');

    await admin.getByRole('link', { name: 'Open the partner directory' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    await admin.getByRole('link', { name: SHELTER }).waitFor();

    // Loading it again adds nothing: test/e2e/demo-data.e2e-spec.ts.
  });

  it('a staff member gets no administration navigation, and the 403 page at its addresses', async () => {
    await api()
      .post('/api/v1/users')
      .set(auth())
      .send({ ...STAFF, role: 'staff' })
      .expect(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    expect(
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).count(),
    ).toBe(0);
    for (const path of ['/admin/users', '/admin/settings', '/admin/audiences', '/admin']) {
      await page.goto(`${app.url}${path}`);
      await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
      expect(await page.getByRole('button', { name: 'Invite a colleague' }).count()).toBe(0);
    }
    await expectAccessible(page);
    await screenshot(page, 'admin-forbidden');

    // A manager sees the vocabularies but not the users.
    await context.clearCookies();
    await signIn(page, app, INVITED);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await page.waitForURL(`${app.url}/admin/audiences`);
    await page.getByRole('heading', { level: 1, name: 'Audiences' }).waitFor();
    const sections = await adminNav(page).getByRole('link').allInnerTexts();
    expect(sections).toEqual(expect.arrayContaining(['Audiences', 'Skills & resources']));
    for (const adminOnly of ['Users', 'Settings', 'Demo data']) expect(sections).not.toContain(adminOnly);
    await page.goto(`${app.url}/admin/users`);
    await page.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('your account: a new name shows at once; a wrong current password is said in words, a right one changes it', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('menuitem', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByLabel('Name').fill('Sam Q. Staff');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await profile.getByText('Saved.').waitFor();
    await page.getByRole('button', { name: 'Account: Sam Q. Staff Staff' }).waitFor();

    const password = page.getByRole('region', { name: 'Password' });
    await password.getByLabel('Current password').fill('not my password at all');
    await password.getByLabel(/^New password\s*\*?$/).fill('a brand new pass phrase');
    await password.getByLabel('New password again').fill('a brand new pass phrase');
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('That is not your current password.').waitFor();
    await password.getByLabel('Current password').fill(STAFF.password);
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText(/^Password changed\./).waitFor();
    await api()
      .post('/api/v1/auth/login')
      .send({ email: STAFF.email, password: 'a brand new pass phrase' })
      .expect(200);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'account-phone');
    expect(problems).toEqual([]);
    await context.close();
  });
});
