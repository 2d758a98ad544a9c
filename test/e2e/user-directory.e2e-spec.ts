import request from 'supertest';
import { Role, ROLE_ORDER } from '../../src/auth/role.enum';
import { persistUser, SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const DIRECTORY = '/api/v1/users/directory';

describe('Team list: GET /users/directory (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    admin = await signedInAs(t, Role.Admin, { name: 'Maya Chen', email: 'maya.chen@library.test' });
  });

  it('gives every role the active colleagues by name, with id, name and role only', async () => {
    const signedIn: Partial<Record<Role, SignedIn>> = { [Role.Admin]: admin };
    signedIn[Role.Manager] = await signedInAs(t, Role.Manager, {
      name: 'Lee Okafor',
      email: 'lee.okafor@library.test',
    });
    signedIn[Role.Staff] = await signedInAs(t, Role.Staff, { name: 'Ana Ruiz', email: 'ana.ruiz@library.test' });
    signedIn[Role.Viewer] = await signedInAs(t, Role.Viewer, { name: 'Zoe Board', email: 'zoe.board@library.test' });
    const expected = [
      { id: signedIn.staff.user.id, name: 'Ana Ruiz', role: 'staff' },
      { id: signedIn.manager.user.id, name: 'Lee Okafor', role: 'manager' },
      { id: admin.user.id, name: 'Maya Chen', role: 'admin' },
      { id: signedIn.viewer.user.id, name: 'Zoe Board', role: 'viewer' },
    ];

    for (const role of ROLE_ORDER) {
      const response = await request(t.http).get(DIRECTORY).set(signedIn[role]!.auth).expect(200);
      // Exactly these keys: no email, no timezone, no invitation state, no version.
      expect(response.body).toEqual({ data: expected });
    }
  });

  it('never sends an email address, whoever asks', async () => {
    const viewer = await signedInAs(t, Role.Viewer, { email: 'vic.viewer@library.test' });
    await persistUser(t.dataSource, { email: 'private.person@library.test', name: 'Priya Person' });
    const response = await request(t.http).get(DIRECTORY).set(viewer.auth).expect(200);
    expect(response.body.data.map((colleague: { name: string }) => colleague.name)).toContain('Priya Person');
    expect(response.text).not.toMatch(/@|library\.test|email/i);
  });

  it('leaves deactivated users out, and lists them again once reactivated', async () => {
    const staff = await signedInAs(t, Role.Staff, { name: 'Sam Outreach' });
    const leaver = await persistUser(t.dataSource, { name: 'Gone Person', role: Role.Staff });
    const names = async () =>
      (await request(t.http).get(DIRECTORY).set(staff.auth).expect(200)).body.data.map((c: { name: string }) => c.name);
    expect(await names()).toEqual(['Gone Person', 'Maya Chen', 'Sam Outreach']);

    await request(t.http).patch(`/api/v1/users/${leaver.id}`).set(admin.auth).send({ active: false }).expect(200);
    expect(await names()).toEqual(['Maya Chen', 'Sam Outreach']);

    await request(t.http).patch(`/api/v1/users/${leaver.id}`).set(admin.auth).send({ active: true }).expect(200);
    expect(await names()).toEqual(['Gone Person', 'Maya Chen', 'Sam Outreach']);
  });

  it('lists invited colleagues who have not chosen a password yet (they can already be assigned work)', async () => {
    const created = await request(t.http)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'new@library.test', name: 'Newly Invited', role: 'staff' })
      .expect(201);
    expect(created.body.invitationPending).toBe(true);
    const response = await request(t.http).get(DIRECTORY).set(admin.auth).expect(200);
    expect(response.body.data).toContainEqual({ id: created.body.id, name: 'Newly Invited', role: 'staff' });
  });

  it('returns long and non-Latin names intact, sorted by name', async () => {
    const viewer = await signedInAs(t, Role.Viewer, { name: 'Zed Viewer' });
    const long = 'B'.repeat(120);
    await persistUser(t.dataSource, { name: long });
    await persistUser(t.dataSource, { name: 'Ängel Ünal' });
    await persistUser(t.dataSource, { name: '李 小龍' });
    const response = await request(t.http).get(DIRECTORY).set(viewer.auth).expect(200);
    const names: string[] = response.body.data.map((colleague: { name: string }) => colleague.name);
    expect(names).toEqual(expect.arrayContaining([long, 'Ängel Ünal', '李 小龍', 'Maya Chen', 'Zed Viewer']));
    expect(names).toHaveLength(5);
    expect(names.indexOf(long)).toBeLessThan(names.indexOf('Maya Chen'));
    expect(names.indexOf('Maya Chen')).toBeLessThan(names.indexOf('Zed Viewer'));
  });

  it('answers 401 without a token, with a malformed one, and for a deactivated user’s token', async () => {
    const anonymous = await request(t.http).get(DIRECTORY).expect(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(t.http).get(DIRECTORY).set({ Authorization: 'Bearer not-a-token' }).expect(401);
    const staff = await signedInAs(t, Role.Staff);
    await request(t.http).patch(`/api/v1/users/${staff.user.id}`).set(admin.auth).send({ active: false }).expect(200);
    await request(t.http).get(DIRECTORY).set(staff.auth).expect(401);
  });

  it('is read-only: other verbs are not routes, and /users/:id stays admin-only and id-checked', async () => {
    const staff = await signedInAs(t, Role.Staff);
    await request(t.http).post(DIRECTORY).set(admin.auth).send({}).expect(404);
    // PATCH reaches /users/:id, where "directory" names no user: 404, nothing changed.
    expect((await request(t.http).patch(DIRECTORY).set(admin.auth).send({ name: 'x' }).expect(404)).body.code).toBe(
      'NOT_FOUND',
    );
    await request(t.http).get(`/api/v1/users/${admin.user.id}`).set(staff.auth).expect(403);
    await request(t.http).get('/api/v1/users/not-a-uuid').set(admin.auth).expect(404);
    const full = await request(t.http).get(`/api/v1/users/${staff.user.id}`).set(admin.auth).expect(200);
    expect(full.body.email).toBe(staff.user.email);
  });

  it('ignores query parameters rather than failing on them', async () => {
    const staff = await signedInAs(t, Role.Staff, { name: 'Sam Outreach' });
    const response = await request(t.http)
      .get(DIRECTORY)
      .query({ limit: 'lots', active: 'false', role: ["'; DROP TABLE users; --"] })
      .set(staff.auth)
      .expect(200);
    expect(response.body.data.map((c: { name: string }) => c.name)).toEqual(['Maya Chen', 'Sam Outreach']);
  });
});
