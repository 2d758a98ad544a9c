import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';

interface Schema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
}

/**
 * The web app shows each health component's weight and facts from the generated types, so the
 * OpenAPI document must describe `details` exactly as the API sends it: every property the
 * response carries is documented and required, and nothing documented is missing.
 */
describe('Organization health details in the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let schemas: Record<string, Schema>;

  const resolve = (schema: Schema): Schema => {
    const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
    return ref ? resolve(schemas[ref.replace('#/components/schemas/', '')]) : schema;
  };

  /** Every property path of `value` that the schema leaves undocumented, and every documented one the value lacks. */
  function mismatches(value: unknown, schema: Schema, path: string): string[] {
    const resolved = resolve(schema);
    if (value === null)
      return schema.nullable || resolved.nullable || (resolved.type as string[] | undefined)?.includes?.('null')
        ? []
        : [`${path}: null but not nullable`];
    if (Array.isArray(value))
      return value.flatMap((item, index) =>
        resolved.items ? mismatches(item, resolved.items, `${path}[${index}]`) : [],
      );
    if (typeof value !== 'object' || !resolved.properties) return [];
    const sent = Object.keys(value);
    const documented = Object.keys(resolved.properties);
    return [
      ...sent.filter((key) => !documented.includes(key)).map((key) => `${path}.${key}: sent but not documented`),
      ...documented.filter((key) => !sent.includes(key)).map((key) => `${path}.${key}: documented but not sent`),
      ...documented
        .filter((key) => sent.includes(key) && !(resolved.required ?? []).includes(key))
        .map((key) => `${path}.${key}: optional in the document`),
      ...sent
        .filter((key) => documented.includes(key))
        .flatMap((key) =>
          mismatches((value as Record<string, unknown>)[key], resolved.properties![key], `${path}.${key}`),
        ),
    ];
  }

  beforeAll(async () => {
    t = await createTestApp();
    staff = await signedInAs(t, Role.Staff);
    schemas = (await request(t.http).get('/api/docs-json').expect(200)).body.components.schemas;
  });
  afterAll(async () => t?.close());

  it('documents every component, its weight, share and facts, for a partner with nothing recorded', async () => {
    const org = await request(t.http)
      .post('/api/v1/organizations')
      .set(staff.auth)
      .send({ name: 'Quiet Partner', stage: 'prospect' })
      .expect(201);
    const { body } = await request(t.http)
      .get(`/api/v1/organizations/${org.body.id}/health`)
      .set(staff.auth)
      .expect(200);
    expect(Object.keys(body.details).sort()).toEqual([
      'attendance',
      'checkIn',
      'feedback',
      'fit',
      'followUps',
      'recency',
      'sessions',
    ]);
    expect(mismatches(body, schemas.OrganizationHealthResponseDto, 'health')).toEqual([]);
  });

  it('documents them for a partner with a visit, feedback, a fit and an overdue follow-up', async () => {
    const org = await request(t.http)
      .post('/api/v1/organizations')
      .set(staff.auth)
      .send({
        name: 'Busy Partner',
        stage: 'active',
        fit: { audienceReach: 4, missionOverlap: 3, complementaryResources: 5 },
      })
      .expect(201);
    const organizationId = org.body.id;
    await request(t.http)
      .post('/api/v1/visits')
      .set(staff.auth)
      .send({ organizationId, purpose: 'relationship', visitedAt: new Date(Date.now() - 5 * 86_400_000).toISOString() })
      .expect(201);
    for (const rating of [4, 5])
      await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'partner', organizationId, rating })
        .expect(201);
    await request(t.http)
      .post('/api/v1/tasks')
      .set(staff.auth)
      .send({ title: 'Call back', dueAt: new Date(Date.now() - 86_400_000).toISOString(), organizationId })
      .expect(201);
    const { body } = await request(t.http)
      .get(`/api/v1/organizations/${organizationId}/health`)
      .set(staff.auth)
      .expect(200);
    expect(body.details.recency.facts).toMatchObject({ lastContactKind: 'feedback', cadenceFrom: 'default' });
    expect(body.details.fit.facts).toEqual({
      audienceReach: 4,
      missionOverlap: 3,
      complementaryResources: 5,
      total: 12,
      max: 15,
    });
    expect(body.details.followUps.facts).toEqual({ overdue: 1, oldestOverdueDays: 1 });
    expect(mismatches(body, schemas.OrganizationHealthResponseDto, 'health')).toEqual([]);
  });
});
