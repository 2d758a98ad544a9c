import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
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

const ALDER = 'Alder College Access';
const BIRCH = 'Birch Youth Shelter';
const TITLE = `Introduce ${ALDER} to ${BIRCH}`;

/**
 * Suggested introductions in Chromium against the real app: Alder offers coaching, Birch looks
 * for it (strength 77, above the default floor). Staff record the introduction with a note, find
 * it under "Introduced" with their follow-up, restore it, and start a program with both; all of
 * it on a 360 px phone too.
 */
describe('Suggested introductions in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let staff: SignedIn;

  const post = async (path: string, body: object, auth: Record<string, string>) => {
    const response = await request(app.http).post(`/api/v1${path}`).set(auth).send(body);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    const manager = await signedInAs(app, Role.Manager);
    staff = await signedInAs(app, Role.Staff, { name: 'Sam Staff' });
    const teens = (await post('/audiences', { name: 'Teens', priority: 1 }, manager.auth)).id;
    const coaching = (await post('/capabilities', { name: 'College application coaching' }, manager.auth)).id;
    const fit = { audienceReach: 5, missionOverlap: 5, complementaryResources: 5 };
    await post(
      '/organizations',
      { name: ALDER, stage: 'active', audienceIds: [teens], capabilityIds: [coaching], fit },
      staff.auth,
    );
    await post(
      '/organizations',
      { name: BIRCH, stage: 'active', audienceIds: [teens], seeksCapabilityIds: [coaching], fit },
      staff.auth,
    );
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ page, problems } = await newPage(context));
    await signIn(page, app, staff.user);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  afterEach(() => expect(problems).toEqual([]));

  it('records an introduction with a note, lists it under Introduced with the follow-up, and restores it', async () => {
    await page.goto(`${app.url}/introductions`);
    await page.getByRole('heading', { level: 1, name: 'Suggested introductions' }).waitFor();
    const card = page.getByTestId('introduction').filter({ hasText: TITLE });
    await card.getByRole('button', { name: /^We introduced them/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Record the introduction' });
    await dialog.getByRole('textbox', { name: /Note/ }).fill('Emailed both directors.');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Record the introduction' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Recorded “${TITLE}”.` })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: TITLE }).waitFor({ state: 'detached' });
    const [task] = await app.dataSource.query(
      `SELECT t.title, t.assignee_id FROM tasks t JOIN match_decisions d ON d.task_id = t.id WHERE d.status = 'introduced'`,
    );
    expect(task).toEqual({ title: TITLE, assignee_id: staff.user.id });

    // The follow-up is on the caller's list.
    await page.getByRole('link', { name: 'See your follow-ups' }).click();
    await page.getByText(TITLE).first().waitFor();

    await page.goto(`${app.url}/introductions?status=introduced`);
    await page.getByRole('heading', { level: 2, name: TITLE }).waitFor();
    await page.getByText('Emailed both directors.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'introductions-introduced');

    await page.getByRole('button', { name: `Restore “${TITLE}”` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `“${TITLE}” is back among the open suggestions.` })
      .waitFor();
    await page.getByRole('heading', { level: 2, name: TITLE }).waitFor({ state: 'detached' });
    const [left] = await app.dataSource.query(`SELECT count(*)::int AS n FROM tasks`);
    expect(left.n).toBe(0);
  });

  it('starts a program with both partners', async () => {
    await page.goto(`${app.url}/introductions`);
    await page
      .getByTestId('introduction')
      .filter({ hasText: TITLE })
      .getByRole('link', { name: /^Start a program with them/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'New program' }).waitFor();
    await page.getByText(ALDER).first().waitFor();
    await page.getByText(BIRCH).first().waitFor();
  });

  it('reads and works at 360 px wide without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
    const { page: phonePage, problems: phoneProblems } = await newPage(phone);
    await signIn(phonePage, app, staff.user);
    await phonePage.goto(`${app.url}/introductions`);
    const card = phonePage.getByTestId('introduction').filter({ hasText: TITLE });
    await card.waitFor();
    expect(await fitsWidth(phonePage)).toBe(true);
    await card.getByRole('button', { name: /^We introduced them/ }).click();
    const dialog = phonePage.getByRole('dialog', { name: 'Record the introduction' });
    await dialog.getByRole('button', { name: 'Record the introduction' }).click();
    await phonePage
      .getByRole('status')
      .filter({ hasText: `Recorded “${TITLE}”.` })
      .waitFor();
    await phonePage.getByRole('button', { name: 'Undo' }).click();
    await phonePage.getByRole('heading', { level: 2, name: TITLE }).waitFor();
    expect(await fitsWidth(phonePage)).toBe(true);
    await screenshot(phonePage, 'introductions-phone');
    expect(phoneProblems).toEqual([]);
    await phone.close();
  });
});
