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
  type ServedApp,
  signIn,
} from './browser';

/**
 * Contacts in Chromium against the real app: staff add a contact on a partner's page and edit
 * it (also over a colleague's save in between); a manager on a phone erases the person after a
 * plain-words confirmation; a viewer on the Contacts screen sees names and titles, never an email
 * or phone. Data is built and checked through the API; what is clicked is what is being tested.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const MANAGER = { name: 'Mo Manager', email: 'mo@library.test', password: 'the whole portfolio, weekly' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const PARTNER = 'Harbor House Youth Shelter';
const OTHER_PARTNER = 'Next Step College Access';
const LUIS = { name: 'Luis Ortega', title: 'Advising lead', email: 'luis@nextstep.example.org', phone: '503 555 0177' };
const DANA = { name: 'Dana Whitfield', email: 'dana@harbor.example.org', phone: '+1 503 555 0142' };
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

describe('Contacts in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let staffToken: string;
  let partnerId: string;

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const partnersContacts = async () =>
    (await api().get('/api/v1/contacts').query({ organizationId: partnerId }).set(as(staffToken)).expect(200)).body;
  const contactsRegion = (page: Page) => page.getByRole('region', { name: 'Contacts' });

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await api().post('/api/v1/auth/setup').send(ADMIN).expect(201);
    const { token: adminToken } = await apiSignIn(app, ADMIN);
    for (const [who, role] of [
      [STAFF, 'staff'],
      [MANAGER, 'manager'],
      [VIEWER, 'viewer'],
    ] as const) {
      await api()
        .post('/api/v1/users')
        .set(as(adminToken))
        .send({ ...who, role })
        .expect(201);
    }
    ({ token: staffToken } = await apiSignIn(app, STAFF));
    partnerId = (
      await api()
        .post('/api/v1/organizations')
        .set(as(staffToken))
        .send({ name: PARTNER, type: 'Youth shelter', stage: 'active' })
        .expect(201)
    ).body.id;
    const other = await api()
      .post('/api/v1/organizations')
      .set(as(staffToken))
      .send({ name: OTHER_PARTNER, stage: 'exploring' })
      .expect(201);
    await api()
      .post('/api/v1/contacts')
      .set(as(staffToken))
      .send({ organizationId: other.body.id, ...LUIS, isPrimary: true })
      .expect(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('staff add a contact on the partner’s page and edit its title, also over a colleague’s save; the API has it', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.goto(`${app.url}/organizations/${partnerId}`);
    await page.getByRole('heading', { level: 1, name: PARTNER }).waitFor();
    const region = contactsRegion(page);
    await region.getByText('No contacts recorded.').waitFor();
    // Staff add and edit; erasing is for managers.
    expect(await region.getByRole('button', { name: /^Erase/ }).count()).toBe(0);

    await region.getByRole('button', { name: 'Add contact' }).click();
    const add = page.getByRole('dialog', { name: 'Add a contact' });
    await add.waitFor();
    // The form checks the name and the email before asking the server.
    await add.getByRole('textbox', { name: 'Email' }).fill('dana@harbor');
    await add.getByRole('button', { name: 'Add contact' }).click();
    await add.getByText('Enter the person’s name').waitFor();
    await add.getByText('Enter an email address like name@example.org').waitFor();
    await expectAccessible(page, '[role="dialog"]');

    await add.getByRole('textbox', { name: 'Name' }).fill(DANA.name);
    await add.getByRole('textbox', { name: 'Title' }).fill('Case manager');
    await add.getByRole('textbox', { name: 'Email' }).fill(DANA.email);
    await add.getByRole('textbox', { name: 'Phone' }).fill(DANA.phone);
    await add.getByRole('combobox', { name: 'Prefers to hear from us by' }).click();
    await page.getByRole('option', { name: 'Text message' }).click();
    await add.getByRole('checkbox', { name: /Primary contact/ }).check();
    await add.getByRole('textbox', { name: /Notes/ }).fill('Best reached after 3 pm.');
    await screenshot(page, 'contacts-add', { fullPage: false });
    await add.getByRole('button', { name: 'Add contact' }).click();
    await add.waitFor({ state: 'hidden' });
    await region.getByText(DANA.name).waitFor();
    await region.getByRole('link', { name: DANA.email }).waitFor();

    let listed = await partnersContacts();
    expect(listed.meta.total).toBe(1);
    const [created] = listed.data;
    expect(created).toEqual({
      id: expect.any(String),
      version: 1,
      organizationId: partnerId,
      name: DANA.name,
      title: 'Case manager',
      email: DANA.email,
      phone: DANA.phone,
      preferredChannel: 'text',
      language: 'en',
      isPrimary: true,
      notes: 'Best reached after 3 pm.',
    });

    // Edit the title.
    await region.getByRole('button', { name: `Edit ${DANA.name}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${DANA.name}` });
    const title = edit.getByRole('textbox', { name: 'Title' });
    await expect(title.inputValue()).resolves.toBe('Case manager');
    await expectAccessible(page, '[role="dialog"]');
    await title.fill('Program lead');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await edit.waitFor({ state: 'hidden' });
    await region.getByText('Program lead').waitFor();
    listed = await partnersContacts();
    expect(listed.data[0]).toMatchObject({ id: created.id, version: 2, title: 'Program lead', phone: DANA.phone });

    // A colleague saves a new phone number while this person edits the title again.
    await region.getByRole('button', { name: `Edit ${DANA.name}` }).click();
    await edit.getByRole('textbox', { name: 'Title' }).fill('Outreach lead');
    await api()
      .patch(`/api/v1/contacts/${created.id}`)
      .set(as(staffToken))
      .send({ phone: '503 555 0100', title: 'Youth program lead', version: 2 })
      .expect(200);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    const conflict = edit.getByRole('alert');
    await conflict.getByText('A colleague changed this contact while you were editing it').waitFor();
    // Theirs where both changed the title (mine stays typed); their phone joins the form.
    await conflict.getByTestId('conflict-both').getByText('Youth program lead').waitFor();
    await conflict.getByTestId('conflict-theirs').getByText('503 555 0100').waitFor();
    await expect(edit.getByRole('textbox', { name: 'Title' }).inputValue()).resolves.toBe('Outreach lead');
    await expect(edit.getByRole('textbox', { name: 'Phone' }).inputValue()).resolves.toBe('503 555 0100');
    await expectAccessible(page, '[role="dialog"]');
    await screenshot(page, 'contacts-conflict', { fullPage: false });
    await conflict.getByRole('button', { name: 'Save mine over theirs' }).click();
    await edit.waitFor({ state: 'hidden' });
    await region.getByText('Outreach lead').waitFor();
    listed = await partnersContacts();
    expect(listed.data[0]).toMatchObject({ version: 4, title: 'Outreach lead', phone: '503 555 0100' });

    // The Contacts screen finds the person by email (staff may), and links to the partner's contacts.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    await page.getByRole('searchbox', { name: /Search contacts/ }).fill('dana@harbor');
    await page.waitForURL((url) => url.pathname === '/contacts' && url.searchParams.get('q') === 'dana@harbor');
    await page.getByRole('status').filter({ hasText: '1 contact found' }).waitFor();
    const row = page.getByTestId('contact-row');
    await row.getByRole('link', { name: DANA.email }).waitFor();
    await row.getByRole('link', { name: '503 555 0100' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'contacts-screen');
    await row.getByRole('link', { name: PARTNER }).click();
    await page.waitForURL((url) => url.pathname === `/organizations/${partnerId}` && url.hash === '#contacts');
    await contactsRegion(page).getByText('Outreach lead').waitFor();
    // The contacts are in view.
    await page.waitForFunction(() => {
      const top = document.getElementById('contacts')?.getBoundingClientRect().top ?? -1;
      return top >= 56 && top < window.innerHeight - 100;
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a manager on a phone erases the contact after a plain-words confirmation; it is gone from the page and the API', async () => {
    const [dana] = (await partnersContacts()).data as { id: string; name: string }[];
    expect(dana?.name).toBe(DANA.name);
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
    const { page, problems } = await newPage(context);
    await signIn(page, app, MANAGER);
    await page.goto(`${app.url}/organizations/${partnerId}#contacts`);
    const region = contactsRegion(page);
    await region.getByText(DANA.name).waitFor();
    // A link to the partner's contacts opens the long phone page at them, clear of the fixed header (56 px).
    await page.waitForFunction(() => {
      const top = document.getElementById('contacts')?.getBoundingClientRect().top ?? -1;
      return window.scrollY > 0 && top >= 56 && top < 150;
    });
    expect(await fitsWidth(page)).toBe(true);

    // Changing one's mind erases nothing.
    await region.getByRole('button', { name: `Erase ${DANA.name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Erase ${DANA.name}?` });
    await confirm.getByText(/Erasing removes Dana Whitfield from Tandem everywhere/).waitFor();
    await confirm.getByText(/visits, check-ins and reminders keep no trace of them/).waitFor();
    await confirm.getByText('This cannot be undone.').waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, '[role="dialog"]');
    await screenshot(page, 'contacts-erase', { fullPage: false });
    await confirm.getByRole('button', { name: `Keep ${DANA.name}` }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await partnersContacts()).meta.total).toBe(1);

    await region.getByRole('button', { name: `Erase ${DANA.name}` }).click();
    await confirm.getByRole('button', { name: 'Erase for good' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await region.getByText('No contacts recorded.').waitFor();
    await region
      .getByRole('status')
      .filter({ hasText: `${DANA.name} was erased.` })
      .waitFor({ state: 'attached' });
    expect((await partnersContacts()).meta.total).toBe(0);
    await api().get(`/api/v1/contacts/${dana.id}`).set(as(staffToken)).expect(404);

    // The Contacts screen on the phone: cards, no sideways scrolling, and no Dana.
    await page.goto(`${app.url}/contacts`);
    await page.getByRole('status').filter({ hasText: '1 contact' }).waitFor();
    await page.getByTestId('contact-row').getByText(LUIS.name).waitFor();
    expect(await page.getByText(DANA.name).count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a viewer on the Contacts screen sees names, titles and partners, but no email, phone or control', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    await signIn(page, app, VIEWER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
    const row = page.getByTestId('contact-row');
    await row.getByText(LUIS.name).waitFor();
    await row.getByText(LUIS.title).waitFor();
    await row.getByRole('link', { name: OTHER_PARTNER }).waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(LUIS.email);
    expect(text).not.toContain(LUIS.phone);
    expect(await page.getByRole('columnheader', { name: 'Email' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Add contact|Edit|Erase/ }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'contacts-screen-viewer');

    // What a viewer may not see, they may not search either.
    await page.goto(`${app.url}/contacts?q=${encodeURIComponent('luis@nextstep')}`);
    await page.getByRole('status').filter({ hasText: 'No contact matches these filters.' }).waitFor();
    await page.goto(`${app.url}/contacts?q=advising`);
    await page.getByRole('status').filter({ hasText: '1 contact found' }).waitFor();

    // The partner's page: the same names and titles, no controls.
    await row.getByRole('link', { name: OTHER_PARTNER }).click();
    const region = contactsRegion(page);
    await region.getByText(LUIS.name).waitFor();
    expect(await region.getByRole('button').count()).toBe(0);
    expect(await region.innerText()).not.toContain(LUIS.email);

    // And at 360 px: cards that fit.
    await page.setViewportSize(PHONE);
    await page.goto(`${app.url}/contacts`);
    await page.getByTestId('contact-row').getByText(LUIS.name).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
