import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { MAX_OFFSET_MINUTES } from '../../src/reminder/reminder.entity';
import { persistContact, persistOrganization } from '../factories/directory.factory';
import { buildReminderBody, persistReminder } from '../factories/reminder.factory';
import { persistTask } from '../factories/task.factory';
import { persistUser, SignedIn, signedInAs } from '../factories/user.factory';
import { persistBareProgram } from '../factories/visit.factory';
import { createTestApp, TestApp } from '../setup/test-app';
import { assertUnstorableTextRefused, unstorableText } from '../setup/unstorable-text';
import { sendRandomBody } from '../setup/random-body';

const UNKNOWN = '7d0c5d1e-93a4-4b8f-9f0e-000000000000';
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);
const HOUR = 60 * 60 * 1000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

/** The rules, their recipients, their deliveries and the audit count: unchanged means nothing was written. */
async function snapshot(t: TestApp): Promise<Record<string, unknown>> {
  const [row] = await t.dataSource.query(`
    SELECT (SELECT count(*)::int FROM audit_events) AS audit,
           (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM reminders r) AS reminders,
           (SELECT md5(coalesce(string_agg(u::text, ',' ORDER BY u.reminder_id, u.user_id), '')) FROM reminder_users u) AS users,
           (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.reminder_id, c.contact_id), '')) FROM reminder_contacts c) AS contacts,
           (SELECT md5(coalesce(string_agg(d::text, ',' ORDER BY d.id), '')) FROM deliveries d) AS deliveries`);
  return row;
}

function expectProblem(response: request.Response, status: number): void {
  expect({ status: response.status, body: response.body }).toMatchObject({
    status,
    body: { status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) },
  });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
}

const fields = (response: request.Response): string[] =>
  response.body.errors.map((e: { field: string }) => e.field).sort();

