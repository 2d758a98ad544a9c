import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { CSV_COLUMNS } from '@tandem/shared';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Role } from '../../src/auth/role.enum';
import { Organization } from '../../src/organization/organization.entity';
import { StageChange } from '../../src/organization/stage-change.entity';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const EXPORT = '/api/v1/organizations/export.csv';
const IMPORT = '/api/v1/organizations/import';
const HEADER = CSV_COLUMNS.join(',');

type CsvRecord = Record<(typeof CSV_COLUMNS)[number], string>;

function readCsv(text: string): CsvRecord[] {
  return parse(text, { bom: true, columns: true });
}

/** A CSV file from a header and rows (cells quoted only where needed, as a spreadsheet would). */
function csvFile(header: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return Buffer.from([header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
}

function expectProblem(response: request.Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
}

describe('Organizations CSV (e2e)', () => {
  let t: TestApp;
  let manager: SignedIn;
  let audiences: Record<'teens' | 'seniors', string>;
  let capabilities: Record<'space' | 'internships', string>;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    manager = await signedInAs(t, Role.Manager, { email: 'maya@library.test' });
    const audience = async (name: string) =>
      (await request(t.http).post('/api/v1/audiences').set(manager.auth).send({ name, priority: 1 }).expect(201)).body
        .id as string;
    const capability = async (name: string) =>
      (await request(t.http).post('/api/v1/capabilities').set(manager.auth).send({ name }).expect(201)).body
        .id as string;
    audiences = { teens: await audience('Teens'), seniors: await audience('Seniors') };
    capabilities = { space: await capability('Meeting space'), internships: await capability('Paid internships') };
  });

  async function createOrg(body: Record<string, unknown>): Promise<{ id: string; version: number }> {
    return (await request(t.http).post('/api/v1/organizations').set(manager.auth).send(body).expect(201)).body;
  }

  function upload(file: Buffer, query = '', as: SignedIn = manager) {
    return request(t.http)
      .post(`${IMPORT}${query}`)
      .set(as.auth)
      .attach('file', file, { filename: 'organizations.csv', contentType: 'text/csv' });
  }

  /** What a test compares to see that nothing was written. */
  async function snapshot() {
    const orgs = await t.dataSource.getRepository(Organization).find({ order: { name: 'ASC' } });
    return {
      orgs: orgs.map(({ id, name, version, stage, notes, audienceIds }) => ({
        id,
        name,
        version,
        stage,
        notes,
        audienceIds,
      })),
      audit: await t.dataSource.getRepository(AuditEvent).count(),
      stageChanges: await t.dataSource.getRepository(StageChange).count(),
    };
  }

  describe('GET /organizations/export.csv', () => {
    it('exports every organization the list filters match, in the list order, with names instead of ids', async () => {
      await createOrg({
        name: 'Harbor House',
        stage: 'active',
        ownerId: manager.user.id,
        audienceIds: [audiences.teens, audiences.seniors],
        capabilityIds: [capabilities.space],
        seeksCapabilityIds: [capabilities.internships],
        tags: ['drop-in', 'youth'],
        fit: { audienceReach: 5, missionOverlap: 4, complementaryResources: 3, notes: 'Strong fit' },
      });
      await createOrg({ name: 'Anchor Clinic', stage: 'active' });
      await createOrg({ name: 'Zenith Arts', stage: 'prospect' });

      const response = await request(t.http).get(`${EXPORT}?stage=active&sort=-name`).set(manager.auth).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="organizations.csv"');
      expect(response.text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
      const rows = readCsv(response.text);
      expect(rows.map((row) => row.name)).toEqual(['Harbor House', 'Anchor Clinic']);
      expect(rows[0]).toMatchObject({
        stage: 'active',
        owner: manager.user.name,
        audiences: 'Teens; Seniors',
        capabilities: 'Meeting space',
        seeksCapabilities: 'Paid internships',
        tags: 'drop-in; youth',
        fitAudienceReach: '5',
        fitMissionOverlap: '4',
        fitComplementaryResources: '3',
        fitNotes: 'Strong fit',
        version: '1',
      });
      expect(rows[1]).toMatchObject({ owner: '', audiences: '', tags: '', fitAudienceReach: '0' });
      expect(rows[0]).not.toHaveProperty('ownerEmail');
      const list = await request(t.http)
        .get('/api/v1/organizations?stage=active&sort=-name')
        .set(manager.auth)
        .expect(200);
      expect(list.body.meta.total).toBe(2);
      expect(list.body.data.map((org: { id: string }) => org.id)).toEqual(rows.map((row) => row.id));

      const byAudience = readCsv(
        (await request(t.http).get(`${EXPORT}?audienceId=${audiences.seniors}`).set(manager.auth).expect(200)).text,
      );
      expect(byAudience.map((row) => row.name)).toEqual(['Harbor House']);
    });

    it('exports more than a page (no paging) and refuses paging parameters', async () => {
      for (let i = 0; i < 30; i += 1) await createOrg({ name: `Org ${String(i).padStart(2, '0')}` });
      const rows = readCsv((await request(t.http).get(EXPORT).set(manager.auth).expect(200)).text);
      expect(rows).toHaveLength(30);
      expect(rows[0].name).toBe('Org 00');
      const paged = await request(t.http).get(`${EXPORT}?limit=5`).set(manager.auth);
      expectProblem(paged, 400);
      expect(paged.body.errors).toEqual([{ field: 'limit', message: 'is not an allowed field' }]);
    });

    it('neutralizes cells a spreadsheet would run as formulas', async () => {
      await createOrg({
        name: 'Evil Corp',
        notes: '=HYPERLINK("http://evil.test","Click")',
        phone: '+1 503 555 0142',
        mission: '@SUM(A1)',
      });
      const [row] = readCsv((await request(t.http).get(EXPORT).set(manager.auth).expect(200)).text);
      expect(row.notes).toBe(`'=HYPERLINK("http://evil.test","Click")`);
      expect(row.phone).toBe("'+1 503 555 0142");
      expect(row.mission).toBe("'@SUM(A1)");
      expect(row.name).toBe('Evil Corp');
    });

    it("carries no user's email: owners are named by their name", async () => {
      const staff = await signedInAs(t, Role.Staff, { email: 'jo.private@library.test', name: 'Jo Park' });
      await createOrg({ name: 'Harbor House', ownerId: staff.user.id, email: 'hello@harbor.example.org' });
      await createOrg({ name: 'Anchor Clinic', ownerId: manager.user.id });
      const text = (await request(t.http).get(EXPORT).set(staff.auth).expect(200)).text;
      expect(text).not.toMatch(/ownerEmail/i);
      for (const email of ['jo.private@library.test', 'maya@library.test']) expect(text).not.toContain(email);
      expect(text).not.toMatch(/@library\.test/);
      expect(readCsv(text).map((row) => [row.name, row.owner])).toEqual([
        ['Anchor Clinic', manager.user.name],
        ['Harbor House', 'Jo Park'],
      ]);
      expect(readCsv(text)[1].email).toBe('hello@harbor.example.org'); // the organization's own address stays
    });

    it('is not open to viewers', async () => {
      const viewer = await signedInAs(t, Role.Viewer);
      expectProblem(await request(t.http).get(EXPORT).set(viewer.auth), 403);
    });
  });

  describe('POST /organizations/import', () => {
    it('re-importing an export matches every row, changes nothing and keeps formulas as text', async () => {
      await createOrg({
        name: 'Harbor House',
        stage: 'exploring',
        ownerId: manager.user.id,
        audienceIds: [audiences.teens],
        capabilityIds: [capabilities.space, capabilities.internships],
        tags: ['youth'],
        phone: '+1 503 555 0142',
        notes: '=HYPERLINK("http://evil.test","Click")\nSecond line, with "quotes"',
        fit: { audienceReach: 2, notes: "'=already quoted" },
      });
      await createOrg({ name: 'Café Lecture', mission: 'Lire ensemble' });
      const before = await snapshot();
      const exported = (await request(t.http).get(EXPORT).set(manager.auth).expect(200)).text;

      const dryRun = await upload(Buffer.from(exported, 'utf8'), '?dryRun=true').expect(200);
      expect(dryRun.body).toEqual({ created: 0, updated: 2, errors: [] });
      const response = await upload(Buffer.from(exported, 'utf8')).expect(200);
      expect(response.body).toEqual({ created: 0, updated: 2, errors: [] });

      expect(await snapshot()).toEqual(before);
      const harbor = await t.dataSource.getRepository(Organization).findOneByOrFail({ name: 'Harbor House' });
      expect(harbor).toMatchObject({
        phone: '+1 503 555 0142',
        notes: '=HYPERLINK("http://evil.test","Click")\nSecond line, with "quotes"',
        fitNotes: "'=already quoted",
        version: 1,
      });
      const again = (await request(t.http).get(EXPORT).set(manager.auth).expect(200)).text;
      expect(again).toBe(exported);
    });

    it('creates and updates rows, resolving audiences, capabilities and owners by name', async () => {
      const existing = await createOrg({ name: 'Harbor House', stage: 'prospect', tags: ['old'] });
      const staff = await signedInAs(t, Role.Staff, { email: 'jo@library.test', name: 'Jo Park' });
      const file = csvFile(
        [
          'name',
          'stage',
          'owner',
          'audiences',
          'capabilities',
          'seeksCapabilities',
          'tags',
          'fitMissionOverlap',
          'notes',
        ],
        [
          ['harbor house', 'active', ' JO PARK ', 'teens', '', 'MEETING SPACE', 'Youth; Drop-in', '4', 'Met in May'],
          [
            'Riverside Seniors',
            '',
            '',
            'Seniors; Teens',
            'Paid internships; Meeting space',
            '',
            '',
            '',
            "'+ not a formula",
          ],
        ],
      );
      const response = await upload(file, '', staff).expect(200);
      expect(response.body).toEqual({ created: 1, updated: 1, errors: [] });

      const harbor = await request(t.http).get(`/api/v1/organizations/${existing.id}`).set(staff.auth).expect(200);
      expect(harbor.body).toMatchObject({
        name: 'harbor house', // matched ignoring case; the file's spelling is the new name
        version: 2,
        stage: 'active',
        ownerId: staff.user.id,
        audienceIds: [audiences.teens],
        capabilityIds: [],
        seeksCapabilityIds: [capabilities.space],
        tags: ['youth', 'drop-in'],
        fit: { missionOverlap: 4, audienceReach: 0 },
        notes: 'Met in May',
      });
      const riverside = await t.dataSource.getRepository(Organization).findOneByOrFail({ name: 'Riverside Seniors' });
      expect(riverside).toMatchObject({
        stage: 'prospect',
        ownerId: null,
        audienceIds: [audiences.seniors, audiences.teens],
        capabilityIds: [capabilities.internships, capabilities.space],
        notes: '+ not a formula',
      });

      const stageChanges = await t.dataSource
        .getRepository(StageChange)
        .find({ where: { organizationId: existing.id }, order: { changedAt: 'ASC' } });
      expect(
        stageChanges.map(({ fromStage, toStage, reason, changedById }) => ({
          fromStage,
          toStage,
          reason,
          changedById,
        })),
      ).toEqual([
        { fromStage: null, toStage: 'prospect', reason: null, changedById: manager.user.id },
        { fromStage: 'prospect', toStage: 'active', reason: 'CSV import', changedById: staff.user.id },
      ]);
      const created = await t.dataSource.getRepository(StageChange).findOneByOrFail({ organizationId: riverside.id });
      expect(created).toMatchObject({
        fromStage: null,
        toStage: 'prospect',
        reason: 'CSV import',
        changedById: staff.user.id,
      });
      const audit = await t.dataSource
        .getRepository(AuditEvent)
        .find({ where: { actorId: staff.user.id }, order: { entityId: 'ASC' } });
      expect(
        audit
          .map((event) => ({ entityId: event.entityId, action: event.action }))
          .sort((a, b) => a.action.localeCompare(b.action)),
      ).toEqual([
        { entityId: riverside.id, action: 'create' },
        { entityId: existing.id, action: 'update' },
      ]);
      const update = audit.find((event) => event.action === 'update')!;
      expect(update.changes).toMatchObject({
        stage: { before: 'prospect', after: 'active' },
        tags: { before: ['old'], after: ['youth', 'drop-in'] },
      });

      const timeline = await request(t.http)
        .get(`/api/v1/organizations/${existing.id}/timeline`)
        .set(staff.auth)
        .expect(200);
      expect(timeline.body.data.map((item: { summary: string }) => item.summary)).toContain(
        'Stage: prospect → active — CSV import',
      );
    });

    it('updates the organization named by id, even when the row renames it', async () => {
      const org = await createOrg({ name: 'Old Name' });
      const response = await upload(csvFile(['id', 'name', 'version'], [[org.id, 'New Name', '1']])).expect(200);
      expect(response.body).toEqual({ created: 0, updated: 1, errors: [] });
      expect(await t.dataSource.getRepository(Organization).findOneByOrFail({ id: org.id })).toMatchObject({
        name: 'New Name',
        version: 2,
      });
    });

    it('imports nothing from a file with wrong rows and reports each with its row and column', async () => {
      await createOrg({ name: 'Harbor House', stage: 'prospect' });
      const before = await snapshot();
      const file = csvFile(
        ['name', 'stage', 'audiences'],
        [
          ['Harbor House', 'active', 'Teens'],
          ['Riverside Seniors', 'dormant', 'Seniors'],
          ['Book Bus', 'exploring', 'Teens; Martians'],
          ['Good Row', '', ''],
        ],
      );
      const response = await upload(file);
      expectProblem(response, 400);
      expect(response.body).toMatchObject({ code: 'CSV_IMPORT_INVALID', errorCount: 2 });
      expect(response.body.detail).toMatch(/Nothing was imported/);
      expect(response.body.errors).toEqual([
        { row: 3, field: 'stage', message: 'must be one of prospect, exploring, active, paused, ended' },
        { row: 4, field: 'audiences', message: '"Martians" is not a known audience' },
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('reports every kind of row problem', async () => {
      const org = await createOrg({ name: 'Harbor House' });
      await createOrg({ name: 'Anchor Clinic' });
      const file = csvFile(
        ['id', 'name', 'email', 'owner', 'fitAudienceReach', 'website', 'tags'],
        [
          ['', 'Dup', '', '', '', '', ''],
          ['', 'DUP ', '', '', '', '', ''],
          ['not-an-id', 'X', '', '', '', '', ''],
          ['3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f', 'Y', '', '', '', '', ''],
          [org.id, 'Anchor Clinic', '', '', '', '', ''],
          ['', 'Bad Cells', 'not-an-email', 'Nobody Here', '7', 'not a url', 'ok; bad;tag!'],
          ['', 'harbor house', '', '', '', '', ''],
          ['too', 'few'],
        ],
      );
      const response = await upload(file, '?dryRun=true').expect(200);
      expect(response.body.created).toBe(1);
      expect(response.body.updated).toBe(0);
      expect(response.body.errors).toEqual([
        { row: 3, field: 'name', message: 'is also the name in row 2' },
        { row: 4, field: 'id', message: 'must be an organization id, or empty for a new organization' },
        { row: 5, field: 'id', message: 'no organization has this id' },
        { row: 6, field: 'name', message: 'is the name of another organization' },
        { row: 7, field: 'owner', message: 'is not an active user' },
        { row: 7, field: 'website', message: 'must be a web address' },
        { row: 7, field: 'email', message: 'must be an email address' },
        { row: 7, field: 'tags', message: expect.stringMatching(/^each tag must be/) },
        { row: 7, field: 'fitAudienceReach', message: expect.stringMatching(/must not be greater than 5/) },
        { row: 8, field: 'name', message: `updates the same organization as row 6` },
        { row: 9, field: null, message: 'has 2 cells; the header has 7' },
      ]);
    });

    it('reports an unknown column and a missing name column on row 1', async () => {
      const response = await upload(csvFile(['id', 'colour'], [['', 'red']]), '?dryRun=true').expect(200);
      expect(response.body).toEqual({
        created: 0,
        updated: 0,
        errors: [
          { row: 1, field: 'colour', message: expect.stringMatching(/^is not a known column/) },
          { row: 1, field: 'name', message: 'column is missing' },
        ],
      });
    });

    it("refuses rows whose version is stale (a colleague's edit since the export), in a dry run too, importing nothing", async () => {
      const harbor = await createOrg({ name: 'Harbor House', notes: 'Original' });
      await createOrg({ name: 'Anchor Clinic' });
      const exported = (await request(t.http).get(EXPORT).set(manager.auth).expect(200)).text;
      // A colleague edits Harbor House after the export.
      const colleague = await signedInAs(t, Role.Staff);
      await request(t.http)
        .patch(`/api/v1/organizations/${harbor.id}`)
        .set(colleague.auth)
        .send({ version: 1, notes: "Colleague's newer notes" })
        .expect(200);
      const before = await snapshot();
      // The old export, edited in a spreadsheet: both rows change their notes.
      const rows = readCsv(exported).map((row) => ({ ...row, notes: 'From the old file' }));
      const file = csvFile(
        CSV_COLUMNS,
        rows.map((row) => CSV_COLUMNS.map((column) => row[column])),
      );
      const harborRow = rows.findIndex((row) => row.name === 'Harbor House') + 2;
      const staleError = {
        row: harborRow,
        field: 'version',
        message: expect.stringMatching(/^is 1, but the organization is now at version 2: someone changed it since/),
      };

      const dryRun = await upload(file, '?dryRun=true').expect(200);
      expect(dryRun.body).toEqual({ created: 0, updated: 1, errors: [staleError] });
      const response = await upload(file);
      expectProblem(response, 400);
      expect(response.body).toMatchObject({ code: 'CSV_IMPORT_INVALID', errorCount: 1, errors: [staleError] });
      expect(await snapshot()).toEqual(before);
      expect(await t.dataSource.getRepository(Organization).findOneByOrFail({ id: harbor.id })).toMatchObject({
        notes: "Colleague's newer notes",
        version: 2,
      });

      // Without a version (no column, or an empty cell) a row overwrites, as before.
      const noVersionColumn = csvFile(['id', 'name', 'notes'], [[harbor.id, 'Harbor House', 'Overwritten']]);
      expect((await upload(noVersionColumn)).body).toEqual({ created: 0, updated: 1, errors: [] });
      const emptyCell = csvFile(
        ['id', 'name', 'notes', 'version'],
        [[harbor.id, 'Harbor House', 'Overwritten again', '']],
      );
      expect((await upload(emptyCell)).body).toEqual({ created: 0, updated: 1, errors: [] });
      expect(await t.dataSource.getRepository(Organization).findOneByOrFail({ id: harbor.id })).toMatchObject({
        notes: 'Overwritten again',
        version: 4,
      });
      // And the current version passes; a version that is not a number is named.
      expect((await upload(csvFile(['name', 'notes', 'version'], [['harbor house', 'Current', '4']]))).body).toEqual({
        created: 0,
        updated: 1,
        errors: [],
      });
      const garbled = await upload(csvFile(['name', 'version'], [['Harbor House', 'v5']]), '?dryRun=true').expect(200);
      expect(garbled.body.errors).toEqual([
        { row: 2, field: 'version', message: 'must be the version from the export (a whole number), or empty' },
      ]);
    });

    it('matches owners by name among active users, keeps a deactivated current owner, and refuses an ambiguous name', async () => {
      const admin = await signedInAs(t, Role.Admin);
      const alex = await signedInAs(t, Role.Staff, { name: 'Alex Rivera' });
      const otherAlex = await signedInAs(t, Role.Staff, { name: 'alex rivera' });
      const sam = await signedInAs(t, Role.Staff, { name: 'Sam Lee' });
      const kept = await createOrg({ name: 'Kept Owner', ownerId: sam.user.id });
      await request(t.http).patch(`/api/v1/users/${sam.user.id}`).set(admin.auth).send({ active: false }).expect(200);
      await createOrg({ name: 'Alex Owns', ownerId: alex.user.id });

      // Ambiguous: two active users are "Alex Rivera" (a new assignment); a deactivated user cannot be newly assigned.
      const refused = await upload(
        csvFile(
          ['name', 'owner'],
          [
            ['New Partner', 'Alex Rivera'],
            ['Another', 'Sam Lee'],
          ],
        ),
        '?dryRun=true',
      ).expect(200);
      expect(refused.body.errors).toEqual([
        { row: 2, field: 'owner', message: expect.stringMatching(/^is the name of 2 active users/) },
        { row: 3, field: 'owner', message: 'is not an active user' },
      ]);
      const realRun = await upload(csvFile(['name', 'owner'], [['New Partner', 'Alex Rivera']]));
      expectProblem(realRun, 400);
      expect(await t.dataSource.getRepository(Organization).countBy({ name: 'New Partner' })).toBe(0);

      // The export imports back: the current owner wins over a namesake and may stay when deactivated.
      const exported = (await request(t.http).get(EXPORT).set(manager.auth).expect(200)).text;
      expect(readCsv(exported).map((row) => [row.name, row.owner])).toEqual([
        ['Alex Owns', 'Alex Rivera'],
        ['Kept Owner', 'Sam Lee'],
      ]);
      expect((await upload(Buffer.from(exported, 'utf8'))).body).toEqual({ created: 0, updated: 2, errors: [] });
      expect(await t.dataSource.getRepository(Organization).findOneByOrFail({ id: kept.id })).toMatchObject({
        ownerId: sam.user.id,
        version: 1,
      });

      // A unique name assigns; an old export's ownerEmail column still works.
      await request(t.http)
        .patch(`/api/v1/users/${otherAlex.user.id}`)
        .set(admin.auth)
        .send({ active: false })
        .expect(200);
      expect((await upload(csvFile(['name', 'owner'], [['New Partner', 'ALEX RIVERA']]))).body).toEqual({
        created: 1,
        updated: 0,
        errors: [],
      });
      expect(await t.dataSource.getRepository(Organization).findOneByOrFail({ name: 'New Partner' })).toMatchObject({
        ownerId: alex.user.id,
      });
      expect(
        (await upload(csvFile(['name', 'ownerEmail'], [['Legacy File', manager.user.email.toUpperCase()]]))).body,
      ).toEqual({ created: 1, updated: 0, errors: [] });
      expect(await t.dataSource.getRepository(Organization).findOneByOrFail({ name: 'Legacy File' })).toMatchObject({
        ownerId: manager.user.id,
      });
      const both = await upload(csvFile(['name', 'owner', 'ownerEmail'], [['X', '', '']]), '?dryRun=true').expect(200);
      expect(both.body.errors).toEqual([
        { row: 1, field: 'ownerEmail', message: 'cannot be used together with owner; keep one of them' },
      ]);
    });

    // (An unpaired surrogate cannot arrive in a file: its bytes are not UTF-8, and such a file is refused whole.)
    it('refuses a cell with a NUL character as a row error naming the column, importing nothing', async () => {
      await createOrg({ name: 'Harbor House' });
      const before = await snapshot();
      const file = csvFile(
        ['name', 'notes', 'owner', 'tags'],
        [
          ['Good Row', 'fine', '', ''],
          ['Nul\u0000Name', '', '', ''],
          ['Harbor House', 'bad \u0000 notes', 'Ma\u0000ya', 'a;\u0000'],
        ],
      );
      const message = 'must not contain NUL characters or unpaired UTF-16 surrogates';
      const expected = [
        { row: 3, field: 'name', message },
        { row: 4, field: 'notes', message },
        { row: 4, field: 'owner', message },
        { row: 4, field: 'tags', message },
      ];
      const dryRun = await upload(file, '?dryRun=true').expect(200);
      expect(dryRun.body).toEqual({ created: 1, updated: 0, errors: expected });
      const response = await upload(file);
      expectProblem(response, 400);
      expect(response.body.errors).toEqual(expected);
      expect(await snapshot()).toEqual(before);
    });

    it('a dry run reports what would happen and writes nothing', async () => {
      await createOrg({ name: 'Harbor House' });
      const before = await snapshot();
      const file = csvFile(
        ['name', 'stage'],
        [
          ['Harbor House', 'active'],
          ['New One', 'prospect'],
          ['Newer One', ''],
        ],
      );
      const response = await upload(file, '?dryRun=true').expect(200);
      expect(response.body).toEqual({ created: 2, updated: 1, errors: [] });
      expect(await snapshot()).toEqual(before);

      const withErrors = await upload(
        csvFile(
          ['name', 'stage'],
          [
            ['New One', 'dormant'],
            ['Other', 'active'],
          ],
        ),
        '?dryRun=true',
      ).expect(200);
      expect(withErrors.body).toEqual({
        created: 1,
        updated: 0,
        errors: [{ row: 2, field: 'stage', message: expect.any(String) }],
      });
      expect(await snapshot()).toEqual(before);
    });

    it('answers 413 for a file over 5 MB, writing nothing', async () => {
      const big = Buffer.concat([Buffer.from('name,notes\r\n'), Buffer.alloc(5 * 1024 * 1024, 'a')]);
      const response = await upload(big);
      expectProblem(response, 413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(response.body.detail).toMatch(/larger than 5 MB/);
      expect(await t.dataSource.getRepository(Organization).count()).toBe(0);
    });

    it('answers 400 for more than 10,000 rows, writing nothing', async () => {
      const rows = Array.from({ length: 10_001 }, (_, i) => [`Org ${i}`]);
      const response = await upload(csvFile(['name'], rows), '?dryRun=true');
      expectProblem(response, 400);
      expect(response.body.code).toBe('CSV_TOO_MANY_ROWS');
      expect(response.body.detail).toMatch(/10001 data rows; at most 10000/);
      expectProblem(await upload(csvFile(['name'], rows)), 400);
      expect(await t.dataSource.getRepository(Organization).count()).toBe(0);
    });

    it('answers 400 without a file, with another field, and for a file that is empty or not CSV text', async () => {
      const noFile = await request(t.http).post(IMPORT).set(manager.auth).field('dryRun', 'true');
      expectProblem(noFile, 400);
      expect(noFile.body.code).toBe('CSV_FILE_MISSING');
      const json = await request(t.http).post(IMPORT).set(manager.auth).send({});
      expectProblem(json, 400);
      expect(json.body.code).toBe('CSV_FILE_MISSING');
      const wrongField = await request(t.http)
        .post(IMPORT)
        .set(manager.auth)
        .attach('upload', Buffer.from('name\nA\n'), 'a.csv');
      expectProblem(wrongField, 400);
      const empty = await upload(Buffer.alloc(0));
      expectProblem(empty, 400);
      expect(empty.body.code).toBe('CSV_UNREADABLE');
      const latin1 = await upload(Buffer.from('name\nBiblioth\xe8que\n', 'latin1'));
      expectProblem(latin1, 400);
      expect(latin1.body.detail).toMatch(/not UTF-8/);
      expectProblem(await upload(csvFile(['name'], [['A']]), '?dryRun=maybe'), 400);
      expect(await t.dataSource.getRepository(Organization).count()).toBe(0);
    });

    it('is refused to viewers (403) and anonymous callers (401)', async () => {
      const viewer = await signedInAs(t, Role.Viewer);
      const response = await upload(csvFile(['name'], [['Sneaky']]), '', viewer);
      expectProblem(response, 403);
      expectProblem(
        await request(t.http)
          .post(IMPORT)
          .attach('file', csvFile(['name'], [['Sneaky']]), 'a.csv'),
        401,
      );
      expect(await t.dataSource.getRepository(Organization).count()).toBe(0);
    });
  });

  it('documents both routes in the OpenAPI document', async () => {
    const { body: doc } = await request(t.http).get('/api/docs-json').expect(200);
    const exportOp = doc.paths['/api/v1/organizations/export.csv'].get;
    const importOp = doc.paths['/api/v1/organizations/import'].post;
    expect(exportOp.responses['200'].content['text/csv']).toBeDefined();
    expect(exportOp.parameters.map((p: { name: string }) => p.name)).not.toContain('limit');
    expect(importOp.requestBody.content['multipart/form-data'].schema.properties.file).toEqual(
      expect.objectContaining({ format: 'binary' }),
    );
    expect(importOp.parameters.map((p: { name: string }) => p.name)).toContain('dryRun');
    expect(Object.keys(importOp.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '413']));
    expect(importOp.description).toMatch(/`version` is not the organization's current version is an error/);
    expect(importOp.description).toMatch(/`owner` is a user's name/);
    expect(exportOp.description).not.toMatch(/ownerEmail/);
  });
});
