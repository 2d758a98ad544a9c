import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { OrganizationStage } from '../../src/organization/organization-stage';
import { ProgramStatus } from '../../src/program/program.entity';
import { persistContact, persistOrganization } from '../factories/directory.factory';
import { persistProgram } from '../factories/program.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';
import { unstorableTextError } from '../setup/unstorable-text';

interface SearchBody {
  organizations: { id: string; name: string; stage: string; type: string | null }[];
  contacts: {
    id: string;
    name: string;
    organizationId: string;
    organizationName: string;
    email: string | null;
    phone: string | null;
    notes: string | null;
  }[];
  programs: { id: string; name: string; status: string }[];
}

describe('Search (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let seed: { cafe: string; harbor: string; dana: string; program: string };

  const search = async (who: SignedIn, q: string): Promise<SearchBody> =>
    (await request(t.http).get('/api/v1/search').query({ q }).set(who.auth).expect(200)).body as SearchBody;
  const names = (items: { name: string }[]) => items.map((item) => item.name);

  beforeAll(async () => {
    t = await createTestApp();
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    const cafe = await persistOrganization(t.dataSource, {
      name: 'Café Esperanza',
      type: 'Community kitchen',
      stage: OrganizationStage.Active,
      mission: 'Hot meals and homework help for families.',
    });
    const harbor = await persistOrganization(t.dataSource, { name: 'Harbor House', mission: 'Shelter for teens.' });
    await persistOrganization(t.dataSource, { name: 'Harbor', mission: 'A marina club.' });
    await persistOrganization(t.dataSource, { name: 'Anchor Harbor Clinic', mission: 'Health care.' });
    await persistOrganization(t.dataSource, { name: 'Bayside Youth', mission: 'Meets at the harbor on Fridays.' });
    await persistOrganization(t.dataSource, { name: 'Harborview Tenants', mission: 'A tenants’ union.' });
    const dana = await persistContact(t.dataSource, harbor.id, {
      name: 'Dana Whitfield',
      title: 'Case manager',
      email: 'dana.w@harbor.example.org',
      phone: '+1 503 555 0142',
      notes: 'Prefers mornings.',
    });
    const program = await persistProgram(t.dataSource, {
      name: 'Teen Tech Lab',
      description: 'Robotics and coding on Tuesdays.',
      status: ProgramStatus.Planned,
    });
    for (let i = 1; i <= 7; i++) {
      const org = await persistOrganization(t.dataSource, { name: `Maple Partner ${i}` });
      await persistContact(t.dataSource, org.id, { name: `Maple Person ${i}` });
      await persistProgram(t.dataSource, { name: `Maple Program ${i}` });
    }
    seed = { cafe: cafe.id, harbor: harbor.id, dana: dana.id, program: program.id };
  });
  afterAll(async () => t.close());

  it('finds a partner by a word with or without its accent, in any case', async () => {
    for (const q of ['esperanza', 'cafe', 'CAFÉ', 'Café Esp']) {
      const body = await search(viewer, q);
      expect({ q, organizations: body.organizations }).toEqual({
        q,
        organizations: [{ id: seed.cafe, name: 'Café Esperanza', stage: 'active', type: 'Community kitchen' }],
      });
    }
    // Mission text counts too.
    expect(names((await search(viewer, 'homework')).organizations)).toEqual(['Café Esperanza']);
  });

  it('puts the exact name first, then names starting with the text, then a word starting with it, then the rest', async () => {
    // Not alphabetical: relevance first, the closer name first among equals.
    expect(names((await search(viewer, 'harbor')).organizations)).toEqual([
      'Harbor',
      'Harbor House',
      'Harborview Tenants',
      'Anchor Harbor Clinic',
      'Bayside Youth',
    ]);
  });

  it('finds a contact by name, with its organization’s name, as staff sees it', async () => {
    const body = await search(staff, 'whitf');
    expect(body.contacts).toEqual([
      {
        id: seed.dana,
        version: 1,
        organizationId: seed.harbor,
        organizationName: 'Harbor House',
        name: 'Dana Whitfield',
        title: 'Case manager',
        email: 'dana.w@harbor.example.org',
        phone: '+1 503 555 0142',
        preferredChannel: 'email',
        language: 'en',
        isPrimary: false,
        notes: 'Prefers mornings.',
      },
    ]);
  });

  it('finds a program by name or description', async () => {
    for (const q of ['tech lab', 'robotics']) {
      expect((await search(viewer, q)).programs).toEqual([
        { id: seed.program, name: 'Teen Tech Lab', status: 'planned' },
      ]);
    }
  });

  it('answers at most 5 of each kind, in name order when equally relevant', async () => {
    const body = await search(viewer, 'maple');
    expect(names(body.organizations)).toEqual([1, 2, 3, 4, 5].map((i) => `Maple Partner ${i}`));
    expect(names(body.contacts)).toEqual([1, 2, 3, 4, 5].map((i) => `Maple Person ${i}`));
    expect(names(body.programs)).toEqual([1, 2, 3, 4, 5].map((i) => `Maple Program ${i}`));
  });

  it('answers empty lists when nothing matches, and takes LIKE wildcards literally', async () => {
    for (const q of ['zzzz-nothing', '%', '_', '\\']) {
      expect({ q, body: await search(staff, q) }).toEqual({
        q,
        body: { organizations: [], contacts: [], programs: [] },
      });
    }
  });

  it('gives viewers contacts without email, phone or notes', async () => {
    const body = await search(viewer, 'dana');
    expect(body.contacts).toEqual([
      expect.objectContaining({ id: seed.dana, name: 'Dana Whitfield', email: null, phone: null, notes: null }),
    ]);
    expect(JSON.stringify(body)).not.toContain('dana.w@');
    expect(JSON.stringify(body)).not.toContain('555 0142');
  });

  it('lets staff find a contact by email or phone, but not viewers', async () => {
    for (const q of ['dana.w@harbor', '555 0142']) {
      expect({ q, ids: (await search(staff, q)).contacts.map((c) => c.id) }).toEqual({ q, ids: [seed.dana] });
      expect({ q, contacts: (await search(viewer, q)).contacts }).toEqual({ q, contacts: [] });
    }
  });

  it('needs a signed-in user', async () => {
    const response = await request(t.http).get('/api/v1/search').query({ q: 'harbor' }).expect(401);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses a missing, empty, blank or too long q, a repeated one and unknown parameters with 400', async () => {
    const cases: Record<string, string | string[]>[] = [
      {},
      { q: '' },
      { q: '   ' },
      { q: 'x'.repeat(201) },
      { q: ['harbor', 'house'] },
      { q: 'harbor', limit: '50' },
      { q: 'harbor', organizationId: seed.harbor },
    ];
    for (const query of cases) {
      const response = await request(t.http).get('/api/v1/search').query(query).set(staff.auth);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
    // 200 characters is the limit, after trimming.
    await request(t.http)
      .get('/api/v1/search')
      .query({ q: ` ${'x'.repeat(200)} ` })
      .set(staff.auth)
      .expect(200);
  });

  it('refuses a NUL in q with 400 naming it', async () => {
    for (const q of ['a\u0000b', '\u0000']) {
      const response = await request(t.http).get('/api/v1/search').query({ q }).set(staff.auth);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([unstorableTextError('q')]);
    }
  });
});
