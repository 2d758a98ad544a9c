import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { DEFAULT_HEALTH_SETTINGS } from '../../src/partnership/health-settings';
import { HEALTH_SETTINGS_AUDIT_ID, HealthSettingsService } from '../../src/partnership/health-settings.service';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const PATH = '/api/v1/settings/health';
const DEFAULTS = {
  version: 1,
  weights: { ...DEFAULT_HEALTH_SETTINGS.weights },
  bands: { ...DEFAULT_HEALTH_SETTINGS.bands },
};

/** The settings rows and audit events, whole: equal snapshots mean nothing was written. */
async function snapshot(t: TestApp): Promise<unknown> {
  const [row] = await t.dataSource.query(`
    SELECT (SELECT coalesce(json_agg(s ORDER BY s.key), '[]') FROM settings s) AS settings,
           (SELECT count(*)::int FROM audit_events) AS audit`);
  return row;
}

describe(`${HealthSettingsService.name} (e2e)`, () => {
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

  const get = async () => (await request(t.http).get(PATH).set(admin.auth).expect(200)).body;
  const patch = (body: unknown, auth = admin.auth) =>
    request(t.http)
      .patch(PATH)
      .set(auth)
      .send(body as object);

  it('answers the defaults at version 1 while nothing is stored', async () => {
    expect(await get()).toEqual(DEFAULTS);
    expect(await t.dataSource.query(`SELECT * FROM settings`)).toEqual([]);
  });

  it('merges a change, stores the whole settings at version 2 and audits each changed number', async () => {
    const response = await patch({ version: 1, weights: { recency: 30, checkIn: 5 }, bands: { thriving: 80 } }).expect(
      200,
    );
    const expected = {
      version: 2,
      weights: { ...DEFAULTS.weights, recency: 30, checkIn: 5 },
      bands: { ...DEFAULTS.bands, thriving: 80 },
    };
    expect(response.body).toEqual(expected);
    expect(await get()).toEqual(expected);

    const [row] = await t.dataSource.query(`SELECT key, value, version, updated_by_id FROM settings`);
    expect(row).toEqual({
      key: 'health',
      value: { weights: expected.weights, bands: expected.bands },
      version: 2,
      updated_by_id: admin.user.id,
    });
    const events = await t.dataSource.query(
      `SELECT actor_id, entity_type, entity_id, action, changes FROM audit_events`,
    );
    expect(events).toEqual([
      {
        actor_id: admin.user.id,
        entity_type: 'settings',
        entity_id: HEALTH_SETTINGS_AUDIT_ID,
        action: 'update',
        changes: {
          'weights.recency': { before: 25, after: 30 },
          'weights.checkIn': { before: 10, after: 5 },
          'bands.thriving': { before: 75, after: 80 },
        },
      },
    ]);
  });

  it('bumps the version on each later change and keeps it for a change that changes nothing', async () => {
    await patch({ version: 1, bands: { atRisk: 20 } }).expect(200);
    const third = await patch({ version: 2, bands: { atRisk: 30 } }).expect(200);
    expect(third.body).toMatchObject({ version: 3, bands: { thriving: 75, steady: 50, atRisk: 30 } });

    const same = await patch({ version: 3, bands: { atRisk: 30 }, weights: {} }).expect(200);
    expect(same.body).toEqual(third.body);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(2);
  });

  it('writes nothing for a change that changes nothing before anything is stored', async () => {
    expect((await patch({ version: 1, weights: { fit: 10 } }).expect(200)).body).toEqual(DEFAULTS);
    expect(await snapshot(t)).toEqual({ settings: [], audit: 0 });
  });

  it('answers a stale version with 409 and the current version, changing nothing', async () => {
    await patch({ version: 1, weights: { recency: 35, fit: 0 } }).expect(200);
    const before = await snapshot(t);
    for (const version of [1, 3, 99]) {
      const response = await patch({ version, weights: { recency: 25, fit: 10 } }).expect(409);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers a stale version with 409 before anything is stored', async () => {
    const response = await patch({ version: 2, weights: { recency: 35, fit: 0 } }).expect(409);
    expect(response.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });
    expect(await snapshot(t)).toEqual({ settings: [], audit: 0 });
  });

  it('lets one of two simultaneous first changes through and answers the other 409', async () => {
    const [a, b] = await Promise.all([
      patch({ version: 1, weights: { recency: 35, fit: 0 } }),
      patch({ version: 1, bands: { thriving: 90 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect((await get()).version).toBe(2);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(1);
  });

  describe('bad input changes nothing', () => {
    const cases: { name: string; body: unknown; fields: string[] }[] = [
      { name: 'weights not adding up to 100', body: { version: 1, weights: { recency: 40 } }, fields: ['weights'] },
      { name: 'thresholds not descending', body: { version: 1, bands: { steady: 80 } }, fields: ['bands.steady'] },
      { name: 'atRisk above steady', body: { version: 1, bands: { atRisk: 50 } }, fields: ['bands.atRisk'] },
      { name: 'a weight as a string', body: { version: 1, weights: { recency: '25' } }, fields: ['weights.recency'] },
      {
        name: 'a fractional weight',
        body: { version: 1, weights: { recency: 24.5, fit: 10.5 } },
        fields: ['weights.recency', 'weights.fit'],
      },
      {
        name: 'a negative weight',
        body: { version: 1, weights: { recency: -5, fit: 40 } },
        fields: ['weights.recency'],
      },
      { name: 'a threshold above 100', body: { version: 1, bands: { thriving: 101 } }, fields: ['bands.thriving'] },
      { name: 'a null weight', body: { version: 1, weights: { fit: null } }, fields: ['weights.fit'] },
      { name: 'weights as an array', body: { version: 1, weights: [25, 15] }, fields: ['weights'] },
      { name: 'bands as a number', body: { version: 1, bands: 75 }, fields: ['bands'] },
      { name: 'an unknown component', body: { version: 1, weights: { luck: 0 } }, fields: ['weights.luck'] },
      { name: 'an unknown band', body: { version: 1, bands: { excellent: 90 } }, fields: ['bands.excellent'] },
      { name: 'an unknown top-level field', body: { version: 1, dormantAfterDays: 30 }, fields: ['dormantAfterDays'] },
      { name: 'no version', body: { weights: { recency: 25 } }, fields: ['version'] },
      { name: 'a version as a string', body: { version: '1' }, fields: ['version'] },
    ];

    it.each(cases)('$name: 400 naming the fields', async ({ body, fields }) => {
      await patch({ version: 1, weights: { recency: 30, fit: 5 } }).expect(200);
      const before = await snapshot(t);
      // The case bodies are written against version 1; run them against the stored version 2.
      const sent =
        typeof body === 'object' && body !== null && 'version' in body && body.version === 1
          ? { ...body, version: 2 }
          : body;
      const response = await patch(sent).expect(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      const named = (response.body.errors as { field: string }[]).map((e) => e.field);
      for (const field of fields) expect(named).toContain(field);
      expect(await snapshot(t)).toEqual(before);
    });

    it('rejects a body that is not JSON object', async () => {
      const response = await request(t.http)
        .patch(PATH)
        .set(admin.auth)
        .set('Content-Type', 'application/json')
        .send('[1,2]');
      expect(response.status).toBe(400);
      expect(await snapshot(t)).toEqual({ settings: [], audit: 0 });
    });
  });

  it('is for admins only', async () => {
    const manager = await signedInAs(t, Role.Manager);
    expect((await request(t.http).get(PATH).set(manager.auth).expect(403)).body.code).toBeDefined();
    await patch({ version: 1, weights: { recency: 35, fit: 0 } }, manager.auth).expect(403);
    expect(await snapshot(t)).toEqual({ settings: [], audit: 0 });
  });
});
