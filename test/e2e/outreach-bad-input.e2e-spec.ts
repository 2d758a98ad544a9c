import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { persistContact, persistOrganization } from '../factories/directory.factory';
import { persistTask } from '../factories/task.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { persistBareProgram, persistVisit } from '../factories/visit.factory';
import { createTestApp, TestApp } from '../setup/test-app';
import { assertUnstorableTextRefused, unstorableText } from '../setup/unstorable-text';
import { sendRandomBody } from '../setup/random-body';

const UNKNOWN = '7d0c5d1e-93a4-4b8f-9f0e-000000000000';
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Every row of the visit and task tables plus the audit log count: unchanged means nothing was written. */
async function snapshot(t: TestApp): Promise<Record<string, unknown>> {
  const [row] = await t.dataSource.query(`
    SELECT (SELECT count(*)::int FROM audit_events) AS audit,
           (SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v.id), '')) FROM visits v) AS visits,
           (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.visit_id, s.user_id), '')) FROM visit_staff s) AS staff,
           (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.visit_id, c.contact_id), '')) FROM visit_contacts c) AS contacts,
           (SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x.id), '')) FROM tasks x) AS tasks`);
  return row;
}

describe('Outreach bad input: visits and tasks (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let orgId: string;
  let otherOrgId: string;
  let contactId: string;
  let programId: string;
  let visitId: string;
  let taskId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAs(t, Role.Admin);
    orgId = (await persistOrganization(t.dataSource, { name: 'Fixture Org' })).id;
    otherOrgId = (await persistOrganization(t.dataSource, { name: 'Other Org' })).id;
    contactId = (await persistContact(t.dataSource, orgId)).id;
    programId = (await persistBareProgram(t.dataSource)).id;
    visitId = (await persistVisit(t.dataSource, orgId, {}, { staffIds: [admin.user.id], contactIds: [contactId] })).id;
    taskId = (await persistTask(t.dataSource, admin.user.id, { organizationId: orgId, visitId })).id;
  });
  afterAll(async () => t.close());

  const idRoutes = [
    ['get', '/api/v1/visits/:id'],
    ['patch', '/api/v1/visits/:id'],
    ['delete', '/api/v1/visits/:id'],
    ['get', '/api/v1/tasks/:id'],
    ['patch', '/api/v1/tasks/:id'],
    ['delete', '/api/v1/tasks/:id'],
  ] as const;

  it('answers malformed and unknown ids with 404 problem details on every id route, changing nothing', async () => {
    const before = await snapshot(t);
    for (const [verb, path] of idRoutes) {
      for (const id of ['not-a-uuid', "1'; DROP TABLE visits; --", '%00', UNKNOWN]) {
        const response = await request(t.http)
          [verb](path.replace(':id', encodeURIComponent(id)))
          .set(admin.auth)
          .send(
            verb === 'patch'
              ? { version: 1, ...(path.includes('visits') ? { peopleReached: 1 } : { title: 'x' }) }
              : {},
          );
        expect({ route: `${verb} ${path}`, id, status: response.status }).toEqual({
          route: `${verb} ${path}`,
          id,
          status: 404,
        });
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers negative limits, huge offsets, unknown query fields and malformed filters with 400 on the list routes', async () => {
    const bad: Record<string, string[]> = {
      '/api/v1/visits': [
        'organizationId=x',
        'from=2026-02-30',
        'to=tomorrow',
        'from=2026-03-02&to=2026-03-01',
        'purpose=party',
        'sort=notes',
        'from=2026-03-01T10:00',
      ],
      '/api/v1/tasks': ['overdue=yes', 'overdue=', 'status=late', 'assigneeId=me', 'sort=title', 'visitId=1'],
    };
    for (const [path, specific] of Object.entries(bad)) {
      for (const query of ['limit=-1', 'offset=-3', 'limit=1e9', 'limit=ten', 'nonsense=1', 'limit=101', ...specific]) {
        const response = await request(t.http).get(`${path}?${query}`).set(admin.auth);
        expect({ path, query, status: response.status }).toEqual({ path, query, status: 400 });
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }
    }
  });

  it('answers 10 MB strings with 413 on every write route and changes nothing', async () => {
    const before = await snapshot(t);
    const writes = [
      ['post', '/api/v1/visits', { organizationId: orgId, purpose: 'other', notes: TEN_MB }],
      ['patch', `/api/v1/visits/${visitId}`, { version: 1, location: TEN_MB }],
      ['post', '/api/v1/tasks', { title: TEN_MB, dueAt: '2026-12-03T17:00:00Z' }],
      ['patch', `/api/v1/tasks/${taskId}`, { version: 1, title: TEN_MB }],
    ] as const;
    for (const [verb, path, body] of writes) {
      const response = await request(t.http)[verb](path).set(admin.auth).send(body);
      expect({ path, status: response.status }).toEqual({ path, status: 413 });
    }
    const long = await request(t.http)
      .post('/api/v1/visits')
      .set(admin.auth)
      .send({ organizationId: orgId, purpose: 'other', location: 'y'.repeat(300_000) })
      .expect(400);
    expect(long.body.errors).toEqual([
      { field: 'location', message: expect.stringMatching(/shorter than or equal to 300/) },
    ]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers huge id arrays with 400, not a slow query', async () => {
    const ids = Array.from({ length: 5000 }, () => UNKNOWN);
    const before = await snapshot(t);
    const response = await request(t.http)
      .post('/api/v1/visits')
      .set(admin.auth)
      .send({ organizationId: orgId, purpose: 'other', contactIds: ids, staffIds: ids })
      .expect(400);
    expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['contactIds', 'staffIds']);
    expect(await snapshot(t)).toEqual(before);
  });

  // Values drawn from what a confused client, a fuzzer or an attacker might send — including
  // the fixture's real ids, so some bodies are valid and get through.
  const anyValue = () =>
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ minLength: 301, maxLength: 400 }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(0, 100_000, 100_001, 2 ** 31, -(2 ** 31) - 1, 1.5, Number.MAX_SAFE_INTEGER),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.uuid(),
      fc.constantFrom(orgId, otherOrgId, contactId, programId, visitId, admin.user.id, UNKNOWN),
      fc.constantFrom('relationship', 'invitations', 'program-delivery', 'planning', 'other', 'open', 'done'),
      fc.constantFrom(
        '2026-03-04T10:00:00Z',
        '2026-02-30T10:00:00Z',
        '1999-01-01T00:00:00Z',
        '9999-12-31T23:59:59Z',
        '2026-03-04',
        '+275760-09-13T00:00:00Z',
        '2026-03-04T10:00:00+25:00',
      ),
      fc.array(
        fc.oneof(
          fc.uuid(),
          fc.constantFrom(contactId, admin.user.id, UNKNOWN),
          fc.string({ maxLength: 8 }),
          fc.integer(),
        ),
        { maxLength: 4 },
      ),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
      unstorableText(),
    );

  const bodyOf = (fields: string[]) => fc.dictionary(fc.constantFrom(...fields), anyValue(), { maxKeys: 7 });

  const VISIT_FIELDS = [
    'organizationId',
    'programId',
    'visitedAt',
    'location',
    'purpose',
    'staffIds',
    'contactIds',
    'invitationsHandedOut',
    'peopleReached',
    'notes',
  ];
  const TASK_FIELDS = ['title', 'dueAt', 'assigneeId', 'organizationId', 'programId', 'visitId', 'status'];

  const version = async (table: 'visits' | 'tasks', id: string): Promise<number> =>
    (await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0]?.version ?? 1;

  /** Each case fuzzes whole bodies, and a valid body with a few fields replaced (so some get through). */
  const cases: ReadonlyArray<{
    name: string;
    verb: 'post' | 'patch';
    path: () => string;
    fields: string[];
    valid: () => Promise<Record<string, unknown>>;
  }> = [
    {
      name: 'create visit',
      verb: 'post',
      path: () => '/api/v1/visits',
      fields: [...VISIT_FIELDS, 'id', 'version', 'createdAt', 'x'],
      valid: async () => ({
        organizationId: orgId,
        purpose: 'invitations',
        contactIds: [contactId],
        invitationsHandedOut: 10,
      }),
    },
    {
      name: 'patch visit',
      verb: 'patch',
      path: () => `/api/v1/visits/${visitId}`,
      fields: [...VISIT_FIELDS, 'version', 'updatedAt'],
      valid: async () => ({ version: await version('visits', visitId), peopleReached: 3 }),
    },
    {
      name: 'create task',
      verb: 'post',
      path: () => '/api/v1/tasks',
      fields: [...TASK_FIELDS, 'completedAt', 'id', 'x'],
      valid: async () => ({ title: 'Call back', dueAt: '2026-12-03T17:00:00Z', visitId }),
    },
    {
      name: 'patch task',
      verb: 'patch',
      path: () => `/api/v1/tasks/${taskId}`,
      fields: [...TASK_FIELDS, 'version', 'completedAt'],
      valid: async () => ({ version: await version('tasks', taskId), status: 'done' }),
    },
  ];

  it.each(cases)(
    '$name: random bodies never cause a 5xx, and a refused one changes nothing',
    async ({ verb, path, fields, valid }) => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(fc.boolean(), bodyOf(fields), async (fromValid, random) => {
          const body = fromValid ? { ...(await valid()), ...random } : random;
          statuses.add(
            await sendRandomBody(t, { verb, path: path(), auth: admin.auth, body, snapshot: () => snapshot(t) }),
          );
        }),
        { numRuns: 80 },
      );
      // The property saw both sides: bodies that were refused and bodies that were written.
      expect([...statuses].some((status) => status < 300)).toBe(true);
      expect(statuses.has(400)).toBe(true);
    },
  );

  it('refuses a NUL or a lone surrogate in every text field of visits and tasks with 400 naming it, writing nothing', async () => {
    const auth = () => admin.auth;
    await assertUnstorableTextRefused(
      t,
      cases.map(({ name, verb, path, valid }) => ({
        name,
        verb,
        path,
        valid,
        fields: name.endsWith('visit') ? ['location', 'notes'] : ['title'],
        headers: auth,
      })),
      () => snapshot(t),
    );
  });

  it.each(['/api/v1/visits', '/api/v1/tasks'])('%s: random query strings never cause a 5xx', async (path) => {
    const params = fc.dictionary(
      fc.constantFrom(
        'organizationId',
        'programId',
        'purpose',
        'from',
        'to',
        'assigneeId',
        'status',
        'overdue',
        'visitId',
        'sort',
        'limit',
        'offset',
      ),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          'true',
          'false',
          '2026-03-01',
          '2026-03-01T10:00:00Z',
          '0000-01-01',
          '9999-12-31',
          '-visitedAt',
          'dueAt',
          orgId,
          UNKNOWN,
          '25',
          '-1',
        ),
      ),
      { maxKeys: 4 },
    );
    await fc.assert(
      fc.asyncProperty(params, async (query) => {
        const response = await request(t.http).get(path).query(query).set(admin.auth);
        expect(response.status).toBeLessThan(500);
        expect([200, 400]).toContain(response.status);
      }),
      { numRuns: 80 },
    );
  });
});
