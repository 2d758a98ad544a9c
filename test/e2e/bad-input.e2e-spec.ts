import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { User } from '../../src/user/user.entity';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';

function expectProblem(response: request.Response, status: number): void {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
}

describe('Bad input (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAs(t, Role.Admin);
  });
  afterAll(async () => t.close());

  it('answers malformed JSON with 400 problem details', async () => {
    const response = await request(t.http).post('/api/v1/users').set(admin.auth).set('Content-Type', 'application/json').send('{"email": ');
    expectProblem(response, 400);
    expect(response.body.detail).toBe('The request body is not valid JSON.');
  });

  it('answers a 10 MB body with 413 problem details', async () => {
    const response = await request(t.http)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'big@library.test', name: 'x'.repeat(10 * 1024 * 1024), role: 'staff' });
    expectProblem(response, 413);
  });

  it('answers an oversized string within the body limit with 400 naming the field', async () => {
    const response = await request(t.http)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'long@library.test', name: 'x'.repeat(200_000), role: 'staff', password: 'teen services rock' });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([{ field: 'name', message: expect.stringMatching(/shorter than or equal to 120/) }]);
  });

  it('answers wrong types with 400 naming each field', async () => {
    const response = await request(t.http)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 42, name: ['Jo'], role: null, password: { value: 'x' } });
    expectProblem(response, 400);
    expect(new Set(response.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['email', 'name', 'role', 'password']));
  });

  it('answers a JSON array or scalar body with 400', async () => {
    for (const body of ['[]', '"hello"', '42', 'null']) {
      const response = await request(t.http).post('/api/v1/auth/setup').set('Content-Type', 'application/json').send(body);
      expect(response.status).toBe(400);
    }
  });

  it('answers an unknown route with 404 problem details', async () => {
    const response = await request(t.http).get('/api/v1/no-such-thing').set(admin.auth);
    expectProblem(response, 404);
  });

  it('answers prototype-pollution keys as unknown fields', async () => {
    const response = await request(t.http)
      .patch(`/api/v1/users/${admin.user.id}`)
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .send('{"__proto__": {"role": "admin"}, "constructor": {"prototype": {"x": 1}}}');
    expect(response.status).toBe(400);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('never answers 5xx and changes nothing for random user-creation and update bodies', async () => {
    const before = await t.dataSource.getRepository(User).count();
    const value = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 2 }),
    );
    const field = fc.constantFrom('email', 'name', 'role', 'password', 'timezone', 'active', 'version', 'extra', 'id');
    const body = fc.dictionary(field, value, { maxKeys: 6 });
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (payload, create) => {
        const response = create
          ? await request(t.http).post('/api/v1/users').set(admin.auth).send(payload)
          : await request(t.http).patch(`/api/v1/users/${admin.user.id}`).set(admin.auth).send(payload);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(response.headers['content-type']).toMatch(/problem\+json/);
        if (create && response.status === 201) await t.dataSource.getRepository(User).delete({ id: response.body.id });
      }),
      { numRuns: 150 },
    );
    expect(await t.dataSource.getRepository(User).count()).toBe(before);
    const me = await request(t.http).get('/api/v1/auth/me').set(admin.auth).expect(200);
    expect(me.body.role).toBe('admin');
  });
});
