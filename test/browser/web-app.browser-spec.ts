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
  submitSignIn,
} from './browser';

/**
 * The web app in Debian's Chromium against the real app: the built SPA served by Nest, the API
 * on its own PostgreSQL database and Redis prefix. The tests run in order, as one first day
 * with Tandem: setup, the admin's first partner, then a read-only colleague.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const CONTACT = { name: 'Dana Case-Manager', email: 'dana.casemanager@harbor.example.org', phone: '+1 503 555 0142' };
const PARTNER = 'Harbor House Youth Shelter';
/** "Password" (Mantine adds " *" to required labels), not "Password again". */

describe('Tandem in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let adminContext: BrowserContext;
  let admin: Page;
  let adminProblems: string[];
  let adminToken: string;
  let partnerId: string;

  const api = () => request(app.http);
  const auth = () => ({ Authorization: `Bearer ${adminToken}` });

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ page: admin, problems: adminProblems } = await newPage(adminContext));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    // No script error and no Content-Security-Policy refusal on any screen.
    expect(adminProblems).toEqual([]);
  });

  it('first run: the app leads to sign-in, offers setup and creates the first admin, who lands in the directory', async () => {
    await admin.goto(`${app.url}/`);
    await admin.waitForURL(/\/sign-in$/);
    await expect(admin.getByRole('heading', { level: 1, name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await expectAccessible(admin);
    await screenshot(admin, 'sign-in');

    await admin.getByRole('link', { name: 'Create the first admin account' }).click();
    await admin.waitForURL(/\/setup$/);
    await admin.getByRole('heading', { level: 1, name: 'Set up Tandem' }).waitFor();
    await expectAccessible(admin);

    // The form checks what it can before asking the server.
    await admin.getByRole('button', { name: 'Create admin account' }).click();
    await admin.getByText('Enter your name').waitFor();
    await expectAccessible(admin);
    await admin.getByLabel('Your name').fill(ADMIN.name);
    await admin.getByLabel('Email').fill(ADMIN.email);
    await admin.getByLabel(PASSWORD_LABEL).fill(ADMIN.password);
    await admin.getByLabel('Password again').fill(ADMIN.password);
    await screenshot(admin, 'setup');
    await admin.getByRole('button', { name: 'Create admin account' }).click();

    await admin.waitForURL(/\/organizations$/);
    await admin.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    await admin.getByRole('status').filter({ hasText: 'No partners yet.' }).waitFor();
    await expect(admin.getByRole('button', { name: 'Account: Rosa Librarian Admin' }).isVisible()).resolves.toBe(true);

    const users = await app.dataSource.query(`SELECT email, role FROM users`);
    expect(users).toEqual([{ email: ADMIN.email, role: 'admin' }]);
    const login = await api()
      .post('/api/v1/auth/login')
      .send({ email: ADMIN.email, password: ADMIN.password })
      .expect(200);
    adminToken = login.body.accessToken;
  });

  it('once someone exists, setup is closed: the server says 409 and the app sends people to sign in', async () => {
    const context = await browser.newContext();
    const { page, problems } = await newPage(context);
    await page.goto(`${app.url}/setup`);
    await page.getByLabel('Your name').fill('Someone Else');
    await page.getByLabel('Email').fill('someone@library.test');
    await page.getByLabel(PASSWORD_LABEL).fill('another long pass phrase');
    await page.getByLabel('Password again').fill('another long pass phrase');
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.waitForURL(/\/sign-in\?notice=already-set-up$/);
    await page.getByText('Tandem is already set up.').waitFor();
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM users`)).toEqual([{ n: 1 }]);
    // The sign-in page no longer offers setup once someone exists.
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('link', { name: 'Create the first admin account' }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the admin adds a partner, then finds it by searching the directory; filters and sort stay in the URL', async () => {
    const audience = await api()
      .post('/api/v1/audiences')
      .set(auth())
      .send({ name: 'Youth experiencing homelessness', priority: 1 })
      .expect(201);
    await api()
      .post('/api/v1/audiences')
      .set(auth())
      .send({ name: 'English-language learners', priority: 2 })
      .expect(201);
    await api().post('/api/v1/capabilities').set(auth()).send({ name: 'Meeting space' }).expect(201);
    // Thirty other partners, so the directory has pages and the search has something to tell apart.
    for (let i = 1; i <= 30; i += 1) {
      await api()
        .post('/api/v1/organizations')
        .set(auth())
        .send({
          name: `Community Partner ${String(i).padStart(2, '0')}`,
          stage: i % 2 ? 'active' : 'prospect',
          tags: ['library'],
        })
        .expect(201);
    }

    await admin.reload();
    await admin.getByRole('status').filter({ hasText: '30 partners' }).waitFor();
    await admin.getByRole('button', { name: 'Page 2' }).waitFor();

    await admin.getByRole('button', { name: 'Add partner' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Add a partner' });
    await dialog.waitFor();
    await dialog.getByLabel('Name').fill(PARTNER);
    await dialog.getByLabel('Type').fill('Youth shelter');
    await dialog
      .getByRole('textbox', { name: 'Mission' })
      .fill('Safe beds and case management for young people aged 16–24.');
    await dialog.getByRole('combobox', { name: 'Audiences they serve' }).click();
    await admin.getByRole('option', { name: 'Youth experiencing homelessness' }).click();
    await dialog.getByLabel('Tags').fill('drop-in');
    await dialog.getByLabel('Tags').press('Enter');
    await expectAccessible(admin, '[role="dialog"]');
    await screenshot(admin, 'add-partner', { fullPage: false });
    await dialog.getByRole('button', { name: 'Add partner' }).click();

    await admin.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
    partnerId = admin.url().split('/').pop()!;
    await admin.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    const [saved] = await app.dataSource.query(
      `SELECT name, type, stage, audience_ids, tags, owner_id FROM organizations WHERE id = $1`,
      [partnerId],
    );
    expect(saved).toMatchObject({
      name: PARTNER,
      type: 'Youth shelter',
      stage: 'prospect',
      audience_ids: [audience.body.id],
      tags: ['drop-in'],
    });
    expect(saved.owner_id).not.toBeNull();

    await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partner directory' }).click();
    await admin.waitForURL(/\/organizations$/);
    await admin.getByRole('searchbox', { name: 'Search partners' }).fill('harbor');
    await admin.waitForURL(/\?q=harbor$/);
    await admin.getByRole('status').filter({ hasText: '1 partner found' }).waitFor();
    const rows = admin.getByRole('table').getByRole('row');
    await expect(rows.count()).resolves.toBe(2); // the header and Harbor House
    await expect(rows.nth(1).getByRole('link', { name: PARTNER }).isVisible()).resolves.toBe(true);
    await expectAccessible(admin);

    // Another filter and a sort join the search in the URL, and a reload keeps them all.
    await admin.getByRole('combobox', { name: 'Audience served' }).click();
    await admin.getByRole('option', { name: 'Youth experiencing homelessness' }).click();
    await admin.waitForURL(
      (url) => url.searchParams.get('audienceId') === audience.body.id && url.searchParams.get('q') === 'harbor',
    );
    await admin
      .getByRole('columnheader', { name: /Updated/ })
      .getByRole('button')
      .click();
    await admin.waitForURL((url) => url.searchParams.get('sort') === '-updatedAt');
    await admin.reload();
    await admin.getByRole('status').filter({ hasText: '1 partner found' }).waitFor();
    await expect(admin.getByRole('searchbox', { name: 'Search partners' }).inputValue()).resolves.toBe('harbor');
    await screenshot(admin, 'directory-search');

    await admin.getByRole('button', { name: 'Clear filters' }).click();
    await admin.getByRole('status').filter({ hasText: '31 partners' }).waitFor();
    await admin.getByRole('button', { name: 'Page 2' }).click();
    await admin.waitForURL((url) => url.searchParams.get('page') === '2');
    // 31 partners, 25 a page: page 2 has the last 6.
    await admin.waitForFunction(() => document.querySelectorAll('tbody tr').length === 6);
    await admin.getByRole('button', { name: 'Page 1' }).click();
    await admin.waitForURL((url) => !url.searchParams.has('page'));
    await expectAccessible(admin);
    await screenshot(admin, 'directory');
  });

  it('the organization page shows profile, fit, audiences, contacts, timeline and health; staff change the stage with a reason', async () => {
    await api()
      .post('/api/v1/contacts')
      .set(auth())
      .send({
        organizationId: partnerId,
        ...CONTACT,
        title: 'Case manager',
        isPrimary: true,
        preferredChannel: 'phone',
      })
      .expect(201);
    await api().get(`/api/v1/organizations/${partnerId}`).set(auth()).expect(200);

    await admin.goto(`${app.url}/organizations/${partnerId}`);
    await admin.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    const contacts = admin.getByRole('region', { name: 'Contacts' });
    await contacts.getByText(CONTACT.name).waitFor();
    await expect(contacts.getByRole('link', { name: CONTACT.email }).isVisible()).resolves.toBe(true);
    await expect(contacts.getByRole('link', { name: CONTACT.phone }).isVisible()).resolves.toBe(true);
    // Nothing has happened between us yet: no score, and the panel says what would give it one.
    const health = admin.getByRole('region', { name: 'Partnership health' });
    await health.getByText('Not enough to go on yet').waitFor();
    await expect(health.getByText('/ 100').count()).resolves.toBe(0);
    // The first visit is evidence: scored from then on.
    await api()
      .post('/api/v1/visits')
      .set(auth())
      .send({
        organizationId: partnerId,
        purpose: 'relationship',
        visitedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
      })
      .expect(201);
    await admin.reload();
    await health.getByText('/ 100').waitFor();
    await expect(health.getByText('What drives it').isVisible()).resolves.toBe(true);
    await expect(admin.getByRole('region', { name: 'Fit' }).getByText('Audience reach').isVisible()).resolves.toBe(
      true,
    );
    await expect(
      admin
        .getByRole('region', { name: 'Audiences and skills' })
        .getByText('Youth experiencing homelessness')
        .isVisible(),
    ).resolves.toBe(true);

    await admin.getByRole('button', { name: 'Change stage' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Change stage' });
    await dialog.getByRole('combobox', { name: 'New stage' }).click();
    await admin.getByRole('option', { name: 'Exploring' }).click();
    await dialog.getByLabel('Why?').fill('First meeting with the case manager went well');
    await dialog.getByRole('button', { name: 'Save stage' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin
      .getByRole('region', { name: 'Timeline' })
      .getByText('First meeting with the case manager went well')
      .waitFor();
    const [changed] = await app.dataSource.query(
      `SELECT to_stage AS "to", reason FROM organization_stage_changes WHERE organization_id = $1 ORDER BY changed_at DESC LIMIT 1`,
      [partnerId],
    );
    expect(changed).toEqual({ to: 'exploring', reason: 'First meeting with the case manager went well' });

    await admin.getByRole('textbox', { name: 'Add a note' }).fill('They would like a Spanish-language session.');
    await admin.getByRole('button', { name: 'Save note' }).click();
    await admin
      .getByRole('region', { name: 'Timeline' })
      .getByText('They would like a Spanish-language session.')
      .waitFor();
    await expectAccessible(admin);
    await screenshot(admin, 'organization');
  });

  it('a viewer sees the partner but no contact details and no edit controls', async () => {
    await api()
      .post('/api/v1/users')
      .set(auth())
      .send({ ...VIEWER, role: 'viewer' })
      .expect(201);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await newPage(context);
    // A shared link to the partner: sign-in first, then straight back to it.
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.waitForURL(
      (url) => url.pathname === '/sign-in' && url.searchParams.get('redirect') === `/organizations/${partnerId}`,
    );
    await submitSignIn(page, VIEWER);
    await page.waitForURL(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();

    const contacts = page.getByRole('region', { name: 'Contacts' });
    await contacts.getByText(CONTACT.name).waitFor();
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(CONTACT.email);
    expect(body).not.toContain('555 0142');
    expect(await page.locator('a[href^="mailto:"], a[href^="tel:"]').count()).toBe(0);
    for (const control of ['Change stage', 'Save note', 'Add partner']) {
      expect(await page.getByRole('button', { name: control }).count()).toBe(0);
    }
    expect(await page.getByRole('textbox', { name: 'Add a note' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'organization-viewer');

    await page.getByRole('link', { name: 'Partner directory' }).first().click();
    await page.getByRole('status').filter({ hasText: '31 partners' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add partner' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the session across a reload, refreshes an expired access token silently, and asks an ended session to sign in again over the page', async () => {
    // A reload loses the in-memory token; the httpOnly refresh cookie brings the session back.
    await admin.goto(`${app.url}/organizations/${partnerId}`);
    await admin.getByRole('heading', { level: 1, name: PARTNER }).waitFor();

    // The next API call is refused as if the token had expired: the app refreshes and repeats it.
    let refused = false;
    await admin.route(`**/api/v1/organizations/${partnerId}/health`, async (route) => {
      if (refused) return route.continue();
      refused = true;
      return route.fulfill({
        status: 401,
        contentType: 'application/problem+json',
        body: '{"status":401,"title":"Unauthorized"}',
      });
    });
    const refresh = admin.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh'));
    await admin.reload();
    await admin.getByRole('region', { name: 'Partnership health' }).getByText('/ 100').waitFor();
    expect(refused).toBe(true);
    expect((await refresh).status()).toBe(200);
    await admin.unroute(`**/api/v1/organizations/${partnerId}/health`);

    // Without the cookie the session is over: the next refused call opens the sign-in dialog over
    // the page, and signing in again there goes on where the person was, with its filters.
    await admin.getByRole('link', { name: 'Partner directory' }).first().click();
    await admin.getByRole('searchbox', { name: 'Search partners' }).fill('harbor');
    await admin.getByRole('status').filter({ hasText: '1 partner found' }).waitFor();
    await adminContext.clearCookies();
    const listCall = (url: URL) => url.pathname === '/api/v1/organizations';
    await admin.route(listCall, (route) =>
      route.fulfill({ status: 401, contentType: 'application/problem+json', body: '{"status":401}' }),
    );
    await admin.getByRole('columnheader', { name: /Stage/ }).getByRole('button').click();
    const signInAgain = admin.getByRole('dialog', { name: 'Sign in again' });
    await signInAgain.getByText('Your session ended.').waitFor();
    await admin.unroute(listCall);
    await signInAgain.getByLabel(PASSWORD_LABEL).fill(ADMIN.password);
    await signInAgain.getByRole('button', { name: 'Sign in' }).click();
    await signInAgain.waitFor({ state: 'detached' });
    const here = new URL(admin.url());
    expect([here.pathname, here.searchParams.get('q'), here.searchParams.get('sort')]).toEqual([
      '/organizations',
      'harbor',
      'stage',
    ]);
    await admin.getByRole('status').filter({ hasText: '1 partner found' }).waitFor();
  });

  it('works by keyboard: the skip link, the search box and the rows', async () => {
    await admin.goto(`${app.url}/organizations`);
    await admin.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    await admin.keyboard.press('Tab');
    const skip = admin.getByRole('link', { name: 'Skip to main content' });
    await expect(skip.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await admin.keyboard.press('Enter');
    await expect(admin.evaluate(() => document.activeElement?.closest('main')?.id)).resolves.toBe('main');

    await admin.getByRole('searchbox', { name: 'Search partners' }).focus();
    await admin.keyboard.type('harbor');
    await admin.getByRole('status').filter({ hasText: '1 partner found' }).waitFor();
    await admin.getByRole('link', { name: PARTNER }).focus();
    await admin.keyboard.press('Enter');
    await admin.waitForURL(`${app.url}/organizations/${partnerId}`);
    // The new page's heading takes focus, so a screen reader announces where the link led.
    await admin.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    await expect(admin.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
  });

  it('reads at 360 px wide and at 200 % zoom without sideways scrolling', async () => {
    for (const viewport of [
      { width: 360, height: 780, name: 'phone' },
      { width: 640, height: 450, name: 'zoom-200' },
    ]) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 2 });
      const { page, problems } = await newPage(context);
      await page.goto(`${app.url}/sign-in`);
      await submitSignIn(page, ADMIN);
      await page.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
      await page.getByRole('status').filter({ hasText: '31 partners' }).waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await expectAccessible(page);
      if (viewport.name === 'phone') {
        await screenshot(page, 'directory-phone');
        // The navigation folds behind a button that says what it does.
        await page.getByRole('button', { name: 'Open navigation' }).click();
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Partner directory' }).waitFor();
        await page.getByRole('button', { name: 'Close navigation' }).click();
      }
      await page.goto(`${app.url}/organizations/${partnerId}`);
      await page.getByRole('region', { name: 'Partnership health' }).getByText('/ 100').waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await expectAccessible(page);
      if (viewport.name === 'phone') await screenshot(page, 'organization-phone');
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
