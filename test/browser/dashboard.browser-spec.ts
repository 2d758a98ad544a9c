import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { checkInTokens, OWNER_ANSWERS } from '../factories/check-in.factory';
import { createProgram } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import {
  expectAccessible,
  fitsWidth,
  launchBrowser,
  newPage,
  screenshot,
  serveApp,
  type ServedApp,
  signIn,
} from './browser';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const dateDaysAgo = (days: number) => daysAgo(days).toISOString().slice(0, 10);
const today = () => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);

const ALDER = 'Alder College Access';
const BIRCH = 'Birch Youth Shelter';
const CEDAR = 'Cedar Internship Office';

/**
 * The manager's screens in Chromium against the real app, on a portfolio built through the API
 * (as dashboard.e2e-spec builds it):
 * - Alder, thriving: a weekly program for 12 weeks, steady attendance, glowing feedback, a visit this week; serves Teens; offers coaching.
 * - Birch, fading: a weekly program for 23 weeks, attendance halved, cancellations, poor ratings, three follow-ups overdue; seeks coaching and space.
 * - Cedar, dormant: visited 150 days ago, nothing since; offers meeting space.
 * - Foster youth: a priority-1 audience no active partner serves.
 * Four weekly snapshots give the trend (there is no API to take a snapshot on another day).
 */
