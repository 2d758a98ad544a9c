import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { LIBRARY_SETTINGS_AUDIT_ID, LibrarySettingsService } from '../../src/library/library-settings.service';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const PATH = '/api/v1/settings/library';
/** The test environment leaves DIGEST_TIMEZONE unset: the library's zone defaults to UTC. */
const DEFAULTS = {
  version: 1,
  name: 'The library',
  timezone: 'UTC',
  defaultLanguage: 'en',
  languages: ['en', 'es'],
  fiscalYearStartMonth: 7,
};

/** The settings rows and audit events, whole: equal snapshots mean nothing was written. */
async function snapshot(t: TestApp): Promise<unknown> {
  const [row] = await t.dataSource.query(`
    SELECT (SELECT coalesce(json_agg(s ORDER BY s.key), '[]') FROM settings s) AS settings,
           (SELECT count(*)::int FROM audit_events) AS audit`);
  return row;
}

describe(`${LibrarySettingsService.name} (e2e)`, () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    admin = await signedInAs(t, Role.Admin);
  });

  const get = async (auth = admin.auth) => (await request(t.http).get(PATH).set(auth).expect(200)).body;
  const patch = (body: unknown, auth = admin.auth) =>
    request(t.http)
      .patch(PATH)
      .set(auth)
      .send(body as object);

  it('answers the defaults at version 1 to every role while nothing is stored', async () => {
    for (const role of [Role.Viewer, Role.Staff, Role.Manager, Role.Admin]) {
      const user = await signedInAs(t, role);
      expect(await get(user.auth)).toEqual(DEFAULTS);
    }
    expect(await t.dataSource.query(`SELECT * FROM settings`)).toEqual([]);
    expect((await request(t.http).get(PATH).expect(401)).body.code).toBeDefined();
  });

  it('merges a change, stores the whole settings at version 2, audits each changed field, and every role reads it', async () => {
    const response = await patch({
      version: 1,
      name: '  Riverside Public Library ',
      timezone: 'america/chicago',
      languages: ['es', 'EN'],
      defaultLanguage: 'es',
      fiscalYearStartMonth: 10,
    }).expect(200);
    const expected = {
      version: 2,
      name: 'Riverside Public Library',
      timezone: 'America/Chicago',
      defaultLanguage: 'es',
      languages: ['es', 'en'],
      fiscalYearStartMonth: 10,
    };
    expect(response.body).toEqual(expected);
    const viewer = await signedInAs(t, Role.Viewer);
    expect(await get(viewer.auth)).toEqual(expected);

    const [row] = await t.dataSource.query(`SELECT key, value, version, updated_by_id FROM settings`);
    const { version: _version, ...value } = expected;
    expect(row).toEqual({ key: 'library', value, version: 2, updated_by_id: admin.user.id });
    const events = await t.dataSource.query(
      `SELECT actor_id, entity_type, entity_id, action, changes FROM audit_events`,
    );
    expect(events).toEqual([
      {
        actor_id: admin.user.id,
        entity_type: 'settings',
        entity_id: LIBRARY_SETTINGS_AUDIT_ID,
        action: 'update',
        changes: {
          name: { before: 'The library', after: 'Riverside Public Library' },
          timezone: { before: 'UTC', after: 'America/Chicago' },
          defaultLanguage: { before: 'en', after: 'es' },
          languages: { before: ['en', 'es'], after: ['es', 'en'] },
          fiscalYearStartMonth: { before: 7, after: 10 },
        },
      },
    ]);
  });

  it('bumps the version on each later change and keeps it for a change that changes nothing', async () => {
    await patch({ version: 1, name: 'Riverside' }).expect(200);
    const third = await patch({ version: 2, languages: ['en'] }).expect(200);
    expect(third.body).toEqual({ ...DEFAULTS, version: 3, name: 'Riverside', languages: ['en'] });
    const same = await patch({ version: 3, name: ' Riverside ', languages: ['en'] }).expect(200);
    expect(same.body).toEqual(third.body);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(2);
  });

  it('writes nothing for a change that changes nothing before anything is stored', async () => {
    expect((await patch({ version: 1, timezone: 'UTC', defaultLanguage: 'en' }).expect(200)).body).toEqual(DEFAULTS);
    expect(await snapshot(t)).toEqual({ settings: [], audit: 0 });
  });

  it('answers a stale version with 409 and the current version, changing nothing', async () => {
    await patch({ version: 1, name: 'Riverside' }).expect(200);
    const before = await snapshot(t);
    for (const version of [1, 3, 99]) {
      const response = await patch({ version, name: 'Eastside' }).expect(409);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    }
    expect(await snapshot(t)).toEqual(before);
  });

  describe('bad input changes nothing', () => {
    const cases: { name: string; body: Record<string, unknown>; fields: string[] }[] = [
      { name: 'an unknown zone', body: { timezone: 'Mars/Olympus_Mons' }, fields: ['timezone'] },
      { name: 'an offset for a zone', body: { timezone: '+05:00' }, fields: ['timezone'] },
      { name: 'an empty zone', body: { timezone: '' }, fields: ['timezone'] },
      { name: 'a huge zone', body: { timezone: 'A'.repeat(100_000) }, fields: ['timezone'] },
      { name: 'an unsupported language', body: { languages: ['en', 'fr'] }, fields: ['languages'] },
      { name: 'no language', body: { languages: [] }, fields: ['languages'] },
      { name: 'a language twice', body: { languages: ['en', 'es', 'en'] }, fields: ['languages'] },
      { name: 'a huge language tag', body: { languages: ['x'.repeat(100_000)] }, fields: ['languages'] },
      { name: 'thousands of languages', body: { languages: Array(5000).fill('en') }, fields: ['languages'] },
      { name: 'the default not offered', body: { languages: ['es'] }, fields: ['defaultLanguage'] },
      {
        name: 'the default not offered, in the same change',
        body: { languages: ['en'], defaultLanguage: 'es' },
        fields: ['defaultLanguage'],
      },
      { name: 'an unsupported default', body: { defaultLanguage: 'fr' }, fields: ['defaultLanguage'] },
      { name: 'an empty name', body: { name: '' }, fields: ['name'] },
      { name: 'a name of spaces', body: { name: '   ' }, fields: ['name'] },
      { name: 'a 121-character name', body: { name: 'x'.repeat(121) }, fields: ['name'] },
      { name: 'a huge name', body: { name: 'x'.repeat(500_000) }, fields: ['name'] },
      { name: 'a name with a NUL', body: { name: 'The\u0000library' }, fields: ['name'] },
      { name: 'a name as a number', body: { name: 42 }, fields: ['name'] },
      { name: 'a null name', body: { name: null }, fields: ['name'] },
      { name: 'a zone as a number', body: { timezone: -6 }, fields: ['timezone'] },
      { name: 'languages as a string', body: { languages: 'en,es' }, fields: ['languages'] },
      { name: 'languages as an object', body: { languages: { en: true } }, fields: ['languages'] },
      { name: 'a language as a number', body: { languages: ['en', 1] }, fields: ['languages'] },
      { name: 'a default as a list', body: { defaultLanguage: ['en'] }, fields: ['defaultLanguage'] },
      { name: 'an unknown field', body: { currency: 'USD' }, fields: ['currency'] },
      { name: 'month 13', body: { fiscalYearStartMonth: 13 }, fields: ['fiscalYearStartMonth'] },
      { name: 'a month as a string', body: { fiscalYearStartMonth: 'July' }, fields: ['fiscalYearStartMonth'] },
      { name: 'a fractional month', body: { fiscalYearStartMonth: 6.5 }, fields: ['fiscalYearStartMonth'] },
      { name: 'a version as a string', body: { version: '2', name: 'Riverside' }, fields: ['version'] },
    ];

    it.each(cases)('$name: 400 naming the fields', async ({ body, fields }) => {
      await patch({ version: 1, name: 'Riverside' }).expect(200);
      const before = await snapshot(t);
      const response = await patch({ version: 2, ...body }).expect(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      const named = (response.body.errors as { field: string }[]).map((e) => e.field);
      for (const field of fields) expect(named).toContain(field);
      expect(JSON.stringify(response.body).length).toBeLessThan(2000);
      expect(await snapshot(t)).toEqual(before);
    });

    it('refuses no version and a body that is not a JSON object', async () => {
      expect((await patch({ name: 'Riverside' }).expect(400)).body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'version' })]),
      );
      const response = await request(t.http)
        .patch(PATH)
        .set(admin.auth)
        .set('Content-Type', 'application/json')
        .send('["en"]');
      expect(response.status).toBe(400);
      expect(await snapshot(t)).toEqual({ settings: [], audit: 0 });
    });
  });

  it('lets only admins change them', async () => {
    for (const role of [Role.Viewer, Role.Staff, Role.Manager]) {
      const user = await signedInAs(t, role);
      expect((await patch({ version: 1, name: 'Riverside' }, user.auth).expect(403)).body.code).toBeDefined();
    }
    await request(t.http).patch(PATH).send({ version: 1, name: 'Riverside' }).expect(401);
    expect(await snapshot(t)).toEqual({ settings: [], audit: 0 });
  });
});
