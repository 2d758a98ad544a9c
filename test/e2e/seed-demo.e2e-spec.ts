import request from 'supertest';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Role } from '../../src/auth/role.enum';
import { Contact } from '../../src/contact/contact.entity';
import {
  COLLEGE_COACHING,
  COLLEGE_PREP,
  DEMO_ADMIN,
  DEMO_ORGANIZATIONS,
  DEMO_USERS,
  DIGITAL_LITERACY,
  ELL,
  HOMELESS_YOUTH,
  INTERNSHIP_AGENCY,
  LOW_INCOME_TEENS,
  PAID_INTERNSHIPS,
  SHELTER,
} from '../../src/demo/demo-data';
import { SeedResult, seedDemo } from '../../src/demo/seed-demo';
import { OrganizationStage, STAGES } from '../../src/organization/organization-stage';
import { Organization } from '../../src/organization/organization.entity';
import { Invitation } from '../../src/user/invitation.entity';
import { User } from '../../src/user/user.entity';
import { Audience } from '../../src/vocabulary/audience.entity';
import { Capability } from '../../src/vocabulary/capability.entity';
import { persistUser, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

describe('seedDemo (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  /** Rows in every table of the schema (audit_events included). */
  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const { tableName } of t.dataSource.entityMetadatas) {
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM "${tableName}"`);
      counts[tableName] = count;
    }
    return counts;
  }

  async function organization(name: string): Promise<Organization> {
    return t.dataSource.getRepository(Organization).findOneByOrFail({ name });
  }

  async function namesOf(entity: typeof Audience | typeof Capability, ids: string[]): Promise<string[]> {
    const terms = await t.dataSource.getRepository(entity).findBy(ids.map((id) => ({ id })));
    return terms.map((term) => term.name);
  }

  describe('on a Tandem with no admin yet', () => {
    const lines: string[] = [];
    let first: SeedResult;
    let second: SeedResult;
    let afterFirst: Record<string, number>;
    let afterSecond: Record<string, number>;

    beforeAll(async () => {
      await truncateAll(t.dataSource);
      first = await seedDemo(t.app, (line) => lines.push(line));
      afterFirst = await rowCounts();
      second = await seedDemo(t.app, () => {});
      afterSecond = await rowCounts();
    });

    it('creates the youth shelter, the internship agency and the college-prep nonprofit with their audiences and capabilities', async () => {
      const shelter = await organization(SHELTER);
      expect(shelter).toMatchObject({ type: 'Youth shelter', stage: OrganizationStage.Active });
      expect(await namesOf(Audience, shelter.audienceIds)).toContain(HOMELESS_YOUTH);
      expect(await namesOf(Capability, shelter.seeksCapabilityIds)).toContain(COLLEGE_COACHING);

      const agency = await organization(INTERNSHIP_AGENCY);
      expect(agency).toMatchObject({ type: 'Government agency', stage: OrganizationStage.Active });
      expect(await namesOf(Audience, agency.audienceIds)).toContain(LOW_INCOME_TEENS);
      expect(await namesOf(Capability, agency.capabilityIds)).toContain(PAID_INTERNSHIPS);
      expect(await namesOf(Capability, agency.seeksCapabilityIds)).toContain(DIGITAL_LITERACY);

      const collegePrep = await organization(COLLEGE_PREP);
      expect(await namesOf(Audience, collegePrep.audienceIds)).toEqual(expect.arrayContaining([LOW_INCOME_TEENS, ELL]));
      expect(await namesOf(Capability, collegePrep.capabilityIds)).toContain(COLLEGE_COACHING);
      expect(collegePrep.fitComplementaryResources).toBe(5);
    });

    it('has organizations in every stage, each owned by one of the demo staff', async () => {
      const orgs = await t.dataSource.getRepository(Organization).find();
      expect(orgs).toHaveLength(DEMO_ORGANIZATIONS.length);
      expect(new Set(orgs.map((org) => org.stage))).toEqual(new Set(STAGES));
      const staff = await t.dataSource.getRepository(User).findBy(DEMO_USERS.map(({ email }) => ({ email })));
      expect(staff).toHaveLength(DEMO_USERS.length);
      const staffIds = new Set(staff.map((user) => user.id));
      expect(orgs.filter((org) => !staffIds.has(org.ownerId ?? ''))).toEqual([]);
    });

    it('adds the contacts, one primary per organization', async () => {
      const contacts = await t.dataSource.getRepository(Contact).find();
      expect(contacts).toHaveLength(DEMO_ORGANIZATIONS.reduce((sum, org) => sum + org.contacts.length, 0));
      const primaries = contacts.filter((contact) => contact.isPrimary).map((contact) => contact.organizationId);
      expect(new Set(primaries).size).toBe(DEMO_ORGANIZATIONS.length);
      expect(primaries).toHaveLength(DEMO_ORGANIZATIONS.length);
    });

    it('puts the stage history, with reasons, on the organization timeline', async () => {
      const viewer = await signedInAs(t, Role.Viewer);
      const shelter = await organization(SHELTER);
      const response = await request(t.http).get(`/api/v1/organizations/${shelter.id}/timeline`).set(viewer.auth).expect(200);
      const stageChanges = (response.body.data as { type: string; summary: string }[])
        .filter((entry) => entry.type === 'stage-change')
        .map((entry) => entry.summary);
      expect(stageChanges).toEqual([
        expect.stringMatching(/^Stage: exploring → active — Weekly Wednesday drop-ins/),
        expect.stringMatching(/^Stage: prospect → exploring — /),
        'Added as prospect',
      ]);
      expect(response.body.data).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'note', summary: expect.stringContaining('handed out 25 invitations') })]),
      );
    });

    it('acts as a demo admin without a password, audited as such', async () => {
      const admin = await t.dataSource.getRepository(User).findOneByOrFail({ email: DEMO_ADMIN.email });
      expect(admin).toMatchObject({ role: Role.Admin, active: true, passwordHash: null });
      const actors = await t.dataSource.getRepository(AuditEvent).createQueryBuilder('a').select('DISTINCT a.actor_id', 'actor').getRawMany();
      expect(actors).toEqual([{ actor: admin.id }]);
    });

    it('prints a one-time token with which the demo admin chooses a password and signs in', async () => {
      const token = /"token":"([A-Za-z0-9_-]+)"/.exec(lines.join('\n'))?.[1];
      expect(token).toBeDefined();
      const response = await request(t.http)
        .post('/api/v1/auth/accept-invitation')
        .send({ token, password: 'our demo partnerships' })
        .expect(200);
      expect(response.body.accessToken).toEqual(expect.any(String));
      await request(t.http).post('/api/v1/auth/login').send({ email: DEMO_ADMIN.email, password: 'our demo partnerships' }).expect(200);
    });

    it('reports its progress per kind of record', () => {
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Staff: 4 created, 0 already there$/),
          expect.stringMatching(/^Audiences: \d+ created, 0 already there$/),
          expect.stringMatching(/^Capabilities: \d+ created, 0 already there$/),
          expect.stringMatching(/^Organizations: 15 created, 0 already there \(with \d+ stage changes and \d+ notes on their timelines\)$/),
          expect.stringMatching(/^Contacts: \d+ created, 0 already there$/),
        ]),
      );
    });

    it('creates nothing and changes nothing when run a second time', () => {
      expect(first.created).toBeGreaterThan(0);
      expect(second).toEqual({ created: 0, unchanged: first.created });
      expect(afterSecond).toEqual(afterFirst);
      expect(afterFirst.audit_events).toBeGreaterThan(0);
    });
  });

  describe('on a Tandem with an admin', () => {
    let admin: User;

    beforeAll(async () => {
      await truncateAll(t.dataSource);
      admin = await persistUser(t.dataSource, { role: Role.Admin, name: 'Maya Chen' });
    });

    it('acts as that admin, creates no demo admin and prints no sign-in token', async () => {
      const lines: string[] = [];
      await seedDemo(t.app, (line) => lines.push(line));
      expect(await t.dataSource.getRepository(User).existsBy({ email: DEMO_ADMIN.email })).toBe(false);
      expect(await t.dataSource.getRepository(Invitation).count()).toBe(0);
      const actors = await t.dataSource.getRepository(AuditEvent).createQueryBuilder('a').select('DISTINCT a.actor_id', 'actor').getRawMany();
      expect(actors).toEqual([{ actor: admin.id }]);
      expect(lines.join('\n')).not.toContain('token');
    });

    it('leaves an organization already there (matched ignoring case) untouched, and adds only missing contacts', async () => {
      await truncateAll(t.dataSource);
      admin = await persistUser(t.dataSource, { role: Role.Admin });
      const repo = t.dataSource.getRepository(Organization);
      const mine = await repo.save(repo.create({ name: SHELTER.toUpperCase(), stage: OrganizationStage.Exploring, mission: 'Our own words.' }));
      const contacts = t.dataSource.getRepository(Contact);
      const dana = await contacts.save(contacts.create({ organizationId: mine.id, name: 'dana whitfield', isPrimary: true }));

      const result = await seedDemo(t.app, () => {});

      // The organization and Dana were already there.
      expect(result.unchanged).toBe(2);
      expect(await repo.findOneByOrFail({ id: mine.id })).toMatchObject({ version: 1, stage: OrganizationStage.Exploring, mission: 'Our own words.' });
      expect(await repo.countBy({ name: SHELTER })).toBe(0);
      const theirs = await contacts.findBy({ organizationId: mine.id });
      theirs.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
      expect(theirs.map((contact) => [contact.name, contact.isPrimary])).toEqual([
        ['dana whitfield', true],
        ['Keisha Morgan', false],
        ['Luis Ortega', false],
      ]);
      expect(await contacts.findOneByOrFail({ id: dana.id })).toMatchObject({ version: 1 });
    });
  });
});
