import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import {
  apiSignIn,
  expectAccessible,
  fitsWidth,
  launchBrowser,
  newPage,
  screenshot,
  serveApp,
  signIn,
  type ServedApp,
} from './browser';

/**
 * The search box in the header of every screen, in Chromium against the real app: staff open it
 * from the keyboard, find a contact by part of a name and land on the partner's page at its
 * contacts; a viewer finds the same contact without its email; at 360 px it is an icon button.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const PARTNER = 'Harbor House Youth Shelter';
const CONTACT = { name: 'Dana Whitfield', title: 'Case manager', email: 'dana.whitfield@harbor.example.org' };
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

describe('The search box in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let partnerId: string;

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  const dialog = (page: Page) => page.getByRole('dialog', { name: 'Search Tandem' });
  const searchField = (page: Page) =>
    dialog(page).getByRole('combobox', { name: 'Search partners, contacts and programs' });

  /** The contacts section's heading is on screen (not above or below the window). */
  const contactsInView = (page: Page) =>
    page.waitForFunction(() => {
      const box = document.getElementById('contacts-title')?.getBoundingClientRect();
      return box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight;
    });

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    const { token: adminToken } = await apiSignIn(app, ADMIN);
    for (const [who, role] of [
      [STAFF, 'staff'],
      [VIEWER, 'viewer'],
    ] as const) {
      await api()
        .post('/api/v1/users')
        .set(as(adminToken))
        .send({ ...who, role })
        .expect(201);
    }
    const { token } = await apiSignIn(app, STAFF);
    const partner = await api()
      .post('/api/v1/organizations')
      .set(as(token))
      // A long profile, so the contacts are below the first screenful and opening one has to scroll.
      .send({
        name: PARTNER,
        type: 'Youth shelter',
        stage: 'active',
        mission: 'Safe beds and meals for young people. '.repeat(40),
        notes: 'Drop-ins on Tuesdays. '.repeat(40),
      })
      .expect(201);
    partnerId = partner.body.id;
    await api()
      .post('/api/v1/contacts')
      .set(as(token))
      .send({ organizationId: partnerId, ...CONTACT, phone: '+1 503 555 0142' })
      .expect(201);
    // Others around it, so the answer is not the only row in the database.
    for (const name of ['Next Step College Access', 'Dogwood Literacy Circle']) {
      await api().post('/api/v1/organizations').set(as(token)).send({ name }).expect(201);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('staff press Ctrl+K, find a contact by part of the name and open it on the partner’s page at its contacts', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.getByRole('link', { name: PARTNER }).waitFor();

    await page.keyboard.press('Control+K');
    await searchField(page).waitFor();
    await expect(searchField(page).evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('whitf');
    const contacts = dialog(page).getByRole('group', { name: 'Contacts' });
    const option = contacts.getByRole('option', { name: new RegExp(CONTACT.name) });
    await option.waitFor();
    // Staff see how to reach the person.
    await expect(option.innerText()).resolves.toContain(CONTACT.email);
    await expect(dialog(page).getByRole('group', { name: 'Partners' }).count()).resolves.toBe(0);
    await expectAccessible(page, '[role="dialog"]');
    await screenshot(page, 'search', { fullPage: false });

    await option.click();
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    expect(new URL(page.url())).toMatchObject({ pathname: `/organizations/${partnerId}`, hash: '#contacts' });
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByTestId('contact').filter({ hasText: CONTACT.name }).waitFor();
    await contactsInView(page);

    // "/" opens it from anywhere but a field; the partner is found by a word without its accent or case.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('/');
    await searchField(page).waitFor();
    await page.keyboard.type('HARBOR');
    await dialog(page)
      .getByRole('group', { name: 'Partners' })
      .getByRole('option', { name: new RegExp(PARTNER) })
      .waitFor();
    await page.keyboard.type(' zzz');
    await dialog(page).getByText('No matches for “HARBOR zzz”.').waitFor();
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a viewer finds the contact by name but never sees its email, nor finds it by email', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    await signIn(page, app, VIEWER);
    await page.getByRole('button', { name: 'Search' }).click();
    await searchField(page).fill('dana');
    const option = dialog(page)
      .getByRole('group', { name: 'Contacts' })
      .getByRole('option', { name: /Dana Whitfield/ });
    await option.waitFor();
    await expect(option.innerText()).resolves.toContain(PARTNER);
    await expect(dialog(page).innerText()).resolves.not.toContain('@');
    await expectAccessible(page, '[role="dialog"]');

    await searchField(page).fill('dana.whitfield@harbor');
    await dialog(page).getByText('No matches for “dana.whitfield@harbor”.').waitFor();
    await searchField(page).fill('555 0142');
    await dialog(page).getByText('No matches for “555 0142”.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 360 px the header has a "Search" icon button; the dialog fits and opens the contact', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.getByRole('link', { name: PARTNER }).waitFor();
    const button = page.getByRole('banner').getByRole('button', { name: 'Search', exact: true });
    await expect(button.innerText()).resolves.toBe('');
    expect(await fitsWidth(page)).toBe(true);

    await button.click();
    await searchField(page).fill('whit');
    const option = dialog(page).getByRole('option', { name: new RegExp(CONTACT.name) });
    await option.waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, '[role="dialog"]');

    // The arrow keys and Enter work as well as a tap.
    await searchField(page).press('ArrowDown');
    await searchField(page).press('ArrowUp');
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    await searchField(page).press('Enter');
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    await contactsInView(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
