import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { persistOrganization } from '../factories/directory.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

describe('Audiences and capabilities (e2e)', () => {
  let t: TestApp;
  let manager: SignedIn;
  let staff: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    manager = await signedInAs(t, Role.Manager);
    staff = await signedInAs(t, Role.Staff);
  });

  it('managers keep audiences with priority, population and its source; everyone reads them by name', async () => {
    const created = await request(t.http)
      .post('/api/v1/audiences')
      .set(manager.auth)
      .send({
        name: 'Youth experiencing homelessness',
        priority: 1,
        estimatedPopulation: 180,
        source: '2025 community analysis',
        description: 'Ages 14–21',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      version: 1,
      priority: 1,
      estimatedPopulation: 180,
      source: '2025 community analysis',
    });
    await request(t.http)
      .post('/api/v1/audiences')
      .set(manager.auth)
      .send({ name: 'English-language learners', priority: 2 })
      .expect(201);
    const list = await request(t.http).get('/api/v1/audiences').set(staff.auth).expect(200);
    expect(list.body.data.map((a: { name: string }) => a.name)).toEqual([
      'English-language learners',
      'Youth experiencing homelessness',
    ]);
    await request(t.http)
      .post('/api/v1/audiences')
      .set(staff.auth)
      .send({ name: 'Staff cannot', priority: 1 })
      .expect(403);
  });

  it('answers 409 for a name taken in any case, on create and on rename', async () => {
    await request(t.http).post('/api/v1/capabilities').set(manager.auth).send({ name: 'Paid internships' }).expect(201);
    const dup = await request(t.http)
      .post('/api/v1/capabilities')
      .set(manager.auth)
      .send({ name: 'PAID INTERNSHIPS' })
      .expect(409);
    expect(dup.body.code).toBe('CAPABILITY_NAME_TAKEN');
    const food = await request(t.http)
      .post('/api/v1/capabilities')
      .set(manager.auth)
      .send({ name: 'Food' })
      .expect(201);
    await request(t.http)
      .patch(`/api/v1/capabilities/${food.body.id}`)
      .set(manager.auth)
      .send({ version: 1, name: 'paid internships' })
      .expect(409);
  });

  it('edits with the current version only', async () => {
    const created = await request(t.http)
      .post('/api/v1/audiences')
      .set(manager.auth)
      .send({ name: 'Low-income teens', priority: 2 })
      .expect(201);
    const edited = await request(t.http)
      .patch(`/api/v1/audiences/${created.body.id}`)
      .set(manager.auth)
      .send({ version: 1, priority: 1 })
      .expect(200);
    expect(edited.body).toMatchObject({ version: 2, priority: 1 });
    const stale = await request(t.http)
      .patch(`/api/v1/audiences/${created.body.id}`)
      .set(manager.auth)
      .send({ version: 1, priority: 3 })
      .expect(409);
    expect(stale.body.currentVersion).toBe(2);
    await request(t.http)
      .patch(`/api/v1/audiences/${created.body.id}`)
      .set(manager.auth)
      .send({ version: 2, priority: 4 })
      .expect(400);
  });

  it('refuses null for a name or priority on edit (400, unchanged), instead of failing in the database', async () => {
    const audience = await request(t.http)
      .post('/api/v1/audiences')
      .set(manager.auth)
      .send({ name: 'LGBTQ+ teens', priority: 2 })
      .expect(201);
    const capability = await request(t.http)
      .post('/api/v1/capabilities')
      .set(manager.auth)
      .send({ name: 'Meeting space' })
      .expect(201);
    const nameNull = await request(t.http)
      .patch(`/api/v1/capabilities/${capability.body.id}`)
      .set(manager.auth)
      .send({ version: 1, name: null })
      .expect(400);
    expect(nameNull.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    await request(t.http)
      .patch(`/api/v1/audiences/${audience.body.id}`)
      .set(manager.auth)
      .send({ version: 1, name: null })
      .expect(400);
    await request(t.http)
      .patch(`/api/v1/audiences/${audience.body.id}`)
      .set(manager.auth)
      .send({ version: 1, priority: null })
      .expect(400);
    expect((await request(t.http).get('/api/v1/audiences').set(staff.auth)).body.data).toEqual([
      expect.objectContaining({ name: 'LGBTQ+ teens', priority: 2, version: 1 }),
    ]);
    expect((await request(t.http).get('/api/v1/capabilities').set(staff.auth)).body.data).toEqual([
      expect.objectContaining({ name: 'Meeting space', version: 1 }),
    ]);
  });

  it('refuses to delete a term an organization uses, and deletes it once unused', async () => {
    const audience = await request(t.http)
      .post('/api/v1/audiences')
      .set(manager.auth)
      .send({ name: 'Teen parents', priority: 1 })
      .expect(201);
    const org = await persistOrganization(t.dataSource, { audienceIds: [audience.body.id] });
    const inUse = await request(t.http).delete(`/api/v1/audiences/${audience.body.id}`).set(manager.auth).expect(409);
    expect(inUse.body).toMatchObject({ code: 'AUDIENCE_IN_USE', organizations: 1 });
    await t.dataSource.query('UPDATE organizations SET audience_ids = $1 WHERE id = $2', ['{}', org.id]);
    await request(t.http).delete(`/api/v1/audiences/${audience.body.id}`).set(manager.auth).expect(204);
    await request(t.http).delete(`/api/v1/audiences/${audience.body.id}`).set(manager.auth).expect(404);
  });

  it('refuses a capability sought by an organization too', async () => {
    const capability = await request(t.http)
      .post('/api/v1/capabilities')
      .set(manager.auth)
      .send({ name: 'Transportation' })
      .expect(201);
    await persistOrganization(t.dataSource, { seeksCapabilityIds: [capability.body.id] });
    await request(t.http).delete(`/api/v1/capabilities/${capability.body.id}`).set(manager.auth).expect(409);
  });
});
