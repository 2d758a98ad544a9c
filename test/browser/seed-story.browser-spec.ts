import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { CASA, COLLEGE_PREP, DEMO_ORGANIZATIONS, FOOD_BANK, SHELTER } from '../../src/demo/demo-data';
import { DEMO_PROGRAMS, DEMO_TIMEZONE, DEMO_VISITS, DROP_IN } from '../../src/demo/demo-outreach';
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
 * Issue 7's "done when", in Chromium against a fresh app with its worker, as `npm start` runs it:
 * a new user opens Tandem, creates the first admin, loads the demo data, and does the whole
 * story of shared/seeds/ by clicking (a youth shelter with weekly afternoon drop-ins and morning
 * visits handing out invitations; feedback from the young people acted on; the manager's view of
 * who needs attention, which priority audience no partner serves, and whom to introduce).
 *
 * Nothing is built through the API: every step is clicked, and the API (with the admin's token)
 * is only read afterwards to assert what the click stored. The tests run in order as one story.
 */
const ADMIN = {
  name: 'Rosa Delgado-Admin',
  email: 'rosa.admin@library.test',
  password: 'teen services at the branch 2026',
};
/** The demo library is in Seattle: so is the librarian's browser. */
const SEATTLE = { locale: 'en-US', timezoneId: DEMO_TIMEZONE };
const DESKTOP = { ...SEATTLE, viewport: { width: 1280, height: 900 } };
const PHONE = { ...SEATTLE, viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 };
const VISIT = {
  invitations: 30,
  reached: 21,
  met: 'Keisha Morgan (Day program coordinator)',
  notes: 'Chatted over breakfast; two new residents asked whether they need ID for the drop-in.',
};
const ATTENDED = 16;
const YOUTH_SAID = 'Charging my phone and the snacks. Nobody looked at me weird.';
const ACTION = 'Asked for the teen room until 5:30 pm on Wednesdays; the branch agreed from next month.';

interface Session {
  id: string;
  startsAt: string;
  attendance: number | null;
  cancelled: boolean;
  version: number;
}

describe('The seed story, by clicking, on a fresh Tandem with the demo data', () => {
  let app: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let token: string;
  let adminId: string;
  let shelterId: string;
  let dropInId: string;

  const api = () => request(app.http);
  const get = async (path: string, query: Record<string, string | number> = {}) =>
    (
      await api()
        .get(`/api/v1${path}`)
        .query(query)
        .set({ Authorization: `Bearer ${token}` })
        .expect(200)
    ).body;
  const nav = (target: Page) => target.getByRole('navigation', { name: 'Main' });

  /** A whole-page screenshot from the top (the header is fixed; a scrolled page would show it midway). */
  async function shot(target: Page, name: string): Promise<void> {
    await target.evaluate(() => window.scrollTo(0, 0));
    await screenshot(target, name);
  }

  /** From the home address, which leads to the sign-in screen first. */
  async function signIn(target: Page): Promise<void> {
    await target.goto(`${app.url}/`);
    await target.waitForURL(/\/sign-in/);
    await submitSignIn(target, ADMIN);
    await target.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
  }

  beforeAll(async () => {
    // With the worker and `npm start`'s pool of 10 connections (the harness's 5 can run out while the demo's
    // closures queue reminder reconciles that wait on each other's advisory lock: ReminderPlanner.reconcile).
    [app, browser] = await Promise.all([
      serveApp({ worker: true, env: { DATABASE_POOL_SIZE: '10' } }),
      launchBrowser(),
    ]);
    context = await browser.newContext(DESKTOP);
    ({ page, problems } = await newPage(context));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    // No script error and no Content-Security-Policy refusal anywhere in the story.
    expect(problems).toEqual([]);
  });

  it('a new user opens Tandem, is sent to sign in, creates the first admin and is signed in', async () => {
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole('link', { name: 'Create the first admin account' }).click();
    await page.waitForURL(/\/setup$/);
    await page.getByRole('heading', { level: 1, name: 'Set up Tandem' }).waitFor();
    await page.getByLabel('Your name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel(PASSWORD_LABEL).fill(ADMIN.password);
    await page.getByLabel('Password again').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.waitForURL(/\/organizations$/);
    await page.getByRole('status').filter({ hasText: 'No partners yet.' }).waitFor();
    await page.getByRole('button', { name: `Account: ${ADMIN.name} Admin` }).waitFor();

    const login = await api()
      .post('/api/v1/auth/login')
      .send({ email: ADMIN.email, password: ADMIN.password })
      .expect(200);
    token = login.body.accessToken;
    adminId = login.body.user.id;
    expect(login.body.user).toMatchObject({ email: ADMIN.email, name: ADMIN.name, role: 'admin' });
    const users = await get('/users');
    expect(users.data.map((user: { email: string }) => user.email)).toEqual([ADMIN.email]);
  });

  it('the admin loads the demo data from Administration → Demo data and waits for the summary', async () => {
    await nav(page).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Demo data' }).click();
    await page.getByRole('heading', { level: 1, name: 'Demo data' }).waitFor();
    await page.getByRole('button', { name: 'Load the demo data' }).click();
    await page.getByRole('dialog', { name: 'Load the demo data?' }).getByRole('button', { name: 'Load it' }).click();
    const loaded = page.getByRole('status').getByText('The demo data is loaded');
    const refused = page.getByRole('alert').filter({ hasText: /was not loaded|Already being loaded/ });
    // When it fails or hangs, the API's status says where it stopped.
    const stopped = async (why: string) => new Error(`${why} — ${JSON.stringify(await get('/demo-data'))}`);
    try {
      await loaded.or(refused).waitFor({ timeout: 30_000 });
    } catch {
      throw await stopped('Not loaded within 30 s');
    }
    if (await refused.isVisible()) throw await stopped(await refused.innerText());
    const summary = await page
      .getByRole('status')
      .getByText(/^\d+ records added: /)
      .innerText();

    const status = await get('/demo-data');
    expect(status).toMatchObject({ status: 'done', error: null });
    const organizations = await get('/organizations', { limit: 1 });
    expect(organizations.meta.total).toBe(DEMO_ORGANIZATIONS.length);
    expect(summary).toContain(`${DEMO_ORGANIZATIONS.length} organizations`);
    const programs = await get('/programs', { limit: 100 });
    expect(programs.meta.total).toBe(DEMO_PROGRAMS.length);
    dropInId = programs.data.find((program: { name: string }) => program.name === DROP_IN).id;
  });

  it('on a phone at the shelter: finds it by typing in the directory, opens it (health, check-in, contacts) and logs the morning visit with its invitations', async () => {
    const phone = await browser.newContext(PHONE);
    const { page: librarian, problems: phoneProblems } = await newPage(phone);
    await signIn(librarian);

    await librarian.getByRole('searchbox', { name: 'Search partners' }).pressSequentially('harbor');
    await librarian.waitForURL(/\?q=harbor$/);
    const found = await get('/organizations', { q: 'harbor', limit: 1 });
    await librarian
      .getByRole('status')
      .filter({ hasText: `${found.meta.total} ${found.meta.total === 1 ? 'partner' : 'partners'} found` })
      .waitFor();
    expect(await fitsWidth(librarian)).toBe(true);
    await librarian.getByRole('link', { name: SHELTER }).click();
    await librarian.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
    shelterId = librarian.url().split('/').pop()!;
    await librarian.getByRole('heading', { level: 1, name: SHELTER }).waitFor();

    // Health: the score and what drives it, as the API computes them.
    const health = await get(`/organizations/${shelterId}/health`);
    const healthSection = librarian.getByRole('region', { name: 'Partnership health' });
    await healthSection.getByText('/ 100').waitFor();
    expect((await healthSection.getByText('/ 100').locator('..').innerText()).replace(/\s+/g, ' ')).toBe(
      `${health.score} / 100`,
    );
    for (const driver of health.drivers as string[]) await healthSection.getByText(driver, { exact: true }).waitFor();
    // The answered check-in: both sides answered; resources reads as the concern.
    const checkIn = librarian.getByRole('region', { name: 'Check-ins' }).getByTestId('check-in').first();
    await checkIn.getByText(/Library owner: Answered /).waitFor();
    await expect(checkIn.getByRole('row', { name: /Resources/ }).innerText()).resolves.toMatch(/Concern/);
    // Contacts, with how to reach them (an admin may see them).
    const contacts = librarian.getByRole('region', { name: 'Contacts' });
    await contacts.getByText('Dana Whitfield').waitFor();
    await expect(contacts.getByRole('link', { name: 'dwhitfield@harborhouse.example.org' }).isVisible()).resolves.toBe(
      true,
    );
    expect(await fitsWidth(librarian)).toBe(true);
    await expectAccessible(librarian);

    // "Log a visit" from the shelter's page: partner, now and me already filled in.
    await librarian.getByRole('main').getByRole('link', { name: 'Log a visit' }).click();
    await librarian.waitForURL(
      (url) => url.pathname === '/log-visit' && url.searchParams.get('organizationId') === shelterId,
    );
    await librarian.waitForFunction(
      (name) => [...document.querySelectorAll('input')].some((input) => input.value === name),
      SHELTER,
    );
    await librarian.getByRole('radio', { name: 'Handing out invitations' }).click();
    await librarian.getByRole('textbox', { name: 'Invitations handed out' }).fill(String(VISIT.invitations));
    await librarian.getByRole('textbox', { name: 'People reached' }).fill(String(VISIT.reached));
    await librarian.getByRole('checkbox', { name: VISIT.met }).check();
    await librarian.getByRole('textbox', { name: 'Notes' }).fill(VISIT.notes);
    // For this afternoon's drop-in.
    await librarian.getByRole('button', { name: /^More details/ }).click();
    // Used once the panel has opened: while it slides open it clips its fields, and a dropdown opened then stays hidden.
    await librarian.waitForFunction(() =>
      [...document.querySelectorAll<HTMLElement>('.mantine-Accordion-panel')].some(
        (panel) => panel.getAttribute('aria-hidden') === 'false' && panel.style.overflow === '',
      ),
    );
    await librarian.getByRole('textbox', { name: 'Where' }).fill('Harbor House, common room');
    await librarian.getByRole('combobox', { name: 'Program' }).fill('drop-in');
    await librarian.getByRole('option', { name: DROP_IN }).click();
    expect(await fitsWidth(librarian)).toBe(true);
    await expectAccessible(librarian);
    await shot(librarian, 'story-visit-phone');
    const before = Date.now();
    await librarian.getByRole('button', { name: 'Save visit' }).click();
    await librarian.getByRole('heading', { name: 'Visit saved' }).waitFor();
    await librarian
      .getByRole('status')
      .filter({ hasText: `${VISIT.invitations} invitations handed out · ${VISIT.reached} people reached` })
      .waitFor();

    const visits = await get('/visits', { organizationId: shelterId, sort: '-createdAt', limit: 1 });
    expect(visits.meta.total).toBe(DEMO_VISITS.filter((visit) => visit.organization === SHELTER).length + 1);
    const contactList = await get('/contacts', { organizationId: shelterId, limit: 100 });
    const keisha = contactList.data.find((contact: { name: string }) => contact.name === 'Keisha Morgan');
    expect(visits.data[0]).toMatchObject({
      organizationId: shelterId,
      purpose: 'invitations',
      invitationsHandedOut: VISIT.invitations,
      peopleReached: VISIT.reached,
      staffIds: [adminId],
      contactIds: [keisha.id],
      programId: dropInId,
      location: 'Harbor House, common room',
      notes: VISIT.notes,
    });
    expect(Date.parse(visits.data[0].visitedAt)).toBeGreaterThanOrEqual(before - 5_000);
    expect(Date.parse(visits.data[0].visitedAt)).toBeLessThanOrEqual(Date.now() + 5_000);

    // Back on the shelter's page, it is the latest visit.
    await librarian.getByRole('link', { name: `Back to ${SHELTER}` }).click();
    await librarian
      .getByRole('region', { name: 'Visits' })
      .getByText(`${VISIT.invitations} invitations handed out`)
      .first()
      .waitFor();
    expect(phoneProblems).toEqual([]);
    await phone.close();
  });

  it('opens the Wednesday drop-in and records attendance for its latest past session that has none', async () => {
    // What the librarian will find: the latest session already held (started before now), not cancelled, with no head count.
    const now = Date.now();
    const recent: Session[] = (
      await get(`/programs/${dropInId}/sessions`, {
        from: new Date(now - 40 * 86_400_000).toISOString(),
        to: new Date(now).toISOString(),
      })
    ).data;
    const target = recent
      .filter((session) => !session.cancelled && session.attendance === null && Date.parse(session.startsAt) <= now)
      .at(-1)!;
    expect(target).toBeDefined();
    const day = new Intl.DateTimeFormat('en-US', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: DEMO_TIMEZONE,
    }).format(new Date(target.startsAt));

    await nav(page).getByRole('link', { name: 'Programs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
    await page.getByRole('link', { name: DROP_IN }).click();
    await page.getByRole('heading', { level: 1, name: DROP_IN }).waitFor();
    await page
      .getByTestId('schedule-sentence')
      .filter({ hasText: /^Every Wednesday 3:30\s+–\s+5:00\s+PM/ })
      .waitFor();

    // One month at a time: the librarian looks in this month, and in the one before when nothing here waits for a count.
    const unrecorded = page.locator('[data-testid="session"][data-state="unrecorded"]');
    await page
      .getByRole('status')
      .filter({ hasText: /sessions?|No sessions this month/ })
      .first()
      .waitFor();
    await page.getByTestId('session').first().waitFor();
    if ((await unrecorded.count()) === 0) {
      await page.getByRole('button', { name: /^Previous month/ }).click();
      await unrecorded.first().waitFor();
    }
    // The latest one waiting for a count is the session the API says; once saved it is "held", so find it by its day from here on.
    await expect(unrecorded.last().getByText(day, { exact: true }).isVisible()).resolves.toBe(true);
    const row = page.getByTestId('session').filter({ has: page.getByText(day, { exact: true }) });
    await row.getByRole('textbox', { name: `Attended on ${day}` }).fill(String(ATTENDED));
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Saved.').waitFor();
    await expect(row.getAttribute('data-state')).resolves.toBe('held');

    const after: Session[] = (
      await get(`/programs/${dropInId}/sessions`, {
        from: new Date(Date.parse(target.startsAt) - 3_600_000).toISOString(),
        to: new Date(Date.parse(target.startsAt) + 3_600_000).toISOString(),
      })
    ).data;
    expect(after).toEqual([
      expect.objectContaining({ id: target.id, attendance: ATTENDED, version: target.version + 1, cancelled: false }),
    ]);
    await expectAccessible(page);
    await shot(page, 'story-drop-in-attendance');
  });

  it('records what was done about a young person’s feedback on the drop-in that needed action', async () => {
    const waiting = await get('/feedback', { needsAction: 'true', source: 'youth', programId: dropInId, limit: 100 });
    const feedback = waiting.data.find((item: { worked: string }) => item.worked === YOUTH_SAID);
    expect(feedback).toMatchObject({ actionTaken: null, version: 1 });

    await nav(page).getByRole('link', { name: 'Feedback' }).click();
    await page.getByRole('heading', { level: 1, name: 'Feedback' }).waitFor();
    const everything = await get('/feedback', { needsAction: 'true', limit: 1 });
    await page
      .getByRole('status')
      .filter({ hasText: `${everything.meta.total} need action` })
      .waitFor();
    await page.getByRole('combobox', { name: 'From' }).click();
    await page.getByRole('option', { name: 'Young person' }).click();
    await page.getByRole('combobox', { name: 'Program' }).click();
    await page.getByRole('option', { name: DROP_IN }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('source') === 'youth' && url.searchParams.get('programId') === dropInId,
    );
    const count = waiting.meta.total;
    await page
      .getByRole('status')
      .filter({ hasText: `${count} ${count === 1 ? 'needs' : 'need'} action` })
      .waitFor();
    await expectAccessible(page);

    const card = page.getByRole('article').filter({ hasText: YOUTH_SAID });
    await card.getByRole('textbox', { name: 'Action taken' }).fill(ACTION);
    await shot(page, 'story-feedback-action');
    await card.getByRole('button', { name: 'Save action' }).click();
    const left = count - 1;
    await page
      .getByRole('status')
      .filter({ hasText: left === 0 ? 'Nothing needs action' : `${left} ${left === 1 ? 'needs' : 'need'} action` })
      .waitFor();
    await expect(page.getByRole('article').filter({ hasText: YOUTH_SAID }).count()).resolves.toBe(0);

    const saved = await get(`/feedback/${feedback.id}`);
    expect(saved).toMatchObject({ actionTaken: ACTION, version: 2 });
    expect((await get('/feedback', { needsAction: 'true', limit: 1 })).meta.total).toBe(everything.meta.total - 1);
  });

  it('the manager’s dashboard reads: the food bank first and dormant, youth in foster care uncovered, Casa Esperanza to Next Step first; then all introductions', async () => {
    const dashboard = await get('/dashboard/health');
    const worst = dashboard.data[0];
    expect(worst).toMatchObject({ name: FOOD_BANK, band: 'dormant' });
    const silence = (worst.drivers as string[]).find((driver) => /^No contact in \d+ days$/.test(driver));
    expect(silence).toBeDefined();

    await nav(page).getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partnership dashboard' }).waitFor();
    const first = page.getByRole('region', { name: 'Partners, worst first' }).getByTestId('portfolio-row').first();
    await first.waitFor();
    await expect(first.getByRole('link').first().innerText()).resolves.toBe(FOOD_BANK);
    await expect(first.innerText()).resolves.toContain('Dormant');
    await expect(first.innerText()).resolves.toContain(silence!);

    const coverage = page.getByRole('region', { name: 'Audience coverage' });
    const uncovered = coverage.getByTestId('coverage-row').first();
    await expect(uncovered.innerText()).resolves.toMatch(/^Youth in foster care\s+High priority\s+Not covered$/);
    await expect(uncovered.getAttribute('data-highlight')).resolves.toBe('true');
    expect(dashboard.audienceCoverage[0]).toMatchObject({
      name: 'Youth in foster care',
      priority: 1,
      activePartners: 0,
    });

    const introductions = page.getByRole('region', { name: 'Suggested introductions' });
    // (Names fill in once the partners are loaded: wait for them rather than read the "…" placeholder.)
    await introductions
      .getByTestId('introduction')
      .first()
      .getByRole('heading', { name: `Introduce ${CASA} to ${COLLEGE_PREP}`, exact: true })
      .waitFor();
    await expectAccessible(page);
    await shot(page, 'story-dashboard');

    // The full list of suggestions, the same one first.
    const matches = await get('/matches', { limit: 1 });
    await introductions.getByRole('link', { name: /suggestions/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Suggested introductions' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^1–\\d+ of ${matches.meta.total} suggestions$`) })
      .waitFor();
    await page
      .getByTestId('introduction')
      .first()
      .getByRole('heading', { level: 2, name: `Introduce ${CASA} to ${COLLEGE_PREP}`, exact: true })
      .waitFor();
    await expectAccessible(page);
  });
});