describe('Reminder bad input (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let inactiveUserId: string;
  let contactId: string;
  let programId: string;
  let taskId: string;
  let reminderId: string;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    inactiveUserId = (await persistUser(t.dataSource, { active: false })).id;
    const orgId = (await persistOrganization(t.dataSource)).id;
    contactId = (await persistContact(t.dataSource, orgId)).id;
    programId = (await persistBareProgram(t.dataSource)).id;
    taskId = (await persistTask(t.dataSource, staff.user.id)).id;
    reminderId = (await persistReminder(t.dataSource, {}, { recipientIds: [staff.user.id] })).id;
  });
  afterAll(async () => t.close());

  const version = async (): Promise<number> =>
    (await t.dataSource.query('SELECT version FROM reminders WHERE id = $1', [reminderId]))[0].version;
  const create = (body: unknown, auth = staff.auth) =>
    request(t.http)
      .post('/api/v1/reminders')
      .set(auth)
      .send(body as object);
  const valid = (overrides: Record<string, unknown> = {}) => buildReminderBody([staff.user.id], overrides);

  /** Sends each body, expects a 400 naming exactly these fields, and that nothing was written. */
  async function refused(body: unknown, expectedFields: string[], send = create): Promise<request.Response> {
    const before = await snapshot(t);
    const response = await send(body);
    expectProblem(response, 400);
    expect({ body, fields: fields(response) }).toEqual({ body, fields: [...expectedFields].sort() });
    expect(await snapshot(t)).toEqual(before);
    return response;
  }

  it('answers malformed and unknown ids with 404 problem details on every id route, changing nothing', async () => {
    const before = await snapshot(t);
    const routes = [
      ['get', '/api/v1/reminders/:id'],
      ['patch', '/api/v1/reminders/:id'],
      ['delete', '/api/v1/reminders/:id'],
      ['get', '/api/v1/reminders/:id/deliveries'],
    ] as const;
    for (const [verb, path] of routes) {
      for (const id of ['not-a-uuid', "1'; DROP TABLE reminders; --", '%00', '12345', UNKNOWN]) {
        const response = await request(t.http)
          [verb](path.replace(':id', encodeURIComponent(id)))
          .set(staff.auth)
          .send(verb === 'patch' ? { version: 1, title: 'x' } : {});
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

  it('answers bad query values and unknown query fields with 400 on both list routes', async () => {
    const bad: Record<string, string[]> = {
      '/api/v1/reminders': ['programId=x', 'taskId=1', 'active=yes', 'active=', 'type=weekly', 'type=SESSION'],
      [`/api/v1/reminders/${reminderId}/deliveries`]: ['status=sending', 'status=late', 'status=', 'reminderId=x'],
    };
    for (const [path, specific] of Object.entries(bad)) {
      for (const query of ['limit=-1', 'offset=-3', 'limit=1e9', 'limit=ten', 'limit=101', 'nonsense=1', ...specific]) {
        const response = await request(t.http).get(`${path}?${query}`).set(viewer.auth);
        expect({ path, query, status: response.status }).toEqual({ path, query, status: 400 });
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }
    }
  });

  it('answers wrong types with 400 naming each field', async () => {
    await refused(
      {
        title: 42,
        message: ['hi'],
        trigger: 'once',
        recipientIds: 'abc',
        recipientContactIds: { id: contactId },
        active: 'yes',
      },
      ['title', 'message', 'trigger', 'recipientIds', 'recipientContactIds', 'active'],
    );
    await refused(valid({ trigger: { type: 'once', at: 1_775_000_000_000 } }), ['trigger.at']);
    await refused(valid({ trigger: { type: 42, offsetMinutes: '10', programId: 7 } }), [
      'trigger.type',
      'trigger.offsetMinutes',
      'trigger.programId',
    ]);
    await refused(valid({ trigger: [{ type: 'once', at: inHours(5) }] }), ['trigger']);
    await refused(valid({ trigger: null }), ['trigger']);
    await refused(valid({ title: null, message: null, recipientIds: null, active: null }), [
      'title',
      'message',
      'recipientIds',
      'active',
    ]);
    await refused({ title: 'No trigger', recipientIds: [staff.user.id] }, ['trigger']);
    await refused(valid({ trigger: { at: inHours(5) } }), ['trigger.type']);
  });

  it('answers unknown fields, at the top level and inside the trigger, with 400 naming them', async () => {
    const response = await refused(valid({ color: 'red', id: UNKNOWN, version: 3 }), ['color', 'id', 'version']);
    expect(response.body.errors).toContainEqual({ field: 'color', message: 'is not an allowed field' });
    const nested = await refused(valid({ trigger: { type: 'once', at: inHours(5), repeat: 'daily' } }), [
      'trigger.repeat',
    ]);
    expect(nested.body.errors).toEqual([{ field: 'trigger.repeat', message: 'is not an allowed field' }]);
    await refused(
      { version: await version(), trigger: { type: 'once', at: inHours(5), __typename: 'x' } },
      ['trigger.__typename'],
      (body) =>
        request(t.http)
          .patch(`/api/v1/reminders/${reminderId}`)
          .set(staff.auth)
          .send(body as object),
    );
  });

  it('answers 10 MB strings with 413 and over-long fields with 400 naming them, changing nothing', async () => {
    const before = await snapshot(t);
    for (const [verb, path, body] of [
      ['post', '/api/v1/reminders', valid({ message: TEN_MB })],
      ['patch', `/api/v1/reminders/${reminderId}`, { version: await version(), title: TEN_MB }],
    ] as const) {
      const response = await request(t.http)[verb](path).set(staff.auth).send(body);
      expect({ path, status: response.status }).toEqual({ path, status: 413 });
    }
    expect(await snapshot(t)).toEqual(before);
    const long = await refused(valid({ title: 'y'.repeat(201), message: 'z'.repeat(5001) }), ['title', 'message']);
    expect(long.body.errors).toContainEqual({ field: 'title', message: expect.stringMatching(/200/) });
    await refused(valid({ title: '   ' }), ['title']);
    await refused(valid({ title: 'y'.repeat(300_000) }), ['title']);
  });

  it('answers malformed ids in the body with 400 naming the field', async () => {
    await refused(valid({ recipientIds: ['nope'], recipientContactIds: [42] }), [
      'recipientIds',
      'recipientContactIds',
    ]);
    await refused(valid({ trigger: { type: 'session', programId: 'program-1', offsetMinutes: 0 } }), [
      'trigger.programId',
    ]);
    await refused(valid({ trigger: { type: 'task-due', taskId: "1' OR '1'='1", offsetMinutes: 0 } }), [
      'trigger.taskId',
    ]);
  });

  it('answers duplicate, too many and huge recipient lists with 400, not a slow query', async () => {
    await refused(valid({ recipientIds: [staff.user.id, staff.user.id] }), ['recipientIds']);
    // The same id in two cases is the same user.
    await refused(valid({ recipientIds: [staff.user.id, staff.user.id.toUpperCase()] }), ['recipientIds']);
    await refused(
      valid({
        recipientContactIds: Array.from(
          { length: 51 },
          (_, i) => `7d0c5d1e-93a4-4b8f-9f0e-${String(i).padStart(12, '0')}`,
        ),
      }),
      ['recipientContactIds'],
    );
    const huge = Array.from({ length: 5000 }, () => UNKNOWN);
    const started = Date.now();
    await refused(valid({ recipientIds: huge, recipientContactIds: huge }), ['recipientIds', 'recipientContactIds']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('needs at least one recipient', async () => {
    const none = await refused({ title: 'Nobody', trigger: { type: 'once', at: inHours(5) } }, ['recipientIds']);
    expect(none.body.errors[0].message).toMatch(/at least one recipient/);
    await refused(valid({ recipientIds: [], recipientContactIds: [] }), ['recipientIds']);
  });

  it('refuses inactive and unknown users, unknown contacts, programs and tasks, naming each', async () => {
    const inactive = await refused(valid({ recipientIds: [staff.user.id, inactiveUserId] }), ['recipientIds.1']);
    expect(inactive.body.errors).toEqual([{ field: 'recipientIds.1', message: 'is not an active user' }]);
    await refused(valid({ recipientIds: [UNKNOWN], recipientContactIds: [contactId, UNKNOWN] }), [
      'recipientIds.0',
      'recipientContactIds.1',
    ]);
    // A contact id is not a user id, nor the other way round.
    await refused(valid({ recipientIds: [contactId], recipientContactIds: [staff.user.id] }), [
      'recipientIds.0',
      'recipientContactIds.0',
    ]);
    const program = await refused(valid({ trigger: { type: 'session', programId: UNKNOWN, offsetMinutes: -60 } }), [
      'trigger.programId',
    ]);
    expect(program.body.errors).toEqual([{ field: 'trigger.programId', message: 'is not a known program' }]);
    await refused(valid({ trigger: { type: 'task-due', taskId: programId, offsetMinutes: -60 } }), ['trigger.taskId']);
    await refused(
      {
        version: await version(),
        trigger: { type: 'session', programId: taskId, offsetMinutes: 0 },
        recipientContactIds: [UNKNOWN],
      },
      ['trigger.programId', 'recipientContactIds.0'],
      (body) =>
        request(t.http)
          .patch(`/api/v1/reminders/${reminderId}`)
          .set(staff.auth)
          .send(body as object),
    );
  });

  it('refuses triggers with fields of another type, or without the fields of their own, naming each', async () => {
    const mixed = await refused(valid({ trigger: { type: 'once', at: inHours(5), programId, offsetMinutes: 10 } }), [
      'trigger.programId',
      'trigger.offsetMinutes',
    ]);
    expect(mixed.body.errors).toContainEqual({
      field: 'trigger.programId',
      message: expect.stringMatching(/not a field of a once trigger/),
    });
    await refused(valid({ trigger: { type: 'session', programId, offsetMinutes: 10, at: inHours(5) } }), [
      'trigger.at',
    ]);
    await refused(valid({ trigger: { type: 'session', programId, taskId, offsetMinutes: 10 } }), ['trigger.taskId']);
    await refused(valid({ trigger: { type: 'task-due', taskId, offsetMinutes: 0, programId } }), ['trigger.programId']);
    const missing = await refused(valid({ trigger: { type: 'session' } }), [
      'trigger.programId',
      'trigger.offsetMinutes',
    ]);
    expect(missing.body.errors).toContainEqual({
      field: 'trigger.offsetMinutes',
      message: 'is required for a session trigger',
    });
    await refused(valid({ trigger: { type: 'task-due', offsetMinutes: 5 } }), ['trigger.taskId']);
    await refused(valid({ trigger: { type: 'once' } }), ['trigger.at']);
    await refused(valid({ trigger: { type: 'weekly', at: inHours(5) } }), ['trigger.type']);
  });

  it('refuses offsets out of range or not whole minutes', async () => {
    for (const offsetMinutes of [
      MAX_OFFSET_MINUTES + 1,
      -MAX_OFFSET_MINUTES - 1,
      1.5,
      2 ** 31,
      '10',
      Number.MAX_SAFE_INTEGER * 2,
    ]) {
      await refused(valid({ trigger: { type: 'session', programId, offsetMinutes } }), ['trigger.offsetMinutes']);
    }
    // The limits themselves are fine.
    await create(valid({ trigger: { type: 'session', programId, offsetMinutes: -MAX_OFFSET_MINUTES } })).expect(201);
    await create(valid({ trigger: { type: 'task-due', taskId, offsetMinutes: MAX_OFFSET_MINUTES } })).expect(201);
  });

  it('refuses a once time in the past, far ahead, or not a real date-time with an offset', async () => {
    const past = await refused(valid({ trigger: { type: 'once', at: inHours(-1) } }), ['trigger.at']);
    expect(past.body.errors).toEqual([{ field: 'trigger.at', message: 'must not be in the past' }]);
    for (const at of [
      '2026-02-30T10:00:00Z',
      'tomorrow',
      '2026-03-04',
      '2026-03-04T10:00:00',
      '9999-12-31T23:59:59Z',
      '+275760-09-13T00:00:00Z',
      '2026-03-04T10:00:00+25:00',
      '',
    ]) {
      await refused(valid({ trigger: { type: 'once', at } }), ['trigger.at']);
    }
    await refused(
      { version: await version(), trigger: { type: 'once', at: '2000-01-01T00:00:00Z' } },
      ['trigger.at'],
      (body) =>
        request(t.http)
          .patch(`/api/v1/reminders/${reminderId}`)
          .set(staff.auth)
          .send(body as object),
    );
  });

  it('refuses a PATCH without a usable version or with a null trigger', async () => {
    const patch = (body: unknown) =>
      request(t.http)
        .patch(`/api/v1/reminders/${reminderId}`)
        .set(staff.auth)
        .send(body as object);
    for (const body of [
      { title: 'x' },
      { version: 0, title: 'x' },
      { version: '1', title: 'x' },
      { version: 1.5 },
      { version: null },
    ]) {
      await refused(body, ['version'], patch);
    }
    await refused({ version: await version(), trigger: null, recipientIds: null }, ['trigger', 'recipientIds'], patch);
  });

  it('answers a stale version with 409 problem details, changing nothing', async () => {
    const before = await snapshot(t);
    const current = await version();
    const response = await request(t.http)
      .patch(`/api/v1/reminders/${reminderId}`)
      .set(staff.auth)
      .send({ version: current + 5, title: 'Too new' });
    expectProblem(response, 409);
    expect(response.body.currentVersion).toBe(current);
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses writes from a viewer (403) and from no one (401), changing nothing', async () => {
    const before = await snapshot(t);
    const writes = [
      ['post', '/api/v1/reminders', valid()],
      ['patch', `/api/v1/reminders/${reminderId}`, { version: await version(), title: 'Viewer was here' }],
      ['delete', `/api/v1/reminders/${reminderId}`, {}],
    ] as const;
    for (const [verb, path, body] of writes) {
      expectProblem(await request(t.http)[verb](path).set(viewer.auth).send(body), 403);
      expectProblem(await request(t.http)[verb](path).send(body), 401);
    }
    expect(await snapshot(t)).toEqual(before);
    // Reading is fine for a viewer.
    await request(t.http).get(`/api/v1/reminders/${reminderId}`).set(viewer.auth).expect(200);
  });

  // Values a confused client, a fuzzer or an attacker might send — including the fixture's real
  // ids and valid times, so some bodies are valid and get through.
  const anyValue = () =>
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ minLength: 201, maxLength: 300 }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(
        0,
        MAX_OFFSET_MINUTES,
        MAX_OFFSET_MINUTES + 1,
        -MAX_OFFSET_MINUTES - 1,
        2 ** 31,
        1.5,
        Number.MAX_SAFE_INTEGER,
      ),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.uuid(),
      fc.constantFrom(staff.user.id, inactiveUserId, contactId, programId, taskId, reminderId, UNKNOWN),
      fc.constantFrom('session', 'once', 'task-due', 'weekly'),
      fc.constantFrom(inHours(3), inHours(-3), '2026-02-30T10:00:00Z', '9999-12-31T23:59:59Z', '2026-03-04'),
      fc.array(
        fc.oneof(
          fc.uuid(),
          fc.constantFrom(staff.user.id, inactiveUserId, contactId, UNKNOWN),
          fc.string({ maxLength: 8 }),
          fc.integer(),
        ),
        { maxLength: 4 },
      ),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
      unstorableText(),
    );

  const triggers = () =>
    fc.oneof(
      fc.dictionary(fc.constantFrom('type', 'programId', 'taskId', 'offsetMinutes', 'at', 'x'), anyValue(), {
        maxKeys: 5,
      }),
      fc.record(
        {
          type: fc.constantFrom('session', 'once', 'task-due'),
          programId: fc.option(fc.constantFrom(programId, UNKNOWN, taskId), { nil: undefined }),
          taskId: fc.option(fc.constantFrom(taskId, UNKNOWN), { nil: undefined }),
          offsetMinutes: fc.option(fc.integer({ min: -MAX_OFFSET_MINUTES - 10, max: MAX_OFFSET_MINUTES + 10 }), {
            nil: undefined,
          }),
          at: fc.option(fc.constantFrom(inHours(3), inHours(-3)), { nil: undefined }),
        },
        { requiredKeys: ['type'] },
      ),
      anyValue(),
    );

  const FIELDS = ['title', 'message', 'recipientIds', 'recipientContactIds', 'active'];
  /** A random body: up to `maxKeys` fields, and a trigger `1 / triggerFreq` of the time left out. */
  const bodyOf = (extra: string[], maxKeys: number, triggerFreq: number) =>
    fc
      .tuple(
        fc.dictionary(fc.constantFrom(...FIELDS, ...extra), anyValue(), { maxKeys }),
        fc.option(triggers(), { nil: undefined, freq: triggerFreq }),
      )
      .map(([body, trigger]) => (trigger === undefined ? body : { ...body, trigger }));

  const cases: ReadonlyArray<{
    name: string;
    verb: 'post' | 'patch';
    path: () => string;
    extra: string[];
    valid: () => Promise<Record<string, unknown>>;
  }> = [
    {
      name: 'create reminder',
      verb: 'post',
      path: () => '/api/v1/reminders',
      extra: ['id', 'version', 'createdById', 'x'],
      valid: async () => valid(),
    },
    {
      name: 'patch reminder',
      verb: 'patch',
      path: () => `/api/v1/reminders/${reminderId}`,
      extra: ['version', 'updatedAt'],
      valid: async () => ({ version: await version(), active: true }),
    },
  ];

  it.each(cases)(
    '$name: random bodies never cause a 5xx, and a refused one changes nothing',
    async ({ verb, path, extra, valid: validBody }) => {
      const statuses = new Set<number>();
      await fc.assert(
        // Whole random bodies, and a valid body with one or two fields replaced (so some get through).
        fc.asyncProperty(
          fc.oneof(fc.tuple(fc.constant(false), bodyOf(extra, 5, 5)), fc.tuple(fc.constant(true), bodyOf(extra, 1, 2))),
          async ([fromValid, random]) => {
            const body = fromValid ? { ...(await validBody()), ...random } : random;
            statuses.add(
              await sendRandomBody(t, { verb, path: path(), auth: staff.auth, body, snapshot: () => snapshot(t) }),
            );
          },
        ),
        { numRuns: 100 },
      );
      // The property saw both sides: bodies that were refused and bodies that were written.
      expect([...statuses].some((status) => status < 300)).toBe(true);
      expect(statuses.has(400)).toBe(true);
    },
  );

  it('refuses a NUL or a lone surrogate in the title and message with 400 naming the field, writing nothing', async () => {
    const auth = () => staff.auth;
    await assertUnstorableTextRefused(
      t,
      cases.map(({ name, verb, path, valid: validBody }) => ({
        name,
        verb,
        path,
        valid: validBody,
        fields: ['title', 'message'],
        headers: auth,
      })),
      () => snapshot(t),
    );
  });

  it.each(['/api/v1/reminders', '/api/v1/reminders/:id/deliveries'])(
    '%s: random query strings never cause a 5xx',
    async (route) => {
      const params = fc.dictionary(
        fc.constantFrom('programId', 'taskId', 'active', 'type', 'status', 'limit', 'offset'),
        fc.oneof(
          fc.string({ maxLength: 30 }),
          fc.constantFrom(
            'true',
            'false',
            'once',
            'session',
            'scheduled',
            'skipped',
            programId,
            UNKNOWN,
            '25',
            '-1',
            '100',
          ),
        ),
        { maxKeys: 4 },
      );
      await fc.assert(
        fc.asyncProperty(params, async (query) => {
          const response = await request(t.http).get(route.replace(':id', reminderId)).query(query).set(viewer.auth);
          expect(response.status).toBeLessThan(500);
          expect([200, 400]).toContain(response.status);
        }),
        { numRuns: 80 },
      );
    },
  );
});
