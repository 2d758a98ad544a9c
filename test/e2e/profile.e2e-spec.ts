import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const PATH = '/api/v1/auth/me';

describe('PATCH /auth/me: your own profile (e2e)', () => {
  let t: TestApp;
  let viewer: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    viewer = await signedInAs(t, Role.Viewer, { name: 'Board Member', timezone: 'UTC' });
  });

  const row = async () =>
    (
      await t.dataSource.query(`SELECT name, timezone, role, active, version FROM users WHERE id = $1`, [
        viewer.user.id,
      ])
    )[0] as Record<string, unknown>;

  it('lets anyone, a viewer too, change their name and time zone, and /auth/me shows it', async () => {
    const response = await request(t.http)
      .patch(PATH)
      .set(viewer.auth)
      .send({ name: '  Dana Board  ', timezone: 'America/Chicago', version: 1 })
      .expect(200);
    expect(response.body).toMatchObject({
      id: viewer.user.id,
      name: 'Dana Board',
      timezone: 'America/Chicago',
      role: 'viewer',
      active: true,
      version: 2,
    });
    expect((await request(t.http).get(PATH).set(viewer.auth).expect(200)).body).toEqual(response.body);
    expect(await row()).toEqual({
      name: 'Dana Board',
      timezone: 'America/Chicago',
      role: 'viewer',
      active: true,
      version: 2,
    });
  });

  it('keeps the version for a change that changes nothing, and takes a change without a version', async () => {
    expect(
      (await request(t.http).patch(PATH).set(viewer.auth).send({ name: 'Board Member' }).expect(200)).body.version,
    ).toBe(1);
    expect(
      (await request(t.http).patch(PATH).set(viewer.auth).send({ timezone: 'Europe/Paris' }).expect(200)).body,
    ).toMatchObject({ timezone: 'Europe/Paris', version: 2 });
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    await request(t.http).patch(PATH).set(viewer.auth).send({ name: 'First', version: 1 }).expect(200);
    const stale = await request(t.http).patch(PATH).set(viewer.auth).send({ name: 'Second', version: 1 }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect(await row()).toMatchObject({ name: 'First', version: 2 });
  });

  it.each([
    ['a role (only admins change roles)', { role: 'admin' }, 'role'],
    ['active', { active: false }, 'active'],
    ['an email', { email: 'new@library.test' }, 'email'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a null name', { name: null }, 'name'],
    ['a huge name', { name: 'x'.repeat(10_000) }, 'name'],
    ['a number for a name', { name: 42 }, 'name'],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['a null time zone', { timezone: null }, 'timezone'],
    ['a text version', { name: 'X', version: '1' }, 'version'],
  ])('refuses %s with 400 naming the field, changing nothing', async (_what, body, field) => {
    const response = await request(t.http).patch(PATH).set(viewer.auth).send(body).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    expect(await row()).toEqual({ name: 'Board Member', timezone: 'UTC', role: 'viewer', active: true, version: 1 });
  });

  it('needs a session (401)', async () => {
    await request(t.http).patch(PATH).send({ name: 'Nobody' }).expect(401);
  });
});
