import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { User } from '../../src/user/user.entity';
import { DEFAULT_PASSWORD, SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';
import { assertUnstorableTextRefused, unstorableText, unstorableTextError } from '../setup/unstorable-text';

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

describe('Bad input (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAs(t, Role.Admin);
  });
  afterAll(async () => t.close());

  it('answers malformed JSON with 400 problem details', async () => {
    const response = await request(t.http)
      .post('/api/v1/users')
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .send('{"email": ');
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
    expect(response.body.errors).toEqual([
      { field: 'name', message: expect.stringMatching(/shorter than or equal to 120/) },
    ]);
  });

  it('answers wrong types with 400 naming each field', async () => {
    const response = await request(t.http)
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 42, name: ['Jo'], role: null, password: { value: 'x' } });
    expectProblem(response, 400);
    expect(new Set(response.body.errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(['email', 'name', 'role', 'password']),
    );
  });

  it('answers a JSON array or scalar body with 400', async () => {
    for (const body of ['[]', '"hello"', '42', 'null']) {
      const response = await request(t.http)
        .post('/api/v1/auth/setup')
        .set('Content-Type', 'application/json')
        .send(body);
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
      unstorableText(),
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

  /** Users, sessions and the audit log: unchanged means nothing was written. */
  const snapshot = async () =>
    (
      await t.dataSource.query(`
      SELECT (SELECT md5(coalesce(string_agg(u::text, ',' ORDER BY u.id), '')) FROM users u) AS users,
             (SELECT count(*)::int FROM auth_sessions) AS sessions,
             (SELECT count(*)::int FROM audit_events) AS audit`)
    )[0];

  it('refuses a NUL or a lone surrogate in every text field of users, sign-in and your account with 400 naming it, writing nothing', async () => {
    const auth = () => admin.auth;
    let n = 0;
    await assertUnstorableTextRefused(
      t,
      [
        {
          name: 'create user',
          verb: 'post',
          path: () => '/api/v1/users',
          valid: () => ({
            email: `new-${(n += 1)}@library.test`,
            name: 'New Person',
            role: 'staff',
            password: 'teen services rock',
          }),
          fields: ['email', 'name', 'password'],
          headers: auth,
        },
        {
          name: 'patch user',
          verb: 'patch',
          path: () => `/api/v1/users/${admin.user.id}`,
          valid: () => ({ name: 'Still Admin' }),
          fields: ['name', 'timezone'],
          headers: auth,
        },
        {
          name: 'patch me',
          verb: 'patch',
          path: () => '/api/v1/auth/me',
          valid: () => ({ name: 'Still Admin' }),
          fields: ['name', 'timezone'],
          headers: auth,
        },
        {
          name: 'change password',
          verb: 'post',
          path: () => '/api/v1/auth/password',
          valid: () => ({ currentPassword: DEFAULT_PASSWORD, newPassword: 'a brand new passphrase' }),
          fields: ['currentPassword', 'newPassword'],
          headers: auth,
        },
        {
          name: 'login',
          verb: 'post',
          path: () => '/api/v1/auth/login',
          valid: () => ({ email: admin.user.email, password: DEFAULT_PASSWORD }),
          fields: ['email', 'password'],
        },
        {
          name: 'setup',
          verb: 'post',
          path: () => '/api/v1/auth/setup',
          valid: () => ({ email: 'first@library.test', password: 'teen services rock', name: 'First' }),
          fields: ['email', 'password', 'name'],
        },
        {
          name: 'accept invitation',
          verb: 'post',
          path: () => '/api/v1/auth/accept-invitation',
          valid: () => ({ token: 'x'.repeat(43), password: 'teen services rock', name: 'Invitee' }),
          fields: ['token', 'password', 'name'],
        },
      ],
      snapshot,
    );
  });

  it('refuses a NUL or a lone surrogate in the login email before looking anyone up, and does not count it as a failed attempt', async () => {
    const before = await snapshot();
    for (const email of [`${admin.user.email}\u0000`, `\ud800${admin.user.email}`]) {
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const response = await request(t.http)
          .post('/api/v1/auth/login')
          .send({ email, password: 'wrong password here' });
        expectProblem(response, 400);
        expect(response.body.errors).toEqual([unstorableTextError('email')]);
      }
    }
    // Twelve refused bodies later the right password still signs in: none counted as a guess.
    await request(t.http)
      .post('/api/v1/auth/login')
      .send({ email: admin.user.email, password: DEFAULT_PASSWORD })
      .expect(200);
    const after = await snapshot();
    expect({ ...after, sessions: before.sessions }).toEqual(before);
  });

  it('refuses {"name":"\\ud800"} sent as raw JSON text with 400 naming the field, on every kind of route', async () => {
    const before = await snapshot();
    const organizations = await t.dataSource.query(`SELECT count(*)::int AS n FROM organizations`);
    const raw = [
      ['post', '/api/v1/organizations', '{"name":"\\ud800"}', 'name'],
      ['post', '/api/v1/audiences', '{"name":"Teens \\udfff","priority":1}', 'name'],
      ['patch', `/api/v1/users/${admin.user.id}`, '{"name":"\\udbff\\u0041"}', 'name'],
      [
        'post',
        '/api/v1/organizations',
        '{"name":"Ok","tags":["fine","bad\\u0000"],"fit":{"notes":"\\ud83d"}}',
        'tags.1',
      ],
    ] as const;
    for (const [verb, path, body, field] of raw) {
      const response = await request(t.http)
        [verb](path)
        .set(admin.auth)
        .set('Content-Type', 'application/json')
        .send(body);
      expectProblem(response, 400);
      expect(response.body.errors[0]).toEqual(unstorableTextError(field));
    }
    // A well-formed pair (an emoji) written as two escapes is fine.
    const emoji = await request(t.http)
      .post('/api/v1/audiences')
      .set(admin.auth)
      .set('Content-Type', 'application/json')
      .send('{"name":"Gamers \\ud83c\\udfae","priority":1}');
    expect(emoji.status).toBe(201);
    expect(emoji.body.name).toBe('Gamers 🎮');
    expect(await snapshot()).toMatchObject({ users: before.users });
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM organizations`)).toEqual(organizations);
  });
});
