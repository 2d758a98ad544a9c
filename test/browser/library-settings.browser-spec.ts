import type { Browser } from 'playwright-core';
import request from 'supertest';
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

/**
 * The library's own settings (Administration → Settings → Library) in Debian's Chromium against
 * the real app: an admin names the library, picks its zone from the searchable list and offers
 * Spanish only, on a desktop and on a 360 px phone.
 */
const ADMIN = { name: 'Maya Chen', email: 'maya@library.test', password: 'the branch manager 2026' };

describe('Library settings in the browser', () => {
  let app: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await request(app.http).post('/api/v1/auth/setup').send(ADMIN).expect(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an admin names the library, picks its time zone and fiscal year and offers Spanish only; it is saved and audited', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await newPage(context);
    await signIn(page, app, ADMIN);
    await page.goto(`${app.url}/admin/settings`);
    const library = page.getByRole('region', { name: 'Library' });
    const name = library.getByRole('textbox', { name: /^Library name/ });
    await name.waitFor();
    expect(await name.inputValue()).toBe('The library');

    await name.fill('Riverside Public Library');
    const zone = library.getByRole('combobox', { name: /^Time zone/ });
    await zone.fill('Chicago');
    await page.getByRole('option', { name: 'America/Chicago' }).click();
    await library.getByRole('checkbox', { name: 'English' }).uncheck();
    expect(await library.getByRole('combobox', { name: /^Default language/ }).inputValue()).toBe('Español');
    const fiscal = library.getByRole('combobox', { name: /^Fiscal year starts in/ });
    expect(await fiscal.inputValue()).toBe('July');
    await fiscal.click();
    await page.getByRole('option', { name: 'October' }).click();
    await expectAccessible(page, 'section[aria-labelledby="library-settings-title"]');
    await screenshot(page, 'admin-library-settings', { fullPage: false });
    await library.getByRole('button', { name: 'Save library settings' }).click();
    await library.getByText('Saved.').waitFor();

    const [stored] = await app.dataSource.query(`SELECT value, version FROM settings WHERE key = 'library'`);
    expect(stored).toEqual({
      value: {
        name: 'Riverside Public Library',
        timezone: 'America/Chicago',
        defaultLanguage: 'es',
        languages: ['es'],
        fiscalYearStartMonth: 10,
      },
      version: 2,
    });
    expect(
      (await app.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'settings'`))[0].n,
    ).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone and offers English back', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
    const { page, problems } = await newPage(context);
    await signIn(page, app, ADMIN);
    await page.goto(`${app.url}/admin/settings`);
    const library = page.getByRole('region', { name: 'Library' });
    await library.getByRole('textbox', { name: /^Library name/ }).waitFor();
    expect(await library.getByRole('textbox', { name: /^Library name/ }).inputValue()).toBe('Riverside Public Library');
    await library.getByRole('checkbox', { name: 'English' }).check();
    await library.getByRole('combobox', { name: /^Default language/ }).click();
    await page.getByRole('option', { name: 'English' }).click();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page);
    await library.getByRole('button', { name: 'Save library settings' }).click();
    await library.getByText('Saved.').waitFor();
    await library.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-library-settings-phone', { fullPage: false });
    const [stored] = await app.dataSource.query(`SELECT value FROM settings WHERE key = 'library'`);
    expect(stored.value).toMatchObject({ defaultLanguage: 'en', languages: ['es', 'en'] });
    expect(problems).toEqual([]);
    await context.close();
  });
});
