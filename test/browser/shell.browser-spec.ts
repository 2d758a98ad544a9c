import type { Browser, Page, Response } from 'playwright-core';
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
 * What every screen shares, in Chromium against the real app: the folded navigation on a phone
 * (out of the tab order and the accessibility tree until opened), colleagues chosen and named for
 * every role from the team list (GET /users/directory), and screens loaded as separate chunks
 * under the server's Content-Security-Policy.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const BEN = { name: 'Ben Colleague', email: 'ben@library.test', password: 'drop-ins on thursday evenings' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const PARTNER = 'Harbor House Youth Shelter';
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

describe('The shell in the browser: navigation, colleagues, chunks', () => {
  let app: ServedApp;
  let browser: Browser;
  let staffToken: string;
  let staffId: string;
  let benId: string;
  let partnerId: string;

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** Presses Tab `count` times; for each stop, "nav: <name>" inside the main navigation, else its name. */
  async function tabStops(page: Page, count: number): Promise<string[]> {
    const stops: string[] = [];
    for (let i = 0; i < count; i += 1) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return '(body)';
          const label = (element as HTMLInputElement).labels?.[0]?.innerText;
          const name = (element.getAttribute('aria-label') ?? label ?? (element.innerText || element.tagName))
            .trim()
            .split('\n')[0];
          return element.closest('#main-navigation') ? `nav: ${name}` : name;
        }),
      );
    }
    return stops;
  }

  /** The names of the links in Chromium's own accessibility tree (what a screen reader gets), without ignored nodes. */
  async function accessibleLinks(page: Page): Promise<string[]> {
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
    };
    await cdp.detach();
    return nodes.filter((node) => !node.ignored && node.role?.value === 'link').map((node) => node.name?.value ?? '');
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    const { token: adminToken } = await apiSignIn(app, ADMIN);
    for (const [who, role] of [
      [STAFF, 'staff'],
      [BEN, 'staff'],
      [VIEWER, 'viewer'],
    ] as const) {
      await api()
        .post('/api/v1/users')
        .set(as(adminToken))
        .send({ ...who, role })
        .expect(201);
    }
    ({ token: staffToken, id: staffId } = await apiSignIn(app, STAFF));
    ({ id: benId } = await apiSignIn(app, BEN));
    // Ben looks after the partner: Sam and the viewer should see his name, not "A colleague".
    const partner = await api()
      .post('/api/v1/organizations')
      .set(as(staffToken))
      .send({ name: PARTNER, type: 'Youth shelter', stage: 'active', ownerId: benId })
      .expect(201);
    partnerId = partner.body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('at 360 px the folded navigation is out of the tab order until opened; opened, its links are reachable and Escape folds it', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.getByRole('link', { name: PARTNER }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main', includeHidden: true });
    const logVisitInNav = nav.getByRole('link', { name: 'Log a visit', includeHidden: true });
    await expect(nav.getAttribute('inert')).resolves.toBe('');

    // From the top of the page (the skip link): burger, home link, search, account, then straight into the page.
    await page.locator('a.skip-link').focus();
    const closedStops = await tabStops(page, 6);
    expect(closedStops.slice(0, 5)).toEqual(['Open navigation', 'Tandem', 'Search', 'Account:', 'Add partner']);
    expect(closedStops.filter((stop) => stop.startsWith('nav:'))).toEqual([]);
    // Nor do screen readers find it: the closed navigation is not in the accessibility tree.
    const closedLinks = await accessibleLinks(page);
    expect(closedLinks).toContain(PARTNER);
    expect(closedLinks).not.toContain('Log a visit');
    expect(closedLinks).not.toContain('My tasks');

    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('button', { name: 'Close navigation' }).waitFor();
    await expect(nav.getAttribute('inert')).resolves.toBeNull();
    await expect(page.locator('main').getAttribute('inert')).resolves.toBe('');
    const openStops = await tabStops(page, 6);
    expect(openStops).toContain('nav: Log a visit');
    expect(await accessibleLinks(page)).toEqual(expect.arrayContaining(['Log a visit', 'My tasks']));
    // Open, it covers the page, which is inert meanwhile.
    expect(await accessibleLinks(page)).not.toContain(PARTNER);
    await expect(logVisitInNav.isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'shell-phone-navigation', { fullPage: false });

    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(
      'Open navigation',
    );
    await expect(nav.getAttribute('inert')).resolves.toBe('');

    // Following a link folds it again.
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log a visit' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log a visit' }).waitFor();
    await expect(nav.getAttribute('inert')).resolves.toBe('');
    expect((await tabStops(page, 8)).filter((stop) => stop.startsWith('nav:'))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('on a desktop the navigation is never inert', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await expect(page.getByRole('navigation', { name: 'Main' }).getAttribute('inert')).resolves.toBeNull();
    await page.locator('a.skip-link').focus();
    expect(await tabStops(page, 6)).toContain('nav: Log a visit');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('staff pick colleagues by name: the directory’s owner filter, who went on a visit; everyone sees the names', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    const team = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/users/directory');
    await signIn(page, app, STAFF);
    // The team list carries names and roles, never an email address.
    const body = await (await team).text();
    expect(body).toContain(BEN.name);
    expect(body).not.toContain('@');

    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: PARTNER }) });
    await row.getByRole('cell', { name: BEN.name }).waitFor();
    await page.getByRole('combobox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: BEN.name }).click();
    await page.waitForURL((url) => url.searchParams.get('ownerId') === benId);
    await page.getByRole('status').filter({ hasText: '1 partner found' }).waitFor();
    await expectAccessible(page);

    await page.goto(`${app.url}/log-visit?organizationId=${partnerId}`);
    await page.getByRole('heading', { level: 1, name: 'Log a visit' }).waitFor();
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('input')].some((input) => input.value === name),
      PARTNER,
    );
    await page.getByRole('radio', { name: 'Keeping in touch' }).click();
    await page.getByRole('button', { name: /More details/ }).click();
    // Let the panel finish opening (Mantine's Collapse drops its inline height and overflow then): a
    // dropdown opened from a field the growing panel still clips stays hidden, as floating-ui hides
    // a popover whose anchor is clipped.
    await page.waitForFunction(() => {
      const panel = document.querySelector<HTMLElement>('[id$="-panel-more"]');
      return panel !== null && panel.style.height === '' && panel.style.overflow === '';
    });
    // Typing filters the team list (searchable), as on a phone with a long list.
    const whoWent = page.getByRole('combobox', { name: 'Who went' });
    await whoWent.click();
    await whoWent.pressSequentially('Ben');
    await page.getByRole('option', { name: BEN.name }).click();
    await page.keyboard.press('Escape');
    await expectAccessible(page);
    // From the top: the header is fixed, and a whole-page shot of a scrolled page shows it midway.
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'shell-who-went');
    await page.getByRole('button', { name: 'Save visit' }).click();
    await page.getByRole('heading', { name: 'Visit saved' }).waitFor();
    const visits = await api()
      .get('/api/v1/visits')
      .query({ organizationId: partnerId })
      .set(as(staffToken))
      .expect(200);
    expect(visits.body.data.map((visit: { staffIds: string[] }) => [...visit.staffIds].sort())).toEqual([
      [staffId, benId].sort(),
    ]);
    expect(problems).toEqual([]);
    await context.close();

    // A viewer reads the same names: who looks after the partner, who went.
    const viewerContext = await browser.newContext({ viewport: DESKTOP });
    const viewer = await newPage(viewerContext);
    await signIn(viewer.page, app, VIEWER);
    await viewer.page.goto(`${app.url}/organizations/${partnerId}`);
    await viewer.page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    await viewer.page
      .getByText(`With ${STAFF.name}, ${BEN.name}`)
      .or(viewer.page.getByText(`With ${BEN.name}, ${STAFF.name}`))
      .first()
      .waitFor();
    await expect(viewer.page.getByRole('main').innerText()).resolves.not.toContain('A colleague');
    await expectAccessible(viewer.page);
    expect(viewer.problems).toEqual([]);
    await viewerContext.close();
  });

  it('loads the directory without the other screens’ code, then each screen’s chunk on first visit, within the CSP; success alerts pass contrast', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    // Every script the page fetched, noted as its response arrives (the size is read later).
    const scripts = new Map<string, Response>();
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname.startsWith('/assets/') && pathname.endsWith('.js')) scripts.set(pathname, response);
    });
    await signIn(page, app, ADMIN);
    await page.getByRole('link', { name: PARTNER }).waitFor();
    await page.waitForLoadState('networkidle');
    const atStart = new Set(scripts.keys());
    // The entry chunk (the app's own code for the directory, organization and visit screens) stays small.
    const entry = [...atStart].find((path) => /\/index-[\w-]+\.js$/.test(path))!;
    expect((await scripts.get(entry)!.body()).length).toBeLessThan(200_000);

    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const [link, heading] of [
      ['Programs', 'Programs'],
      ['Reminders', 'Reminders'],
      ['Dashboard', 'Partnership dashboard'],
      ['Administration', 'Users'],
    ]) {
      const before = scripts.size;
      await nav.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      // Its own code arrived only now.
      expect(scripts.size).toBeGreaterThan(before);
    }
    // luxon, rrule and qrcode come with the program screens, not before.
    const programChunks = [...scripts.keys()].filter((path) => !atStart.has(path));
    expect(programChunks.length).toBeGreaterThanOrEqual(4);

    // A green success alert with a title, as contrast checks saw it fail before the theme's darker green.
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partnership dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Send a check-in round' }).click();
    await page
      .getByRole('dialog', { name: 'Send a check-in round' })
      .getByRole('button', { name: 'Send the round' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Check-in round sent' }).waitFor();
    await expectAccessible(page);
    expect(await fitsWidth(page)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
