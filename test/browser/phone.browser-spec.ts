import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { createProgram } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { expectAccessible, fitsWidth, launchBrowser, newPage, serveApp, type ServedApp, signIn } from './browser';

/**
 * A 360 px phone (issue 16): a 200-character partner name and a 200-character program name —
 * each one unbroken word, the hardest case — must not widen any page; the stage and health band
 * badges show their whole word; the directory is cards with its filters folded behind "Filters".
 */
const PARTNER = `Riverside${'Y'.repeat(191)}`;
const PROGRAM = `Homework${'H'.repeat(192)}`;

/** Whether every badge label in `scope` shows its whole text (not cut with an ellipsis). */
async function badgeTextsWhole(scope: Locator): Promise<{ text: string; whole: boolean }[]> {
  return scope
    .locator('.mantine-Badge-label')
    .evaluateAll((labels) =>
      labels
        .filter((label) => (label as HTMLElement).offsetParent !== null)
        .map((label) => ({ text: label.textContent ?? '', whole: label.scrollWidth <= label.clientWidth })),
    );
}

describe('On a 360 px phone', () => {
  let app: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let manager: SignedIn;
  let partnerId: string;
  let programId: string;
  let reminderId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    manager = await signedInAs(app, Role.Manager, { name: 'Maya Manager' });
    const teens = (
      await request(app.http).post('/api/v1/audiences').set(manager.auth).send({ name: 'Teens', priority: 1 })
    ).body.id as string;
    const created = await request(app.http)
      .post('/api/v1/organizations')
      .set(manager.auth)
      .send({ name: PARTNER, stage: 'exploring', ownerId: manager.user.id, audienceIds: [teens], tags: ['drop-in'] });
    expect(created.status).toBe(201);
    partnerId = created.body.id;
    await request(app.http)
      .post('/api/v1/organizations')
      .set(manager.auth)
      .send({ name: 'Eastside Food Bank', stage: 'active' })
      .expect(201);
    programId = (
      await createProgram(app, manager.auth, { name: PROGRAM, partners: [{ organizationId: partnerId, role: 'host' }] })
    ).id;

    const reminder = await request(app.http)
      .post('/api/v1/reminders')
      .set(manager.auth)
      .send({
        title: 'Bring the sign-up sheets',
        trigger: { type: 'session', programId, offsetMinutes: -240 },
        recipientIds: [manager.user.id],
      });
    expect(reminder.status).toBe(201);
    reminderId = reminder.body.id;
    await request(app.http)
      .post('/api/v1/visits')
      .set(manager.auth)
      .send({ organizationId: partnerId, purpose: 'relationship', programId, visitedAt: new Date().toISOString() })
      .expect(201);

    context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    ({ page, problems } = await newPage(context));
    await signIn(page, app, manager.user);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('shows the directory as cards, whole stage badges, no sideways scroll, and its filters folded behind a button that counts them', async () => {
    await page.goto(`${app.url}/organizations`);
    await page.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    const cards = page.getByTestId('directory-card');
    await cards.first().waitFor();
    await expect(cards.count()).resolves.toBe(2);
    // The desktop table is not shown (nor read out) on a phone.
    await expect(page.getByRole('table').count()).resolves.toBe(0);
    await expect(
      page.getByTestId('directory-card').filter({ hasText: PARTNER }).getByRole('link').innerText(),
    ).resolves.toBe(PARTNER);
    expect(await fitsWidth(page)).toBe(true);
    const badges = await badgeTextsWhole(page.getByRole('list', { name: 'Partners' }));
    expect(badges.map((badge) => badge.text)).toEqual(expect.arrayContaining(['Exploring', 'Active']));
    expect(badges.filter((badge) => !badge.whole)).toEqual([]);

    // Folded: the search box in view, the filters not.
    await page.getByRole('searchbox', { name: /Search partners/ }).waitFor();
    const filters = page.getByRole('button', { name: 'Filters' });
    await expect(filters.getAttribute('aria-expanded')).resolves.toBe('false');
    const folded = page.locator('#directory-filters');
    await expect(folded.count()).resolves.toBe(1);
    await expect(folded.isVisible()).resolves.toBe(false);
    await expect(page.getByRole('textbox', { name: 'Tag' }).isVisible()).resolves.toBe(false);
    await expectAccessible(page);

    await filters.click();
    await expect(filters.getAttribute('aria-expanded')).resolves.toBe('true');
    await folded.waitFor({ state: 'visible' });
    await page.getByRole('textbox', { name: 'Tag' }).waitFor({ state: 'visible' });
    await page.getByRole('textbox', { name: 'Tag' }).fill('drop-in');
    await page.waitForURL(/tag=drop-in/);
    await page.getByRole('button', { name: 'Filters (1 set)' }).waitFor();
    await page.getByRole('status').filter({ hasText: '1 partner found' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);

    // Opened from an address with filters, they start folded and the button says how many.
    await page.goto(`${app.url}/organizations?stage=exploring&tag=drop-in`);
    const counted = page.getByRole('button', { name: 'Filters (2 set)' });
    await counted.waitFor();
    await expect(counted.getAttribute('aria-expanded')).resolves.toBe('false');
  });

  it('shows the dashboard (as a manager) as cards with whole band and stage badges and no sideways scroll', async () => {
    await page.goto(`${app.url}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Partnership dashboard' }).waitFor();
    const card = page.getByTestId('portfolio-card').filter({ hasText: PARTNER });
    await card.waitFor();
    await expect(page.getByTestId('portfolio-row').first().isVisible()).resolves.toBe(false);
    expect(await fitsWidth(page)).toBe(true);
    const inCard = await badgeTextsWhole(card);
    expect(inCard.length).toBe(2);
    expect(inCard.filter((badge) => !badge.whole)).toEqual([]);
    const bands = await badgeTextsWhole(page.getByRole('region', { name: 'Health bands' }));
    expect(bands.map((badge) => badge.text)).toEqual(['Dormant', 'At risk', 'Steady', 'Thriving', 'Not scored yet']);
    expect(bands.filter((badge) => !badge.whole)).toEqual([]);
    await expectAccessible(page);
  });

  it('shows the partner page (with its visits), the program page and a reminder with the long names wrapped, not widening the page', async () => {
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    await page.getByText(PROGRAM).first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect((await badgeTextsWhole(page.locator('main'))).filter((badge) => !badge.whole)).toEqual([]);
    await expectAccessible(page);

    await page.goto(`${app.url}/programs/${programId}`);
    await page.getByRole('heading', { level: 1, name: PROGRAM }).waitFor();
    await page.getByText(PARTNER).first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);

    await page.goto(`${app.url}/reminders/${reminderId}`);
    await page.getByRole('heading', { level: 1, name: 'Bring the sign-up sheets' }).waitFor();
    await page.getByText(PROGRAM).first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);

    await page.goto(`${app.url}/reminders`);
    await page.getByText('Bring the sign-up sheets').first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
  });
});
