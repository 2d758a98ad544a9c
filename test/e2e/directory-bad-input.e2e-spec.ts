import fc from 'fast-check';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import {
  persistAudience,
  persistCapability,
  persistContact,
  persistOrganization,
} from '../factories/directory.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';
import { assertUnstorableTextRefused, unstorableText, unstorableTextError } from '../setup/unstorable-text';
import { sendRandomBody } from '../setup/random-body';

const UNKNOWN = '7d0c5d1e-93a4-4b8f-9f0e-000000000000';
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Row counts of every directory table plus the audit log: unchanged means nothing was written. */
async function snapshot(t: TestApp): Promise<Record<string, number>> {
  const tables = [
    'organizations',
    'contacts',
    'notes',
    'audiences',
    'capabilities',
    'organization_stage_changes',
    'audit_events',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables)
    counts[table] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const [{ digest }] = await t.dataSource.query(
    `SELECT md5(coalesce(string_agg(o::text, ',' ORDER BY o.id), '')) AS digest FROM organizations o`,
  );
  counts[`organizations:${digest}`] = 1;
  return counts;
}

describe('Directory bad input (e2e)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let orgId: string;
  let contactId: string;
  let audienceId: string;
  let capabilityId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAs(t, Role.Admin);
    orgId = (await persistOrganization(t.dataSource, { name: 'Fixture Org' })).id;
    contactId = (await persistContact(t.dataSource, orgId)).id;
    audienceId = (await persistAudience(t.dataSource)).id;
    capabilityId = (await persistCapability(t.dataSource)).id;
  });
  afterAll(async () => t.close());

  const idRoutes = () =>
    [
      ['get', '/api/v1/organizations/:id'],
      ['patch', '/api/v1/organizations/:id'],
      ['delete', '/api/v1/organizations/:id'],
      ['get', '/api/v1/organizations/:id/timeline'],
      ['get', '/api/v1/organizations/:id/notes'],
      ['post', '/api/v1/organizations/:id/notes'],
      ['get', '/api/v1/contacts/:id'],
      ['patch', '/api/v1/contacts/:id'],
      ['delete', '/api/v1/contacts/:id'],
      ['patch', '/api/v1/audiences/:id'],
      ['delete', '/api/v1/audiences/:id'],
      ['patch', '/api/v1/capabilities/:id'],
      ['delete', '/api/v1/capabilities/:id'],
    ] as const;

  it('answers malformed and unknown ids with 404 problem details on every id route', async () => {
    for (const [verb, path] of idRoutes()) {
      for (const id of ['not-a-uuid', "1'; DROP TABLE organizations; --", UNKNOWN]) {
        const response = await request(t.http)
          [verb](path.replace(':id', encodeURIComponent(id)))
          .set(admin.auth)
          .send(verb === 'patch' ? { version: 1, name: 'x' } : verb === 'post' ? { body: 'x' } : {});
        expect({ route: `${verb} ${path}`, id, status: response.status }).toEqual({
          route: `${verb} ${path}`,
          id,
          status: 404,
        });
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }
    }
  });

  it('answers negative limits, huge offsets and unknown query fields with 400 on every list route', async () => {
    for (const path of [
      '/api/v1/organizations',
      '/api/v1/contacts',
      '/api/v1/audit',
      `/api/v1/organizations/${orgId}/notes`,
      `/api/v1/organizations/${orgId}/timeline`,
    ]) {
      for (const query of ['limit=-1', 'offset=-3', 'limit=1e9', 'limit=ten', 'nonsense=1']) {
        const response = await request(t.http).get(`${path}?${query}`).set(admin.auth);
        expect({ path, query, status: response.status }).toEqual({ path, query, status: 400 });
      }
    }
  });

  it('answers 10 MB strings with 413 on every write route and changes nothing', async () => {
    const before = await snapshot(t);
    const writes = [
      ['post', '/api/v1/organizations', { name: TEN_MB }],
      ['patch', `/api/v1/organizations/${orgId}`, { version: 1, notes: TEN_MB }],
      ['post', `/api/v1/organizations/${orgId}/notes`, { body: TEN_MB }],
      ['post', '/api/v1/contacts', { organizationId: orgId, name: TEN_MB }],
      ['patch', `/api/v1/contacts/${contactId}`, { version: 1, notes: TEN_MB }],
      ['post', '/api/v1/audiences', { name: TEN_MB, priority: 1 }],
      ['patch', `/api/v1/audiences/${audienceId}`, { version: 1, description: TEN_MB }],
      ['post', '/api/v1/capabilities', { name: TEN_MB }],
      ['patch', `/api/v1/capabilities/${capabilityId}`, { version: 1, description: TEN_MB }],
    ] as const;
    for (const [verb, path, body] of writes) {
      const response = await request(t.http)[verb](path).set(admin.auth).send(body);
      expect({ path, status: response.status }).toEqual({ path, status: 413 });
    }
    // Just under the body limit but over the field limits: 400 naming the field.
    const long = await request(t.http)
      .post('/api/v1/organizations')
      .set(admin.auth)
      .send({ name: 'y'.repeat(300_000) })
      .expect(400);
    expect(long.body.errors).toEqual([
      { field: 'name', message: expect.stringMatching(/shorter than or equal to 200/) },
    ]);
    expect(await snapshot(t)).toEqual(before);
  });

  const anyValue = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ minLength: 201, maxLength: 400 }),
    fc.integer({ min: -10, max: 10 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.uuid(),
    fc.constantFrom('es', 'EN', 'fr', 'es-MX'),
    fc.array(fc.oneof(fc.uuid(), fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 4 }),
    fc.dictionary(
      fc.constantFrom('audienceReach', 'missionOverlap', 'notes', 'x'),
      fc.oneof(fc.integer({ min: -2, max: 7 }), fc.string({ maxLength: 5 }), fc.constant(null), unstorableText()),
      { maxKeys: 3 },
    ),
    unstorableText(),
    fc.array(unstorableText(), { minLength: 1, maxLength: 2 }),
  );

  const bodyOf = (fields: string[]) => fc.dictionary(fc.constantFrom(...fields), anyValue, { maxKeys: 6 });

  const cases: ReadonlyArray<{ name: string; verb: 'post' | 'patch'; path: () => string; fields: string[] }> = [
    {
      name: 'create organization',
      verb: 'post',
      path: () => '/api/v1/organizations',
      fields: [
        'name',
        'type',
        'website',
        'email',
        'phone',
        'stage',
        'ownerId',
        'audienceIds',
        'capabilityIds',
        'seeksCapabilityIds',
        'tags',
        'fit',
        'extra',
        'id',
        'version',
      ],
    },
    {
      name: 'patch organization',
      verb: 'patch',
      path: () => `/api/v1/organizations/${orgId}`,
      fields: ['name', 'stage', 'stageReason', 'tags', 'fit', 'audienceIds', 'version', 'ownerId', 'createdAt'],
    },
    {
      name: 'create contact',
      verb: 'post',
      path: () => '/api/v1/contacts',
      fields: ['organizationId', 'name', 'email', 'phone', 'preferredChannel', 'language', 'isPrimary', 'notes', 'x'],
    },
    {
      name: 'patch contact',
      verb: 'patch',
      path: () => `/api/v1/contacts/${contactId}`,
      fields: ['name', 'email', 'isPrimary', 'language', 'version', 'organizationId'],
    },
    {
      name: 'create audience',
      verb: 'post',
      path: () => '/api/v1/audiences',
      fields: ['name', 'priority', 'estimatedPopulation', 'source', 'description', 'id'],
    },
    {
      name: 'patch capability',
      verb: 'patch',
      path: () => `/api/v1/capabilities/${capabilityId}`,
      fields: ['name', 'description', 'version'],
    },
  ];

  it.each(cases)(
    '$name: random bodies never cause a 5xx, and a refused one changes nothing',
    async ({ verb, path, fields }) => {
      await fc.assert(
        fc.asyncProperty(bodyOf(fields), async (body) => {
          await sendRandomBody(t, { verb, path: path(), auth: admin.auth, body, snapshot: () => snapshot(t) });
        }),
        { numRuns: 60 },
      );
    },
  );

  it('refuses a NUL or a lone surrogate in every text field with 400 naming it, writing nothing', async () => {
    const version = async (table: string, id: string) =>
      (await t.dataSource.query(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0].version as number;
    const auth = () => admin.auth;
    await assertUnstorableTextRefused(
      t,
      [
        {
          name: 'create organization',
          verb: 'post',
          path: () => '/api/v1/organizations',
          valid: () => ({ name: 'Brand New Partner', tags: ['youth'], fit: { audienceReach: 2 } }),
          fields: ['name', 'type', 'website', 'email', 'phone', 'address', 'mission', 'notes', 'tags.0', 'fit.notes'],
          headers: auth,
        },
        {
          name: 'patch organization',
          verb: 'patch',
          path: () => `/api/v1/organizations/${orgId}`,
          valid: async () => ({ version: await version('organizations', orgId), stage: 'exploring' }),
          fields: [
            'name',
            'type',
            'website',
            'email',
            'phone',
            'address',
            'mission',
            'notes',
            'tags.1',
            'fit.notes',
            'stageReason',
          ],
          headers: auth,
        },
        {
          name: 'create contact',
          verb: 'post',
          path: () => '/api/v1/contacts',
          valid: () => ({ organizationId: orgId, name: 'New Person' }),
          fields: ['name', 'title', 'email', 'phone', 'notes', 'language'],
          headers: auth,
        },
        {
          name: 'patch contact',
          verb: 'patch',
          path: () => `/api/v1/contacts/${contactId}`,
          valid: async () => ({ version: await version('contacts', contactId), title: 'Director' }),
          fields: ['name', 'title', 'email', 'phone', 'notes', 'language'],
          headers: auth,
        },
        {
          name: 'add note',
          verb: 'post',
          path: () => `/api/v1/organizations/${orgId}/notes`,
          valid: () => ({ body: 'Met them' }),
          fields: ['body'],
          headers: auth,
        },
        {
          name: 'create audience',
          verb: 'post',
          path: () => '/api/v1/audiences',
          valid: () => ({ name: 'Teen parents', priority: 2 }),
          fields: ['name', 'description', 'source'],
          headers: auth,
        },
        {
          name: 'patch capability',
          verb: 'patch',
          path: () => `/api/v1/capabilities/${capabilityId}`,
          valid: async () => ({ version: await version('capabilities', capabilityId) }),
          fields: ['name', 'description'],
          headers: auth,
        },
      ],
      () => snapshot(t),
    );
  });

  it('refuses a NUL or a lone surrogate in ?q= and ?tag= with 400 naming the parameter', async () => {
    for (const bad of ['a\u0000b', '\u0000']) {
      const cases = [
        ['/api/v1/organizations', 'q'],
        ['/api/v1/organizations', 'tag'],
        ['/api/v1/organizations/export.csv', 'q'],
        ['/api/v1/contacts', 'q'],
        ['/api/v1/audit', 'entityType'],
      ] as const;
      for (const [path, param] of cases) {
        const response = await request(t.http)
          .get(path)
          .query({ [param]: bad })
          .set(admin.auth);
        expect({ path, param, status: response.status }).toEqual({ path, param, status: 400 });
        expect(response.headers['content-type']).toMatch(/problem\+json/);
        expect(response.body.errors).toEqual([unstorableTextError(param)]);
      }
    }
    // A query string cannot carry a lone surrogate as UTF-8 (its bytes are not UTF-8; they decode
    // to U+FFFD); a repeated parameter arrives as an array, and is named by its position.
    const repeated = await request(t.http).get('/api/v1/organizations?tag=ok&tag=%00').set(admin.auth);
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors).toEqual([unstorableTextError('tag.1')]);
  });
});
