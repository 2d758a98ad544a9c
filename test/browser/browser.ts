import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { source as axeSource } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import request from 'supertest';
import { DEFAULT_PASSWORD } from '../factories/user.factory';
import { createTestApp, type TestApp, type TestAppOptions } from '../setup/test-app';

/** Debian's Chromium (npm cannot download a browser here); .ci/run installs it with apt when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium off the network (the machine has none) and quiet in a container. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Pages as someone who asked for less motion sees them (the theme honours it): no dialog or
  // drawer waits out its animation, so a click never lands mid-transition.
  '--force-prefers-reduced-motion',
];

export const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** The password field's label (Mantine adds " *" to a required field's). */
export const PASSWORD_LABEL = /^Password\s*\*?$/;

/** Who signs in; without a password, DEFAULT_PASSWORD (that of the factories' users). */
export interface Credentials {
  email: string;
  password?: string;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export interface ServedApp extends TestApp {
  /** http://127.0.0.1:<port>, where the built web app and the API are served. */
  url: string;
}

/** The real app (built web app + API) listening on a free loopback port, on its own database and Redis prefix. */
export async function serveApp(options: TestAppOptions = {}): Promise<ServedApp> {
  const app = await createTestApp(options);
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address() as AddressInfo;
  return Object.assign(app, { url: `http://127.0.0.1:${port}` });
}

/**
 * Problems the page reports by itself: uncaught errors, and Content-Security-Policy refusals
 * (which would mean the SPA needs something the server's headers forbid).
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  return problems;
}

export async function newPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  // Fail in seconds, not in the 30 s default: every screen here answers within a few hundred ms.
  page.setDefaultTimeout(10_000);
  return { page, problems: watchPage(page) };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (its source injected through the DevTools protocol, so the page's
 * CSP stays as strict as in production) against WCAG 2.x A and AA, and returns the serious and
 * critical violations, one line each. With `within` (a CSS selector) only that part is checked:
 * an open dialog, whose dimmed backdrop would otherwise be judged as the page's contrast.
 */
export async function seriousA11yViolations(page: Page, within?: string): Promise<string[]> {
  // A dialog still fading in has mid-transition colours (contrast 1.1 on a busy machine): check
  // what people see once every running transition and animation has finished.
  // (Endless ones, such as a loader's spin, are left alone.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => Number.isFinite(Number(animation.effect?.getComputedTiming().endTime)))
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (selector) => {
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(selector ? document.querySelector(selector) : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations;
  }, within ?? null);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id} (${violation.help}): ${violation.nodes.map((node) => `${node.target.join(' ')} [${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}]`).join(', ')}`,
    );
}

/**
 * Saves docs/screenshots/<name>.png (the whole page, or only the window for an open dialog) when
 * the README's pictures are being refreshed on purpose (`npm run screenshots`); an ordinary test
 * run leaves the tracked files alone.
 */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  if (process.env.TANDEM_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  // A whole page is captured as if scrolled to the top: scrolled, the fixed header and navigation
  // would be drawn where the window was, across the middle of the picture.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
}

/** True when the page needs no horizontal scrolling (WCAG 1.4.10 reflow); tables may scroll inside their own box. */
export function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Fills in and sends the sign-in form the page shows. */
export async function submitSignIn(page: Page, who: Credentials): Promise<void> {
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel(PASSWORD_LABEL).fill(who.password ?? DEFAULT_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Signs in through the sign-in screen and waits until the app shows where everyone lands, the
 * partner directory, or what `landed` waits for (two-factor sign-in's next step, say).
 */
export async function signIn(
  page: Page,
  app: { url: string },
  who: Credentials,
  landed: (page: Page) => Promise<void> = (on) =>
    on.getByRole('heading', { level: 1, name: 'Partner directory' }).waitFor(),
): Promise<void> {
  await page.goto(`${app.url}/sign-in`);
  await submitSignIn(page, who);
  await landed(page);
}

/** Signs in through the API: the access token and the user's id. */
export async function apiSignIn(app: TestApp, who: Credentials): Promise<{ token: string; id: string }> {
  const response = await request(app.http)
    .post('/api/v1/auth/login')
    .send({ email: who.email, password: who.password ?? DEFAULT_PASSWORD })
    .expect(200);
  return { token: response.body.accessToken as string, id: response.body.user.id as string };
}

/** No serious or critical WCAG violation on the page (or within `within`). */
export async function expectAccessible(page: Page, within?: string): Promise<void> {
  expect(await seriousA11yViolations(page, within)).toEqual([]);
}
