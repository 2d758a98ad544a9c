import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { persistAudience, persistOrganization } from '../factories/directory.factory';
import { buildProgramBody, createProgram, persistClosure } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';
import { assertUnstorableTextRefused, unstorableText } from '../setup/unstorable-text';
import { sendRandomBody } from '../setup/random-body';

const UNKNOWN = '7d0c5d1e-93a4-4b8f-9f0e-000000000000';
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Row counts and a digest of every table this area writes: unchanged means nothing was written. */
async function snapshot(t: TestApp): Promise<Record<string, number>> {
  const tables = ['programs', 'program_partners', 'program_sessions', 'closures', 'audit_events'];
  const counts: Record<string, number> = {};
  for (const table of tables)
    counts[table] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  for (const table of ['programs', 'program_sessions', 'closures']) {
    const [{ digest }] = await t.dataSource.query(
      `SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) AS digest FROM ${table} r`,
    );
    counts[`${table}:${digest}`] = 1;
  }
  return counts;
}

describe('Program, session and closure bad input (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let programId: string;
  let sessionId: string;
  let orgId: string;
  let audienceId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAs(t, Role.Admin);
    orgId = (await persistOrganization(t.dataSource)).id;
    audienceId = (await persistAudience(t.dataSource)).id;
    const program = await createProgram(t, admin.auth, {
      partners: [{ organizationId: orgId, role: 'host' }],
      audienceIds: [audienceId],
    });
    programId = program.id;
    sessionId = (await t.dataSource.query(`SELECT id FROM program_sessions ORDER BY starts_at LIMIT 1`))[0].id;
    await persistClosure(t.dataSource, { date: '2031-01-01', name: 'New Year' });
  });
  afterAll(async () => t.close());

  it('answers malformed and unknown ids with 404 problem details on every id route', async () => {
    const routes = [
      ['get', '/api/v1/programs/:id'],
      ['patch', '/api/v1/programs/:id'],
      ['delete', '/api/v1/programs/:id'],
      ['get', '/api/v1/programs/:id/sessions'],
      ['patch', '/api/v1/sessions/:id'],
      ['delete', '/api/v1/closures/:id'],
    ] as const;
    const before = await snapshot(t);
    for (const [verb, path] of routes) {
      for (const id of ['not-a-uuid', "1'; DROP TABLE programs; --", UNKNOWN]) {
        const response = await request(t.http)
          [verb](path.replace(':id', encodeURIComponent(id)))
          .set(admin.auth)
          .send(verb === 'patch' ? { version: 1 } : {});
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

  it('answers bad query values and unknown query fields with 400 on every list route', async () => {
    const cases: [string, string[]][] = [
      [
        '/api/v1/programs',
        [
          'limit=-1',
          'offset=-3',
          'limit=1e9',
          'limit=ten',
          'nonsense=1',
          'status=finished',
          'organizationId=nope',
          'audienceId=1',
          `q=${'q'.repeat(201)}`,
        ],
      ],
      [
        `/api/v1/programs/${programId}/sessions`,
        [
          'from=2026-99-99',
          'to=soon',
          'from=2026-01-01&to=2025-01-01',
          'from=2020-01-01&to=2026-01-01',
          'nonsense=1',
          'limit=5',
        ],
      ],
      ['/api/v1/closures', ['from=yesterday', 'to=2026-02-30', 'nonsense=1', 'from[]=2026-01-01']],
    ];
    for (const [path, queries] of cases) {
      for (const query of queries) {
        const response = await request(t.http).get(`${path}?${query}`).set(admin.auth);
        expect({ path, query, status: response.status }).toEqual({ path, query, status: 400 });
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }
    }
  });

  it('answers 10 MB strings with 413 and over-long fields with 400 naming them, changing nothing', async () => {
    const before = await snapshot(t);
    const writes = [
      ['post', '/api/v1/programs', { ...buildProgramBody(), name: TEN_MB }],
      ['patch', `/api/v1/programs/${programId}`, { version: 1, description: TEN_MB }],
      ['patch', `/api/v1/sessions/${sessionId}`, { version: 1, notes: TEN_MB }],
      ['post', '/api/v1/closures', { date: '2031-02-01', name: TEN_MB }],
    ] as const;
    for (const [verb, path, body] of writes) {
      const response = await request(t.http)[verb](path).set(admin.auth).send(body);
      expect({ path, status: response.status }).toEqual({ path, status: 413 });
    }
    const long = await request(t.http)
      .post('/api/v1/programs')
      .set(admin.auth)
      .send({
        ...buildProgramBody(),
        schedule: { ...buildProgramBody().schedule, rrule: `FREQ=WEEKLY;${'BYDAY=WE;'.repeat(60)}` },
      })
      .expect(400);
    expect(long.body.errors).toEqual([
      { field: 'schedule.rrule', message: expect.stringMatching(/shorter than or equal to 500/) },
    ]);
    const notes = await request(t.http)
      .patch(`/api/v1/sessions/${sessionId}`)
      .set(admin.auth)
      .send({ version: 1, notes: 'n'.repeat(5001) })
      .expect(400);
    expect(notes.body.errors).toEqual([{ field: 'notes', message: expect.stringMatching(/5000/) }]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers wrong types in nested schedule and partner objects with 400 naming the nested field', async () => {
    const before = await snapshot(t);
    const cases: [object, string][] = [
      [{ schedule: 'FREQ=WEEKLY' }, 'schedule'],
      [{ schedule: { ...buildProgramBody().schedule, durationMinutes: '90' } }, 'schedule.durationMinutes'],
      [{ schedule: { ...buildProgramBody().schedule, timezone: 42 } }, 'schedule.timezone'],
      [{ schedule: { ...buildProgramBody().schedule, extra: true } }, 'schedule.extra'],
      [{ partners: { organizationId: orgId } }, 'partners'],
      [{ partners: [{ organizationId: orgId }] }, 'partners.0.role'],
      [{ partners: [orgId] }, 'partners.0'],
      [{ audienceIds: [audienceId, audienceId] }, 'audienceIds'],
      [{ startDate: 20260902 }, 'startDate'],
      [{ endDate: '2026-9-2' }, 'endDate'],
      [{ status: 'cancelled' }, 'status'],
    ];
    for (const [overrides, field] of cases) {
      const response = await request(t.http)
        .post('/api/v1/programs')
        .set(admin.auth)
        .send({ ...buildProgramBody(), ...overrides });
      expect({ overrides, status: response.status }).toEqual({ overrides, status: 400 });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await snapshot(t)).toEqual(before);
  });

  const anyValue = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ minLength: 201, maxLength: 400 }),
    fc.integer({ min: -10, max: 2000 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uuid(),
    fc.constantFrom(
      '2026-09-02',
      '2026-02-30',
      '2031-01-01',
      '1899-12-31',
      '15:30',
      '25:61',
      'America/Los_Angeles',
      'Mars/Base',
      'es',
      'EN',
      'fr',
    ),
    fc.array(fc.oneof(fc.uuid(), fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 3 }),
    unstorableText(),
  );
  const rrules = fc.oneof(
    fc.constantFrom(
      'FREQ=WEEKLY;BYDAY=WE',
      'FREQ=DAILY;COUNT=2000',
      'FREQ=HOURLY',
      'FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1',
      'FREQ=MONTHLY;BYMONTHDAY=31',
      'FREQ=WEEKLY;INTERVAL=-2',
      'FREQ=MONTHLY;BYMONTHDAY=40',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO',
      'FREQ=WEEKLY;UNTIL=19991231',
      'DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY',
    ),
    fc
      .array(
        fc.constantFrom(
          'FREQ=',
          'DAILY',
          'WEEKLY',
          ';',
          'BYDAY=',
          'MO',
          ',',
          '-1',
          'COUNT=',
          '5',
          'UNTIL=',
          '2026',
          'BYSETPOS=',
          'X',
        ),
        { maxLength: 10 },
      )
      .map((parts) => parts.join('')),
  );
  const schedules = fc.record(
    {
      rrule: fc.oneof(rrules, anyValue),
      timezone: fc.oneof(fc.constantFrom('America/Los_Angeles', 'Australia/Sydney', 'UTC', 'Nowhere/Else'), anyValue),
      startTime: fc.oneof(fc.constantFrom('15:30', '00:00', '23:59', '24:00', '9:00'), anyValue),
      durationMinutes: fc.oneof(fc.integer({ min: -5, max: 1500 }), anyValue),
      location: fc.oneof(fc.string({ maxLength: 20 }), anyValue),
      extra: anyValue,
    },
    { requiredKeys: [] },
  );

  const bodyOf = (fields: string[], withSchedule: boolean) =>
    withSchedule
      ? fc
          .tuple(
            fc.dictionary(fc.constantFrom(...fields), anyValue, { maxKeys: 5 }),
            fc.option(schedules, { nil: undefined }),
          )
          .map(([body, schedule]) => (schedule === undefined ? body : { ...body, schedule }))
      : fc.dictionary(fc.constantFrom(...fields), anyValue, { maxKeys: 5 });

  const cases: ReadonlyArray<{
    name: string;
    verb: 'post' | 'patch';
    path: () => string;
    fields: string[];
    withSchedule: boolean;
  }> = [
    {
      name: 'create program',
      verb: 'post',
      path: () => '/api/v1/programs',
      fields: [
        'name',
        'description',
        'status',
        'language',
        'partners',
        'audienceIds',
        'libraryGoal',
        'partnerGoal',
        'startDate',
        'endDate',
        'id',
        'version',
      ],
      withSchedule: true,
    },
    {
      name: 'patch program',
      verb: 'patch',
      path: () => `/api/v1/programs/${programId}`,
      fields: [
        'name',
        'status',
        'language',
        'partners',
        'audienceIds',
        'startDate',
        'endDate',
        'version',
        'materializedUntil',
      ],
      withSchedule: true,
    },
    {
      name: 'patch session',
      verb: 'patch',
      path: () => `/api/v1/sessions/${sessionId}`,
      fields: ['attendance', 'cancelled', 'notes', 'version', 'startsAt', 'programId'],
      withSchedule: false,
    },
    {
      name: 'create closure',
      verb: 'post',
      path: () => '/api/v1/closures',
      fields: ['date', 'name', 'id'],
      withSchedule: false,
    },
  ];

  it.each(cases)(
    '$name: random bodies never cause a 5xx, and a refused one changes nothing',
    async ({ verb, path, fields, withSchedule }) => {
      await fc.assert(
        fc.asyncProperty(bodyOf(fields, withSchedule), async (body) => {
          await sendRandomBody(t, { verb, path: path(), auth: admin.auth, body, snapshot: () => snapshot(t) });
        }),
        { numRuns: 60 },
      );
    },
  );

  it('refuses a NUL or a lone surrogate in every text field of programs, sessions and closures with 400 naming it, writing nothing', async () => {
    const version = async (table: string, id: string) =>
      (await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version as number;
    const auth = () => admin.auth;
    const scheduleFields = ['schedule.rrule', 'schedule.timezone', 'schedule.startTime', 'schedule.location'];
    await assertUnstorableTextRefused(
      t,
      [
        {
          name: 'create program',
          verb: 'post',
          path: () => '/api/v1/programs',
          valid: () => ({ ...buildProgramBody(), partners: [{ organizationId: orgId, role: 'host' }] }),
          fields: ['name', 'description', 'libraryGoal', 'partnerGoal', 'language', ...scheduleFields],
          headers: auth,
        },
        {
          name: 'patch program',
          verb: 'patch',
          path: () => `/api/v1/programs/${programId}`,
          valid: async () => ({ version: await version('programs', programId), schedule: buildProgramBody().schedule }),
          fields: ['name', 'description', 'libraryGoal', 'partnerGoal', 'language', ...scheduleFields],
          headers: auth,
        },
        {
          name: 'patch session',
          verb: 'patch',
          path: () => `/api/v1/sessions/${sessionId}`,
          valid: async () => ({ version: await version('program_sessions', sessionId), attendance: 12 }),
          fields: ['notes'],
          headers: auth,
        },
        {
          name: 'create closure',
          verb: 'post',
          path: () => '/api/v1/closures',
          valid: () => ({ date: '2032-07-04', name: 'Independence Day' }),
          fields: ['name'],
          headers: auth,
        },
      ],
      () => snapshot(t),
    );
  });

  it('create program: random valid-looking schedules are either accepted or refused with 400, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        rrules,
        fc.constantFrom('America/Los_Angeles', 'Australia/Sydney', 'Europe/Berlin', 'Asia/Kathmandu'),
        fc.constantFrom('00:00', '02:30', '15:30', '23:59'),
        fc.integer({ min: 1, max: 1440 }),
        fc.constantFrom('2026-03-08', '2026-09-02', '2026-11-01', '2027-02-28', '2024-02-29'),
        fc.option(fc.constantFrom('2026-03-08', '2026-12-31', '2027-06-30', '2029-01-01'), { nil: undefined }),
        async (rrule, timezone, startTime, durationMinutes, startDate, endDate) => {
          const before = await snapshot(t);
          const response = await request(t.http)
            .post('/api/v1/programs')
            .set(admin.auth)
            .send(buildProgramBody({ schedule: { rrule, timezone, startTime, durationMinutes }, startDate, endDate }));
          expect([201, 400]).toContain(response.status);
          if (response.status === 400) expect(await snapshot(t)).toEqual(before);
          else await request(t.http).delete(`/api/v1/programs/${response.body.id}`).set(admin.auth).expect(204);
        },
      ),
      { numRuns: 60 },
    );
  });
});
