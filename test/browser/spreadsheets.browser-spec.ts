import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Browser, Locator, Page } from 'playwright-core';
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
 * The directory as a spreadsheet, in Chromium against the real app: staff export what the
 * directory shows, change one partner and break another in the file; the check lists the broken
 * row and writes nothing; fixed and checked again, the import writes it all. A viewer is offered
 * neither; at 360 px the dialog fills the screen and its table of problems fits.
 */
const ADMIN = { name: 'Rosa Librarian', email: 'rosa@library.test', password: 'teen services at the branch 2026' };
const STAFF = { name: 'Sam Outreach', email: 'sam@library.test', password: 'out at the shelter every tuesday' };
const VIEWER = { name: 'Board Member', email: 'board@library.test', password: 'reading the partner list only' };
const HARBOR = 'Harbor House Youth Shelter';
const DOGWOOD = 'Dogwood Literacy Circle';
const NEXT_STEP = 'Next Step College Access';
const NEW_PARTNER = 'Westside Food Pantry';
const OLD_MISSION = 'Safe beds for young people aged 16–24.';
const NEW_MISSION = 'Safe beds, meals and case management for young people aged 16–24.';
const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

type Row = Record<string, string>;

describe('Spreadsheets: the directory as CSV in the browser', () => {
  let app: ServedApp;
  let browser: Browser;
  let staffToken: string;
  let files: string;
  const ids: Record<string, string> = {};

  const api = () => request(app.http);
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  const dialog = (page: Page) => page.getByRole('dialog', { name: 'Import partners from a CSV file' });

  /** Writes rows as the export does (byte order mark, CRLF) into this run's folder. */
  function writeCsv(name: string, header: string[], rows: Row[]): string {
    const path = join(files, name);
    const records = rows.map((row) => header.map((column) => row[column] ?? ''));
    writeFileSync(path, `\uFEFF${stringify([header, ...records], { record_delimiter: 'windows' })}`);
    return path;
  }

  /** Chooses a file through the dialog's file picker, as a person does. */
  async function pick(page: Page, path: string): Promise<void> {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      dialog(page).getByRole('button', { name: 'CSV file' }).click(),
    ]);
    await chooser.setFiles(path);
  }

  /** The cells of the table of problems, row by row. */
  async function problemRows(table: Locator): Promise<string[][]> {
    const rows = await table.getByRole('row').all();
    return Promise.all(rows.slice(1).map((row) => row.getByRole('cell').allInnerTexts()));
  }

  async function organization(name: string): Promise<{ id: string; mission: string | null; stage: string } | null> {
    const [row] = await app.dataSource.query(
      `SELECT id, mission, stage FROM organizations WHERE lower(name) = lower($1)`,
      [name],
    );
    return row ?? null;
  }

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'tandem-spreadsheets-'));
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
    await api()
      .post('/api/v1/audiences')
      .set(as(adminToken))
      .send({ name: 'Youth experiencing homelessness', priority: 1 })
      .expect(201);
    ({ token: staffToken } = await apiSignIn(app, STAFF));
    for (const partner of [
      {
        name: HARBOR,
        stage: 'active',
        mission: OLD_MISSION,
        tags: ['drop-in'],
        fit: { audienceReach: 4, missionOverlap: 3, complementaryResources: 2 },
      },
      { name: DOGWOOD, stage: 'active', mission: 'Reading circles for adults.' },
      // Not active: the filtered export leaves it out.
      { name: NEXT_STEP, stage: 'prospect' },
    ]) {
      const created = await api().post('/api/v1/organizations').set(as(staffToken)).send(partner).expect(201);
      ids[partner.name] = created.body.id;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('staff export the filtered directory, fix what the check finds in the file, and import it', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    // The export takes the directory's filters and sort from the address bar.
    await page.goto(`${app.url}/organizations?stage=active&sort=-name`);
    await page.getByRole('status').filter({ hasText: '2 partners found' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^tandem-partners-\d{4}-\d{2}-\d{2}\.csv$/);
    const today = await page.evaluate(() => {
      const now = new Date();
      const pad = (value: number) => String(value).padStart(2, '0');
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    });
    expect(download.suggestedFilename()).toBe(`tandem-partners-${today}.csv`);
    const exported = readFileSync(await download.path(), 'utf8');
    expect(exported.startsWith('\uFEFF')).toBe(true);
    const records: string[][] = parse(exported, { bom: true });
    const [header, ...cells] = records;
    const rows: Row[] = cells.map((row) => Object.fromEntries(header.map((column, i) => [column, row[i]])));
    // Only the active partners, by name descending: as the directory shows them.
    expect(rows.map((row) => row.name)).toEqual([HARBOR, DOGWOOD]);
    expect(rows[0]).toMatchObject({ id: ids[HARBOR], mission: OLD_MISSION, stage: 'active', version: '1' });

    // In the spreadsheet: a new mission for one partner, a stage that does not exist for another, and a new partner.
    const edited = rows.map((row) => ({ ...row }));
    edited[0].mission = NEW_MISSION;
    edited[1].stage = 'thriving';
    edited.push({ name: NEW_PARTNER, stage: 'exploring' });
    const broken = writeCsv('partners.csv', header, edited);

    await page.getByRole('button', { name: 'Import CSV' }).click();
    await dialog(page).waitFor();
    await expectAccessible(page, '[role="dialog"]');

    // The template is the export's header row and nothing else.
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      dialog(page).getByRole('button', { name: 'Download a template' }).click(),
    ]);
    expect(template.suggestedFilename()).toBe('tandem-partners-template.csv');
    expect(parse(readFileSync(await template.path(), 'utf8'), { bom: true })).toEqual([header]);

    const importButton = dialog(page).getByRole('button', { name: 'Import', exact: true });
    await expect(importButton.isDisabled()).resolves.toBe(true);
    await pick(page, broken);
    await dialog(page).getByRole('button', { name: 'Check the file' }).click();
    const alert = dialog(page).getByRole('alert');
    await alert.getByText('Nothing was written: 1 problem to fix').waitFor();
    await expect(alert.innerText()).resolves.toContain('The other rows are fine (1 new partner, 1 updated)');
    await expect(problemRows(dialog(page).getByRole('table'))).resolves.toEqual([
      ['3', 'stage', 'Must be one of prospect, exploring, active, paused, ended'],
    ]);
    await expect(importButton.isDisabled()).resolves.toBe(true);
    await expectAccessible(page, '[role="dialog"]');
    await screenshot(page, 'import-csv-problems', { fullPage: false });

    // Nothing was written.
    await expect(organization(HARBOR)).resolves.toMatchObject({ mission: OLD_MISSION });
    await expect(organization(NEW_PARTNER)).resolves.toBeNull();
    const harbor = await api().get(`/api/v1/organizations/${ids[HARBOR]}`).set(as(staffToken)).expect(200);
    expect(harbor.body).toMatchObject({ mission: OLD_MISSION, version: 1 });

    // Fixed and saved over the same file, picked again and checked again.
    edited[1].stage = 'paused';
    writeCsv('partners.csv', header, edited);
    await pick(page, broken);
    await expect(dialog(page).getByRole('table').count()).resolves.toBe(0);
    await expect(importButton.isDisabled()).resolves.toBe(true);
    await dialog(page).getByRole('button', { name: 'Check the file' }).click();
    await dialog(page).getByRole('status').filter({ hasText: 'Ready: 1 new partner, 2 updated' }).waitFor();
    await expect(importButton.isEnabled()).resolves.toBe(true);
    await expect(organization(NEW_PARTNER)).resolves.toBeNull();

    await importButton.click();
    await dialog(page).getByRole('status').filter({ hasText: 'Imported: 1 new partner, 2 updated' }).waitFor();
    await expectAccessible(page, '[role="dialog"]');

    const after = await api().get(`/api/v1/organizations/${ids[HARBOR]}`).set(as(staffToken)).expect(200);
    expect(after.body).toMatchObject({ mission: NEW_MISSION, version: 2, stage: 'active', tags: ['drop-in'] });
    expect(after.body.fit).toMatchObject({ audienceReach: 4, missionOverlap: 3, complementaryResources: 2 });
    await expect(organization(DOGWOOD)).resolves.toMatchObject({ stage: 'paused' });
    await expect(organization(NEW_PARTNER)).resolves.toMatchObject({ stage: 'exploring' });
    await expect(organization(NEXT_STEP)).resolves.toMatchObject({ stage: 'prospect' });

    // The directory behind the dialog has been refreshed: Dogwood is paused now, so one active partner is left.
    await dialog(page).getByRole('button', { name: 'Done' }).click();
    await dialog(page).waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: '1 partner found' }).waitFor();
    await expect(page.getByRole('link', { name: DOGWOOD }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a viewer is offered neither Export CSV nor Import CSV, and the API refuses them both', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const { page, problems } = await newPage(context);
    await signIn(page, app, VIEWER);
    await page.getByRole('link', { name: HARBOR }).waitFor();
    await expect(page.getByRole('button', { name: 'Export CSV' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Import CSV' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Add partner' }).count()).resolves.toBe(0);

    const { token } = await apiSignIn(app, VIEWER);
    await api().get('/api/v1/organizations/export.csv').set(as(token)).expect(403);
    await api()
      .post('/api/v1/organizations/import?dryRun=true')
      .set(as(token))
      .attach('file', Buffer.from('name\r\nAnything\r\n'), 'partners.csv')
      .expect(403);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at 360 px the dialog fills the screen, says what is wrong with a file in plain words, and its table fits', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
    const { page, problems } = await newPage(context);
    await signIn(page, app, STAFF);
    await page.getByRole('link', { name: HARBOR }).waitFor();
    expect(await fitsWidth(page)).toBe(true);

    await page.getByRole('button', { name: 'Import CSV' }).click();
    await dialog(page).waitFor();
    const box = await dialog(page).boundingBox();
    expect(box?.width).toBe(PHONE.width);
    expect(await fitsWidth(page)).toBe(true);

    // A workbook instead of a CSV: refused before anything is sent.
    const workbook = join(files, 'partners.xlsx');
    writeFileSync(workbook, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe]));
    await pick(page, workbook);
    await dialog(page).getByText('“partners.xlsx” is not a CSV file.', { exact: false }).waitFor();
    await expect(dialog(page).getByRole('button', { name: 'Check the file' }).isDisabled()).resolves.toBe(true);

    // A .csv that is not UTF-8 text: the server's own words.
    const latin1 = join(files, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('name\r\nCaf\xe9 des Livres\r\n', 'latin1'));
    await pick(page, latin1);
    await dialog(page).getByRole('button', { name: 'Check the file' }).click();
    await dialog(page).getByRole('alert').getByText('The file is not UTF-8 text.', { exact: false }).waitFor();

    // Two wrong cells in a row with long column names: the table of problems stays on the screen.
    const wrong = writeCsv(
      'wrong.csv',
      ['name', 'email', 'fitComplementaryResources'],
      [{ name: 'Eastside Seniors Club', email: 'not an address', fitComplementaryResources: '9' }],
    );
    await pick(page, wrong);
    await dialog(page).getByRole('button', { name: 'Check the file' }).click();
    const table = dialog(page).getByRole('table');
    await table.waitFor();
    const rows = await problemRows(table);
    expect(rows.map(([row, column]) => [row, column])).toEqual([
      ['2', 'email'],
      ['2', 'fitComplementaryResources'],
    ]);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, '[role="dialog"]');
    await table.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-csv-phone', { fullPage: false });
    await expect(organization('Eastside Seniors Club')).resolves.toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});
