import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
 * Two-factor sign-in in Debian's Chromium against the real app: an admin sets it up from Your
 * account with a code computed from the key shown on screen (as an authenticator app would),
 * signs out and in with a code, then with a recovery code; then requires it for managers, and a
 * manager signing in on a phone lands on setup before anything else; the admin resets it again.
 */
const ADMIN = { name: 'Maya Chen', email: 'maya@library.test', password: 'the branch manager 2026' };
const MANAGER = { name: 'Kim Lee', email: 'kim@library.test', password: 'outreach on wheels 2026' };
const CODE_LABEL = /^Code from your authenticator app/;

/** A code for the next 30-second step: accepted (one step of drift) and later than any step used before it. */
function nextCode(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
}

describe('Two-factor sign-in in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let adminToken: string;

  async function signOut(on: Page): Promise<void> {
    await on.getByRole('button', { name: /^Account:/ }).click();
    await on.getByRole('menuitem', { name: 'Sign out' }).click();
    await on.getByText('You are signed out.').waitFor();
  }

  /** Setup as the screen offers it: the key shown as text, a code from it, then the recovery codes. */
  async function setUpOnScreen(on: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
    await on.getByRole('img', { name: 'QR code to add Tandem to your authenticator app' }).waitFor();
    const secret = (await on.getByTestId('mfa-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await on.getByLabel(/^2\. Code from the app/).fill(await generate({ secret }));
    await on.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await on.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    const recoveryCodes = (await on.getByTestId('recovery-codes').getByRole('listitem').allInnerTexts()).map((code) =>
      code.trim(),
    );
    expect(recoveryCodes).toHaveLength(10);
    return { secret, recoveryCodes };
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([serveApp(), launchBrowser()]);
    await request(app.http).post('/api/v1/auth/setup').send(ADMIN).expect(201);
    adminToken = (
      await request(app.http)
        .post('/api/v1/auth/login')
        .send({ email: ADMIN.email, password: ADMIN.password })
        .expect(200)
    ).body.accessToken;
    await request(app.http)
      .post('/api/v1/users')
      .set({ Authorization: `Bearer ${adminToken}` })
      .send({ ...MANAGER, role: 'manager' })
      .expect(201);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    ({ page, problems } = await newPage(context));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
  });

  it('an admin sets it up from Your account, then signs in with a code, and once with a recovery code', async () => {
    await signIn(page, app, ADMIN);
    await page.goto(`${app.url}/account`);
    const section = page.getByRole('region', { name: 'Two-factor sign-in' });
    await section.getByText('Off', { exact: true }).waitFor();
    await section.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await section.getByRole('img', { name: /^QR code/ }).waitFor();
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'account-two-factor-setup');
    const { secret, recoveryCodes } = await setUpOnScreen(page);
    await expectAccessible(page);
    await section.getByRole('button', { name: 'I saved them' }).click();
    await section.getByText('On', { exact: true }).waitFor();
    await section.getByText('Two-factor sign-in is on. Your other sessions were signed out.').waitFor();

    await signOut(page);
    const code = page.getByLabel(CODE_LABEL);
    await signIn(page, app, ADMIN, () => code.waitFor());
    await expect(code.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    await expect(code.getAttribute('autocomplete')).resolves.toBe('one-time-code');
    await expect(code.getAttribute('inputmode')).resolves.toBe('numeric');
    await code.fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('alert')
      .getByText(/^That code is wrong, expired or already used/)
      .waitFor();
    await expectAccessible(page);
    await screenshot(page, 'sign-in-code');
    await code.fill(await nextCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();

    await signOut(page);
    await signIn(page, app, ADMIN, (on) => on.getByRole('button', { name: 'Use a recovery code' }).waitFor());
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel(/^Recovery code/).fill(recoveryCodes[0]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor();
    expect(
      await app.dataSource.query(`SELECT count(*)::int AS used FROM mfa_recovery_codes WHERE used_at IS NOT NULL`),
    ).toEqual([{ used: 1 }]);
  });

  it('the admin requires it for managers: a manager signing in on a phone lands on setup; then the admin resets it', async () => {
    await page.goto(`${app.url}/admin/settings`);
    const security = page.getByRole('region', { name: 'Two-factor sign-in' });
    await security.getByRole('checkbox', { name: 'Managers' }).check();
    await security.getByRole('button', { name: 'Save security settings' }).click();
    await security.getByText('Saved. Managers without two-factor sign-in are taken to set it up.').waitFor();
    await expectAccessible(page);

    const phone = await browser.newContext({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 2 });
    const { page: kim, problems: kimProblems } = await newPage(phone);
    await signIn(kim, app, MANAGER, (on) =>
      on.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' }).waitFor(),
    );
    expect(new URL(kim.url()).pathname).toBe('/two-factor-setup');
    await kim.getByRole('img', { name: /^QR code/ }).waitFor();
    expect(await fitsWidth(kim)).toBe(true);
    await expectAccessible(kim);
    await screenshot(kim, 'two-factor-setup-phone');
    // Anything else leads back to setup until it is on.
    await kim.goto(`${app.url}/dashboard`);
    await kim.getByRole('heading', { level: 1, name: 'Set up two-factor sign-in' }).waitFor();
    await setUpOnScreen(kim);
    expect(await fitsWidth(kim)).toBe(true);
    await kim.getByRole('button', { name: 'I saved them' }).click();
    await kim.getByRole('heading', { level: 1, name: 'Partnership dashboard' }).waitFor();
    expect(kimProblems).toEqual([]);
    await phone.close();

    await page.goto(`${app.url}/admin/users`);
    const row = page.getByRole('row').filter({ hasText: MANAGER.email });
    await row.getByText('On', { exact: true }).waitFor();
    await row.getByRole('button', { name: `Reset two-factor for ${MANAGER.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Reset two-factor sign-in for ${MANAGER.name}?` });
    await expectAccessible(page, '[role="dialog"]');
    await dialog.getByRole('button', { name: 'Reset two-factor' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('status').getByText(`${MANAGER.name}: two-factor sign-in is off`).waitFor();
    await row.getByText('Off', { exact: true }).waitFor();
    const [event] = await app.dataSource.query(
      `SELECT entity_id, changes FROM audit_events WHERE entity_type = 'user' ORDER BY occurred_at DESC LIMIT 1`,
    );
    expect(event.changes).toEqual({ mfaEnabled: { before: true, after: false } });
  });
});