describe('The manager’s dashboard in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let manager: SignedIn;
  let staff: SignedIn;
  const ids: Record<string, string> = {};

  const post = async (path: string, body: object, auth = manager.auth) => {
    const response = await request(app.http).post(`/api/v1${path}`).set(auth).send(body);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const pastSessions = (programId: string): Promise<{ id: string; version: number }[]> =>
    app.dataSource.query(
      `SELECT id, version FROM program_sessions WHERE program_id = $1 AND starts_at <= now() ORDER BY starts_at`,
      [programId],
    );
  const patchSession = (id: string, body: object) =>
    request(app.http).patch(`/api/v1/sessions/${id}`).set(manager.auth).send(body).expect(200);

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    manager = await signedInAs(app, Role.Manager, { name: 'Maya Manager' });
    staff = await signedInAs(app, Role.Staff, { name: 'Sam Staff' });

    const audience = async (name: string, priority: number) =>
      (await post('/audiences', { name, priority })).id as string;
    const capability = async (name: string) => (await post('/capabilities', { name })).id as string;
    const teens = await audience('Teens', 1);
    await audience('Foster youth', 1);
    const seniors = await audience('Seniors', 2);
    const coaching = await capability('College application coaching');
    const space = await capability('Meeting space');
    const organization = async (name: string, body: object) =>
      (await post('/organizations', { name, stage: 'active', ownerId: manager.user.id, ...body })).id as string;

    ids.alder = await organization(ALDER, {
      audienceIds: [teens],
      capabilityIds: [coaching],
      fit: { audienceReach: 5, missionOverlap: 5, complementaryResources: 5 },
    });
    const alderProgram = await createProgram(app, manager.auth, {
      startDate: dateDaysAgo(84),
      partners: [{ organizationId: ids.alder, role: 'host' }],
    });
    for (const session of await pastSessions(alderProgram.id))
      await patchSession(session.id, { attendance: 12, version: session.version });
    for (const rating of [5, 5, 4])
      await post('/feedback', { source: 'partner', organizationId: ids.alder, programId: alderProgram.id, rating });
    await post('/visits', { organizationId: ids.alder, purpose: 'relationship', visitedAt: daysAgo(3).toISOString() });

    ids.birch = await organization(BIRCH, {
      audienceIds: [teens],
      seeksCapabilityIds: [coaching, space],
      fit: { audienceReach: 2, missionOverlap: 2, complementaryResources: 2 },
    });
    const birchProgram = await createProgram(app, manager.auth, {
      startDate: dateDaysAgo(161),
      partners: [{ organizationId: ids.birch, role: 'host' }],
    });
    const sessions = await pastSessions(birchProgram.id);
    const cancelled = new Set([9, 10, 11, 12].map((back) => sessions.length - back));
    for (const [index, session] of sessions.entries()) {
      const body = cancelled.has(index) ? { cancelled: true } : { attendance: index >= sessions.length - 8 ? 10 : 20 };
      await patchSession(session.id, { ...body, version: session.version });
    }
    for (const rating of [1, 2, 1])
      await post('/feedback', { source: 'partner', organizationId: ids.birch, programId: birchProgram.id, rating });
    for (const days of [10, 3, 20])
      await post('/tasks', {
        title: `Call Birch back (${days} days late)`,
        dueAt: daysAgo(days).toISOString(),
        organizationId: ids.birch,
      });

    // Nobody owns Cedar and it has no contact: a check-in round has nobody to ask there.
    ids.cedar = (
      await post('/organizations', { name: CEDAR, stage: 'active', audienceIds: [seniors], capabilityIds: [space] })
    ).id;
    await post('/visits', { organizationId: ids.cedar, purpose: 'planning', visitedAt: daysAgo(150).toISOString() });

    const snapshots: [string, number, number, string][] = [
      [ids.alder, 28, 80, 'thriving'],
      [ids.alder, 7, 95, 'thriving'],
      [ids.birch, 28, 72, 'steady'],
      [ids.birch, 21, 66, 'steady'],
      [ids.birch, 14, 60, 'steady'],
      [ids.birch, 7, 52, 'steady'],
      [ids.cedar, 28, 45, 'at-risk'],
      [ids.cedar, 7, 20, 'dormant'],
    ];
    for (const [organizationId, back, score, band] of snapshots) {
      await app.dataSource.query(
        `INSERT INTO health_snapshots (organization_id, taken_at, score, band) VALUES ($1, $2, $3, $4)`,
        [organizationId, new Date(today().getTime() - back * DAY_MS), score, band],
      );
    }

    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ page, problems } = await newPage(context));
    await signIn(page, app, manager.user);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    // No script error and no Content-Security-Policy refusal on any screen.
    expect(problems).toEqual([]);
  });

  it('a manager reads the dashboard: the dormant partner first with its drivers, the uncovered audience highlighted, the first introduction', async () => {
    const matches = (await request(app.http).get('/api/v1/matches').set(manager.auth).expect(200)).body.data as {
      providerId: string;
      seekerId: string;
    }[];
    expect(matches.length).toBeGreaterThanOrEqual(2);
    const nameOf = (id: string) => ({ [ids.alder]: ALDER, [ids.birch]: BIRCH, [ids.cedar]: CEDAR })[id];
    const first = `Introduce ${nameOf(matches[0].providerId)} to ${nameOf(matches[0].seekerId)}`;

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
    await page.waitForURL(`${app.url}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Partnership dashboard' }).waitFor();

    const bands = page.getByRole('region', { name: 'Health bands' });
    await bands.getByTestId('band-dormant').getByText('1', { exact: true }).waitFor();
    await expect(bands.getByTestId('band-thriving').innerText()).resolves.toMatch(/Thriving\s+1/);
    await expect(bands.getByTestId('band-at-risk').innerText()).resolves.toMatch(/At risk\s+1/);

    // Worst first: Cedar (dormant, silent for 150 days), then Birch, Alder last.
    const rows = page.getByRole('region', { name: 'Partners, worst first' }).getByTestId('portfolio-row');
    await expect(rows.count()).resolves.toBe(3);
    await expect(rows.nth(0).getByRole('link').first().innerText()).resolves.toBe(CEDAR);
    await expect(rows.nth(0).innerText()).resolves.toContain('No contact in 150 days');
    await expect(rows.nth(0).innerText()).resolves.toContain('Dormant');
    await expect(rows.nth(1).getByRole('link').first().innerText()).resolves.toBe(BIRCH);
    await expect(rows.nth(1).innerText()).resolves.toContain('3 follow-ups overdue');
    await expect(rows.nth(2).getByRole('link').first().innerText()).resolves.toBe(ALDER);
    // The trend: an arrow and the change, and the same in words for screen readers.
    await expect(rows.nth(1).innerText()).resolves.toContain('↓ \u221220');
    await expect(rows.nth(1).getByText('Down 20 points in 3 weeks').count()).resolves.toBe(1);
    await expect(rows.nth(2).innerText()).resolves.toContain('↑ +15');

    // The uncovered priority-1 audience leads the coverage list, highlighted.
    const coverage = page.getByRole('region', { name: 'Audience coverage' });
    await coverage.getByText('1 high-priority audience has no active partner.').waitFor();
    const firstAudience = coverage.getByTestId('coverage-row').first();
    await expect(firstAudience.innerText()).resolves.toMatch(/^Foster youth\s+High priority\s+Not covered$/);
    await expect(firstAudience.getAttribute('data-highlight')).resolves.toBe('true');
    await expect(coverage.locator('[data-highlight="true"]').count()).resolves.toBe(1);

    const introductions = page.getByRole('region', { name: 'Suggested introductions' });
    await expect(introductions.getByTestId('introduction').first().getByRole('heading').innerText()).resolves.toBe(
      first,
    );

    await page
      .getByRole('region', { name: 'Overdue follow-ups' })
      .getByText('Call Birch back (20 days late)')
      .waitFor();
    // The trend chart, and its words.
    const trend = page.getByRole('region', { name: 'Trend' });
    await trend.getByTestId('portfolio-trend-chart').locator('svg rect').first().waitFor();
    await expect(trend.locator('figcaption').innerText()).resolves.toMatch(
      /^4 weeks, week of .*: dormant 0 → 1, at risk 1 → 0, steady 1 → 1, thriving 1 → 1; mean score 66 → 56\.$/,
    );
    await expectAccessible(page);
    await screenshot(page, 'dashboard');
  });

  it('dismisses an introduction: it is gone, also after a reload, and the next one moves up; Undo brings one back', async () => {
    const introductions = page.getByRole('region', { name: 'Suggested introductions' });
    const cards = introductions.getByTestId('introduction');
    const before = await cards.count();
    const title = await cards.first().getByRole('heading').innerText();
    await cards
      .first()
      .getByRole('button', { name: `Dismiss “${title}”` })
      .click();
    await introductions
      .getByRole('status')
      .filter({ hasText: `Dismissed “${title}”` })
      .waitFor();
    await introductions.getByRole('heading', { name: title }).waitFor({ state: 'detached' });
    // Two suggestions were made (Alder and Cedar each offer Birch something it looks for): one is left.
    expect(before).toBe(2);
    await expect(cards.count()).resolves.toBe(1);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Partnership dashboard' }).waitFor();
    await introductions.getByTestId('introduction').first().waitFor();
    await expect(introductions.getByText(title).count()).resolves.toBe(0);
    const [dismissal] = await app.dataSource.query(`SELECT count(*)::int AS n FROM match_decisions`);
    expect(dismissal.n).toBe(1);

    // The full list has the same answer.
    await introductions.getByRole('link', { name: /suggestions/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Suggested introductions' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^1–\d+ of \d+ suggestions?$/ })
      .waitFor();
    await expect(page.getByRole('heading', { level: 2, name: title }).count()).resolves.toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'dashboard-introductions');

    // A slip of the thumb: the last one dismissed here comes back with Undo, also for the server.
    const last = page.getByTestId('introduction').first();
    const lastTitle = await last.getByRole('heading').innerText();
    await last.getByRole('button', { name: `Dismiss “${lastTitle}”` }).click();
    await page.getByRole('heading', { level: 2, name: lastTitle }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Undo' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `“${lastTitle}” is back among the open suggestions.` })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: lastTitle }).waitFor();
    const [kept] = await app.dataSource.query(`SELECT count(*)::int AS n FROM match_decisions`);
    expect(kept.n).toBe(1);
  });

  it('starts a check-in from the organization page, sees it listed, then its answers; a second start is refused in words', async () => {
    await page.goto(`${app.url}/organizations/${ids.birch}`);
    await page.getByRole('heading', { level: 1, name: BIRCH }).waitFor();
    const checkIns = page.getByRole('region', { name: 'Check-ins' });
    await checkIns.getByText('No check-in yet.', { exact: false }).waitFor();
    await checkIns.getByRole('button', { name: 'Start a check-in' }).click();
    const dialog = page.getByRole('dialog', { name: 'Start a check-in' });
    await dialog.getByRole('button', { name: 'Send the survey' }).waitFor();
    // Judged once the opening transition is over (half-faded text is not what people read).
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.mantine-Modal-content')].some((el) => getComputedStyle(el).opacity === '1'),
    );
    await expectAccessible(page, '[role="dialog"]');
    await dialog.getByRole('button', { name: 'Send the survey' }).click();
    await checkIns.getByRole('status').filter({ hasText: 'Check-in started' }).waitFor();
    const listed = checkIns.getByTestId('check-in');
    await listed.first().getByText('Library owner:').waitFor();
    await expect(listed.first().innerText()).resolves.toContain('Not answered yet');
    const [row] = await app.dataSource.query(`SELECT id, status FROM check_ins WHERE organization_id = $1`, [
      ids.birch,
    ]);
    expect(row.status).toBe('open');

    // A second one while it is open: the API's 409 in words, nothing new stored.
    await checkIns.getByRole('button', { name: 'Start a check-in' }).click();
    await dialog.getByRole('button', { name: 'Send the survey' }).click();
    await checkIns.getByRole('alert').filter({ hasText: 'This partner already has an open check-in.' }).waitFor();
    expect(
      await app.dataSource.query(`SELECT count(*)::int AS n FROM check_ins WHERE organization_id = $1`, [ids.birch]),
    ).toEqual([{ n: 1 }]);

    // The owner answers through the emailed link: the areas show with their classification.
    const tokens = await checkInTokens(app.dataSource, row.id);
    await request(app.http)
      .post(`/api/v1/public/check-ins/${tokens.owner}`)
      .send({ answers: OWNER_ANSWERS })
      .expect(201);
    await page.reload();
    await listed
      .first()
      .getByText(/Library owner: Answered /)
      .waitFor();
    const areas = listed.first().getByRole('table');
    await expect(areas.getByRole('row', { name: /Communication/ }).innerText()).resolves.toMatch(
      /Communication\s+2\.5 of 5\s+Concern/,
    );
    await expect(areas.getByRole('row', { name: /Membership/ }).innerText()).resolves.toMatch(
      /Membership\s+4\.5 of 5\s+Strength/,
    );
    const health = page.getByRole('region', { name: 'Partnership health' });
    await health
      .getByTestId('component-checkIn')
      .getByText(/concerns: communication, resources/)
      .waitFor();
    await expect(health.getByTestId('component-followUps').innerText()).resolves.toContain(
      '3 follow-ups overdue, the oldest by 20 days.',
    );
    await health.getByTestId('score-history-chart').locator('svg path').waitFor();
    await expect(health.locator('figcaption').innerText()).resolves.toMatch(
      /^4 weekly scores from .*: 72 at first, 52 now; lowest 52, highest 72\.$/,
    );
    await expectAccessible(page);
    await screenshot(page, 'dashboard-organization');
  });

  it('sends a check-in round from the dashboard and says who was asked and who was skipped, and why', async () => {
    // Alder and Cedar have been partners for months (as their history says): past the 90 days a new one waits.
    await app.dataSource.query(
      `UPDATE organization_stage_changes SET changed_at = now() - interval '200 days' WHERE organization_id = ANY($1::uuid[])`,
      [[ids.alder, ids.cedar]],
    );
    await page.goto(`${app.url}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Partnership dashboard' }).waitFor();
    await page.getByRole('button', { name: 'Send a check-in round' }).click();
    await page
      .getByRole('dialog', { name: 'Send a check-in round' })
      .getByRole('button', { name: 'Send the round' })
      .click();
    const result = page.getByRole('status').filter({ hasText: 'Check-in round sent' });
    await result.waitFor();
    // Nobody has a primary contact: Alder's owner is asked, Cedar has nobody to ask. Birch had one
    // today, so it is not due: the round counts it without naming it.
    await expect(result.innerText()).resolves.toContain(
      'No partner was sent the survey (1 survey email to library owners). Not sent: 2 — no contact with an email (2). ' +
        'The library owner was still asked at one of them. Not due: 1',
    );
    await expect(result.innerText()).resolves.toContain(
      `${ALDER}: not sent to the partner (no primary contact); only the library owner was asked`,
    );
    await expect(result.innerText()).resolves.toContain(
      `${CEDAR}: nobody to ask (no library owner; no primary contact)`,
    );
    await expect(result.innerText()).resolves.not.toContain(BIRCH);
    expect(
      await app.dataSource.query(`SELECT count(*)::int AS n FROM check_ins WHERE organization_id = $1`, [ids.alder]),
    ).toEqual([{ n: 1 }]);

    // On a phone the report reads without sideways scrolling; Alder is now not due either.
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
    const { page: phonePage, problems: phoneProblems } = await newPage(phone);
    await signIn(phonePage, app, manager.user);
    await phonePage.goto(`${app.url}/dashboard`);
    await phonePage.getByRole('button', { name: 'Send a check-in round' }).click();
    await phonePage
      .getByRole('dialog', { name: 'Send a check-in round' })
      .getByRole('button', { name: 'Send the round' })
      .click();
    const phoneResult = phonePage.getByRole('status').filter({ hasText: 'Check-in round sent' });
    await phoneResult.waitFor();
    await expect(phoneResult.innerText()).resolves.toContain(
      'No partner was sent the survey. Not sent: 1 — no contact with an email (1). ' +
        'Not due: 1 checked in recently, 1 with a check-in still open.',
    );
    expect(await fitsWidth(phonePage)).toBe(true);
    expect(phoneProblems).toEqual([]);
    await phone.close();
  });

  it('previews the weekly digest', async () => {
    await page.getByRole('link', { name: 'This week’s digest' }).click();
    await page.getByRole('heading', { level: 1, name: 'Weekly digest' }).waitFor();
    await page.getByText('Not sent yet').waitFor();
    await page.getByRole('region', { name: 'Audiences with no active partner' }).getByText('Foster youth').waitFor();
    await expect(page.getByRole('region', { name: 'Bands that changed since last week' }).innerText()).resolves.toMatch(
      new RegExp(`${BIRCH}: Steady → At risk \\(score \\d+\\)`),
    );
    await expectAccessible(page);
    await screenshot(page, 'dashboard-digest');
  });

  it('staff get no dashboard in the navigation and a 403 page when they type its address', async () => {
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page: staffPage, problems: staffProblems } = await newPage(staffContext);
    await signIn(staffPage, app, staff.user);
    const nav = staffPage.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Introductions' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);

    let dashboardCalls = 0;
    staffPage.on('request', (sent) => {
      if (new URL(sent.url()).pathname.startsWith('/api/v1/dashboard')) dashboardCalls += 1;
    });
    for (const path of ['/dashboard', '/dashboard/digest']) {
      await staffPage.goto(`${app.url}${path}`);
      await staffPage.getByRole('heading', { level: 1, name: 'Not available to your role' }).waitFor();
      await staffPage.getByRole('alert').filter({ hasText: 'You do not have access to this page (403)' }).waitFor();
    }
    expect(dashboardCalls).toBe(0);
    await expectAccessible(staffPage);
    await screenshot(staffPage, 'dashboard-forbidden');
    // Staff may still start a check-in and dismiss suggestions (staff+), but not send a round.
    await staffPage.goto(`${app.url}/organizations/${ids.cedar}`);
    await staffPage
      .getByRole('region', { name: 'Check-ins' })
      .getByRole('button', { name: 'Start a check-in' })
      .waitFor();
    expect(await staffPage.getByRole('button', { name: 'Send a check-in round' }).count()).toBe(0);
    expect(staffProblems).toEqual([]);
    await staffContext.close();
  });

  it('filters the portfolio by a band count and by stage, keeps the filters in the address over a reload, and clears them', async () => {
    await page.goto(`${app.url}/dashboard`);
    const portfolio = page.getByRole('region', { name: 'Partners, worst first' });
    const rows = portfolio.getByTestId('portfolio-row');
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(3);

    await page.getByRole('region', { name: 'Health bands' }).getByTestId('band-dormant').getByRole('button').click();
    await page.waitForURL(`${app.url}/dashboard?band=dormant`);
    await portfolio.getByText('1 of 3 partners: dormant').waitFor();
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getByRole('link').first().innerText()).resolves.toBe(CEDAR);

    await page.reload();
    await portfolio.getByText('1 of 3 partners: dormant').waitFor();
    await expect(page.getByRole('combobox', { name: 'Band' }).inputValue()).resolves.toBe('Dormant');

    await page.getByRole('combobox', { name: 'Stage' }).click();
    await page.getByRole('option', { name: 'Paused' }).click();
    await portfolio.getByText('No partner matches these filters (dormant, paused).', { exact: false }).waitFor();
    await expectAccessible(page);
    await portfolio.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(`${app.url}/dashboard`);
    await portfolio.getByText('3 partners, worst first').waitFor();
    await expect(rows.count()).resolves.toBe(3);
  });

  it('reads at 360 px wide without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
    const { page: phonePage, problems: phoneProblems } = await newPage(phone);
    await signIn(phonePage, app, manager.user);
    await phonePage.goto(`${app.url}/dashboard`);
    // Cards instead of the table: the dormant partner first, with its drivers and trend.
    const cards = phonePage.getByRole('region', { name: 'Partners, worst first' }).getByTestId('portfolio-card');
    await cards.first().waitFor();
    await expect(cards.first().getByRole('heading', { level: 3 }).innerText()).resolves.toBe(CEDAR);
    await expect(cards.first().innerText()).resolves.toContain('No contact in 150 days');
    await expect(cards.nth(1).innerText()).resolves.toContain('↓ \u221220 in 3 weeks');
    expect(await phonePage.getByTestId('portfolio-row').first().isVisible()).toBe(false);
    await phonePage.getByTestId('portfolio-trend-chart').locator('svg').waitFor();
    expect(await fitsWidth(phonePage)).toBe(true);
    await expectAccessible(phonePage);
    await screenshot(phonePage, 'dashboard-phone');
    expect(phoneProblems).toEqual([]);
    await phone.close();
  });

  // Last: it adds a partner to the portfolio the tests above count.
  it('shows a partner with nothing recorded yet as not scored, on the dashboard and its page, with what would score it; also at 360 px', async () => {
    const elm = (await post('/organizations', { name: 'Elm Reading Club', stage: 'prospect' })).id as string;
    await page.goto(`${app.url}/dashboard?band=unscored`);
    const portfolio = page.getByRole('region', { name: 'Partners, worst first' });
    const row = portfolio.getByTestId('portfolio-row').filter({ hasText: 'Elm Reading Club' });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('Not scored yet');
    await expect(row.innerText()).resolves.not.toContain('/ 100');
    await expect(page.getByTestId('band-unscored').innerText()).resolves.toMatch(/Not scored yet\s+1/);

    await page.goto(`${app.url}/organizations/${elm}`);
    const health = page.getByRole('region', { name: 'Partnership health' });
    await health.getByText('Not enough to go on yet').waitFor();
    const ways = health.getByRole('list', { name: 'What would score this partnership' });
    await expect(ways.getByRole('link', { name: 'Log a visit' }).getAttribute('href')).resolves.toBe(
      `/log-visit?organizationId=${elm}`,
    );
    await expect(health.getByRole('table').count()).resolves.toBe(0);
    await expectAccessible(page);

    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
    const { page: phonePage, problems: phoneProblems } = await newPage(phone);
    await signIn(phonePage, app, manager.user);
    await phonePage.goto(`${app.url}/organizations/${elm}`);
    await phonePage.getByRole('region', { name: 'Partnership health' }).getByText('Not enough to go on yet').waitFor();
    expect(await fitsWidth(phonePage)).toBe(true);
    await phonePage.goto(`${app.url}/dashboard?band=unscored`);
    const card = phonePage.getByTestId('portfolio-card').filter({ hasText: 'Elm Reading Club' });
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain('Not scored yet');
    expect(await fitsWidth(phonePage)).toBe(true);
    await expectAccessible(phonePage);
    expect(phoneProblems).toEqual([]);
    await phone.close();
  });
});
