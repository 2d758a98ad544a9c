import request from 'supertest';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { AuditService } from '../../src/audit/audit.service';
import { Role } from '../../src/auth/role.enum';
import { User } from '../../src/user/user.entity';
import { VisitPurpose } from '../../src/visit/visit.entity';
import { VisitService } from '../../src/visit/visit.service';
import { persistContact, persistOrganization } from '../factories/directory.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { persistBareProgram, persistVisit } from '../factories/visit.factory';
import { statementsOf } from '../setup/statements';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const UNKNOWN = '7d0c5d1e-93a4-4b8f-9f0e-000000000000';
const DAY = 24 * 60 * 60 * 1000;

/** Rows of the visit tables and the audit log: unchanged means a refused request wrote nothing. */
async function visitTables(t: TestApp): Promise<Record<string, unknown>> {
  const [row] = await t.dataSource.query(`
    SELECT (SELECT count(*)::int FROM visits) AS visits,
           (SELECT count(*)::int FROM visit_staff) AS staff,
           (SELECT count(*)::int FROM visit_contacts) AS contacts,
           (SELECT count(*)::int FROM audit_events) AS audit,
           (SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v.id), '')) FROM visits v) AS digest,
           (SELECT md5(coalesce(string_agg(s::text, ',' ORDER BY s.visit_id, s.user_id), '')) FROM visit_staff s) AS staff_digest,
           (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.visit_id, c.contact_id), '')) FROM visit_contacts c) AS contacts_digest`);
  return row;
}

describe(`${VisitService.name} (e2e)`, () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let manager: SignedIn;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    manager = await signedInAs(t, Role.Manager);
    orgId = (await persistOrganization(t.dataSource, { name: 'Harbor House Youth Shelter' })).id;
  });

  describe('recordVisit', () => {
    it('fills in the phone-friendly defaults: now, the actor as staff, no contacts, zero counts', async () => {
      const before = Date.now();
      const created = await request(t.http)
        .post('/api/v1/visits')
        .set(staff.auth)
        .send({ organizationId: orgId, purpose: 'relationship' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        version: 1,
        organizationId: orgId,
        programId: null,
        visitedAt: expect.any(String),
        location: null,
        purpose: 'relationship',
        staffIds: [staff.user.id],
        contactIds: [],
        invitationsHandedOut: 0,
        peopleReached: 0,
        notes: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const visitedAt = Date.parse(created.body.visitedAt);
      expect(visitedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(visitedAt).toBeLessThanOrEqual(Date.now() + 1000);
      const read = await request(t.http).get(`/api/v1/visits/${created.body.id}`).set(viewer.auth).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('keeps every field, links staff and contacts, and audits the creation without the notes', async () => {
      const colleague = await signedInAs(t, Role.Staff);
      const program = await persistBareProgram(t.dataSource, { name: 'Wednesday drop-in' });
      const dana = await persistContact(t.dataSource, orgId);
      const ann = await persistContact(t.dataSource, orgId);
      const body = {
        organizationId: orgId,
        programId: program.id,
        visitedAt: '2026-03-04T09:30:00-08:00',
        location: '  Youth Shelter lobby ',
        purpose: 'invitations',
        staffIds: [staff.user.id, colleague.user.id],
        contactIds: [dana.id, ann.id],
        invitationsHandedOut: 25,
        peopleReached: 12,
        notes: 'Dana asked for Spanish flyers',
      };
      const created = await request(t.http).post('/api/v1/visits').set(staff.auth).send(body).expect(201);
      expect(created.body).toMatchObject({
        ...body,
        visitedAt: '2026-03-04T17:30:00.000Z',
        location: 'Youth Shelter lobby',
        staffIds: [staff.user.id, colleague.user.id].sort(),
        contactIds: [dana.id, ann.id].sort(),
      });

      const admin = await signedInAs(t, Role.Admin);
      const audit = await request(t.http)
        .get('/api/v1/audit')
        .query({ entityType: 'visit', entityId: created.body.id })
        .set(admin.auth)
        .expect(200);
      expect(audit.body.data).toHaveLength(1);
      expect(audit.body.data[0]).toMatchObject({ action: 'create', actorId: staff.user.id });
      expect(audit.body.data[0].changes).toMatchObject({
        purpose: { before: null, after: 'invitations' },
        contactIds: { before: null, after: [dana.id, ann.id].sort() },
        invitationsHandedOut: { before: null, after: 25 },
        notes: { redacted: true },
      });
      expect(JSON.stringify(audit.body)).not.toContain('Spanish flyers');
    });

    it('refuses unknown references, contacts of another organization, inactive staff and absurd values, naming each field', async () => {
      const other = await persistOrganization(t.dataSource, { name: 'Other Org' });
      const outsider = await persistContact(t.dataSource, other.id);
      const mine = await persistContact(t.dataSource, orgId);
      const gone = await signedInAs(t, Role.Staff);
      await t.dataSource.getRepository(User).update({ id: gone.user.id }, { active: false });
      const before = await visitTables(t);
      const post = (body: Record<string, unknown>) =>
        request(t.http)
          .post('/api/v1/visits')
          .set(staff.auth)
          .send({ organizationId: orgId, purpose: 'planning', ...body });
      const fields = async (body: Record<string, unknown>) => {
        const response = await post(body).expect(400);
        expect(response.headers['content-type']).toMatch(/problem\+json/);
        return response.body.errors;
      };

      expect(await fields({ organizationId: UNKNOWN })).toEqual([
        { field: 'organizationId', message: 'is not a known organization' },
      ]);
      expect(await fields({ programId: UNKNOWN })).toEqual([{ field: 'programId', message: 'is not a known program' }]);
      expect(await fields({ contactIds: [mine.id, outsider.id] })).toEqual([
        { field: 'contactIds.1', message: "is not a contact of the visit's organization" },
      ]);
      expect(await fields({ contactIds: [UNKNOWN] })).toEqual([
        { field: 'contactIds.0', message: 'is not a known contact' },
      ]);
      expect(await fields({ staffIds: [staff.user.id, gone.user.id] })).toEqual([
        { field: 'staffIds.1', message: 'is not an active user' },
      ]);
      expect(await fields({ staffIds: [UNKNOWN] })).toEqual([
        { field: 'staffIds.0', message: 'is not an active user' },
      ]);
      expect(await fields({ staffIds: [] })).toEqual([
        { field: 'staffIds', message: expect.stringMatching(/at least 1/) },
      ]);
      expect(await fields({ visitedAt: new Date(Date.now() + 400 * DAY).toISOString() })).toEqual([
        { field: 'visitedAt', message: 'must not be more than 366 days ahead' },
      ]);
      expect((await fields({ visitedAt: '1999-06-01T10:00:00Z' }))[0].field).toBe('visitedAt');
      expect((await fields({ visitedAt: '2026-03-04T10:00:00' }))[0].field).toBe('visitedAt'); // no offset: ambiguous
      expect((await fields({ visitedAt: '2026-02-30T10:00:00Z' }))[0].field).toBe('visitedAt');
      expect((await fields({ invitationsHandedOut: -1 }))[0].field).toBe('invitationsHandedOut');
      expect((await fields({ peopleReached: 100_001 }))[0].field).toBe('peopleReached');
      expect((await fields({ peopleReached: 2.5 }))[0].field).toBe('peopleReached');
      expect((await fields({ purpose: 'party' }))[0]).toEqual({
        field: 'purpose',
        message: expect.stringContaining('relationship, invitations, program-delivery, planning, other'),
      });
      expect((await fields({ contactIds: [mine.id, mine.id] }))[0].field).toBe('contactIds');
      expect(await visitTables(t)).toEqual(before);

      // The upper bounds themselves are fine.
      await post({
        invitationsHandedOut: 100_000,
        peopleReached: 0,
        visitedAt: new Date(Date.now() + 300 * DAY).toISOString(),
      }).expect(201);
    });

    it('still names every bad reference at once, before any staff or contact error', async () => {
      const gone = await signedInAs(t, Role.Staff);
      await t.dataSource.getRepository(User).update({ id: gone.user.id }, { active: false });
      const mine = await persistContact(t.dataSource, orgId);
      const before = await visitTables(t);
      const fields = async (body: Record<string, unknown>) =>
        (
          await request(t.http)
            .post('/api/v1/visits')
            .set(staff.auth)
            .send({ organizationId: orgId, purpose: 'planning', ...body })
            .expect(400)
        ).body.errors;
      const unknownOrganization = { field: 'organizationId', message: 'is not a known organization' };
      const unknownProgram = { field: 'programId', message: 'is not a known program' };

      expect(await fields({ organizationId: UNKNOWN, programId: UNKNOWN })).toEqual([
        unknownOrganization,
        unknownProgram,
      ]);
      expect(await fields({ organizationId: UNKNOWN, staffIds: [gone.user.id] })).toEqual([unknownOrganization]);
      expect(await fields({ organizationId: UNKNOWN, contactIds: [mine.id] })).toEqual([unknownOrganization]);
      expect(await fields({ programId: UNKNOWN, staffIds: [staff.user.id, gone.user.id] })).toEqual([unknownProgram]);
      expect(await fields({ programId: UNKNOWN, visitedAt: new Date(Date.now() + 400 * DAY).toISOString() })).toEqual([
        unknownProgram,
        { field: 'visitedAt', message: 'must not be more than 366 days ahead' },
      ]);
      expect(await visitTables(t)).toEqual(before);
    });

    it('writes the visit, its staff and its audit event in one statement, reading nothing first', async () => {
      const visits = t.app.get(VisitService);
      const actor = { ...staff.user, sessionId: UNKNOWN };
      const dto = {
        organizationId: orgId,
        purpose: VisitPurpose.Invitations,
        staffIds: [staff.user.id],
        contactIds: [],
        notes: 'Spanish flyers',
      };
      const { result: record, sent } = await statementsOf(() => visits.recordVisit(dto, actor), Infinity);
      expect(sent).toEqual([
        expect.stringMatching(
          /^WITH record AS \(INSERT INTO visits .*\(INSERT INTO visit_staff .*\(INSERT INTO audit_events /,
        ),
      ]);
      const [links] = await t.dataSource.query(
        `SELECT (SELECT array_agg(user_id) FROM visit_staff WHERE visit_id = $1) AS staff,
                (SELECT count(*)::int FROM visit_contacts WHERE visit_id = $1) AS contacts`,
        [record.visit.id],
      );
      expect(links).toEqual({ staff: [staff.user.id], contacts: 0 });
      expect(await visits.get(record.visit.id)).toEqual(record);
      const audit = await t.dataSource.query(
        'SELECT actor_id, entity_type, action, changes FROM audit_events WHERE entity_id = $1',
        [record.visit.id],
      );
      expect(audit).toEqual([
        {
          actor_id: staff.user.id,
          entity_type: 'visit',
          action: 'create',
          changes: {
            organizationId: { before: null, after: orgId },
            visitedAt: { before: null, after: record.visit.visitedAt.toISOString() },
            purpose: { before: null, after: 'invitations' },
            staffIds: { before: null, after: [staff.user.id] },
            contactIds: { before: null, after: [] },
            invitationsHandedOut: { before: null, after: 0 },
            peopleReached: { before: null, after: 0 },
            notes: { redacted: true },
          },
        },
      ]);
    });

    it('leaves no visit, link or audit event when a part of the write fails', async () => {
      const visits = t.app.get(VisitService);
      const before = await visitTables(t);
      // An audit event the table refuses (its action is at most 10 characters): the statement fails as a whole.
      const insertFrom = AuditService.prototype.insertFrom;
      const failing = jest.spyOn(AuditService.prototype, 'insertFrom').mockImplementationOnce(function (
        this: AuditService,
        source,
        first,
        entry,
      ) {
        return insertFrom.call(this, source, first, { ...entry, action: 'create-and-more' as 'create' });
      });
      try {
        await expect(
          visits.recordVisit(
            { organizationId: orgId, purpose: VisitPurpose.Planning, staffIds: [staff.user.id] },
            { ...staff.user, sessionId: UNKNOWN },
          ),
        ).rejects.toThrow(/too long/);
      } finally {
        failing.mockRestore();
      }
      expect(await visitTables(t)).toEqual(before);
    });

    it('lets staff and above write, and viewers only read', async () => {
      const visit = await persistVisit(t.dataSource, orgId, {}, { staffIds: [staff.user.id] });
      const before = await visitTables(t);
      await request(t.http)
        .post('/api/v1/visits')
        .set(viewer.auth)
        .send({ organizationId: orgId, purpose: 'other' })
        .expect(403);
      await request(t.http)
        .patch(`/api/v1/visits/${visit.id}`)
        .set(viewer.auth)
        .send({ version: 1, peopleReached: 3 })
        .expect(403);
      await request(t.http).delete(`/api/v1/visits/${visit.id}`).set(viewer.auth).expect(403);
      expect(await visitTables(t)).toEqual(before);
      await request(t.http).get('/api/v1/visits').set(viewer.auth).expect(200);
      await request(t.http)
        .patch(`/api/v1/visits/${visit.id}`)
        .set(manager.auth)
        .send({ version: 1, peopleReached: 3 })
        .expect(200);
      await request(t.http).delete(`/api/v1/visits/${visit.id}`).set(staff.auth).expect(204);
      await request(t.http).get(`/api/v1/visits/${visit.id}`).set(staff.auth).expect(404);
      await request(t.http).delete(`/api/v1/visits/${visit.id}`).set(staff.auth).expect(404);
    });
  });

  describe('list', () => {
    it('filters by organization, program, purpose and a from/to window, newest first', async () => {
      const other = await persistOrganization(t.dataSource, { name: 'Central High' });
      const program = await persistBareProgram(t.dataSource);
      const march1 = await persistVisit(t.dataSource, orgId, {
        visitedAt: new Date('2026-03-01T18:00:00Z'),
        purpose: VisitPurpose.Invitations,
        programId: program.id,
      });
      const march15 = await persistVisit(t.dataSource, orgId, { visitedAt: new Date('2026-03-15T18:00:00Z') });
      const march31 = await persistVisit(t.dataSource, orgId, {
        visitedAt: new Date('2026-03-31T23:30:00Z'),
        purpose: VisitPurpose.Invitations,
      });
      const april = await persistVisit(t.dataSource, orgId, { visitedAt: new Date('2026-04-01T00:00:00Z') });
      const elsewhere = await persistVisit(t.dataSource, other.id, { visitedAt: new Date('2026-03-10T18:00:00Z') });
      const ids = async (query: Record<string, string>) =>
        (await request(t.http).get('/api/v1/visits').query(query).set(viewer.auth).expect(200)).body.data.map(
          (v: { id: string }) => v.id,
        );

      expect(await ids({})).toEqual([april.id, march31.id, march15.id, elsewhere.id, march1.id]);
      expect(await ids({ sort: 'visitedAt' })).toEqual([march1.id, elsewhere.id, march15.id, march31.id, april.id]);
      expect(await ids({ organizationId: orgId })).toEqual([april.id, march31.id, march15.id, march1.id]);
      expect(await ids({ organizationId: orgId, from: '2026-03-01', to: '2026-03-31' })).toEqual([
        march31.id,
        march15.id,
        march1.id,
      ]);
      expect(await ids({ from: '2026-03-15T18:00:00Z', to: '2026-04-01T00:00:00Z' })).toEqual([
        april.id,
        march31.id,
        march15.id,
      ]);
      expect(await ids({ from: '2026-03-31T16:30:00-07:00' })).toEqual([april.id, march31.id]);
      expect(await ids({ to: '2026-03-01' })).toEqual([march1.id]);
      expect(await ids({ programId: program.id })).toEqual([march1.id]);
      expect(await ids({ purpose: 'invitations' })).toEqual([march31.id, march1.id]);
      expect(await ids({ organizationId: UNKNOWN })).toEqual([]);

      const bad = await request(t.http)
        .get('/api/v1/visits')
        .query({ from: '2026-04-01', to: '2026-03-31' })
        .set(viewer.auth)
        .expect(400);
      expect(bad.body.errors).toEqual([{ field: 'from', message: 'must not be after to' }]);
      for (const query of [
        { from: 'yesterday' },
        { to: '2026-13-01' },
        { purpose: 'party' },
        { sort: 'notes' },
        { programId: 'x' },
      ]) {
        await request(t.http).get('/api/v1/visits').query(query).set(viewer.auth).expect(400);
      }
    });

    it('pages like the directory, with the total, and loads the links of a whole page in constant queries', async () => {
      const contacts = await Promise.all([1, 2, 3].map(() => persistContact(t.dataSource, orgId)));
      for (let i = 0; i < 30; i += 1) {
        await persistVisit(
          t.dataSource,
          orgId,
          { visitedAt: new Date(Date.UTC(2026, 0, 1 + i)) },
          { staffIds: [staff.user.id], contactIds: contacts.slice(0, i % 4).map((c) => c.id) },
        );
      }
      const page = await request(t.http)
        .get('/api/v1/visits')
        .query({ limit: 10, offset: 10 })
        .set(viewer.auth)
        .expect(200);
      expect(page.body.meta).toEqual({ total: 30, limit: 10, offset: 10 });
      expect(page.body.data).toHaveLength(10);
      expect(page.body.data[0].visitedAt).toBe('2026-01-20T00:00:00.000Z');
      expect(
        page.body.data.every((v: { staffIds: string[] }) => v.staffIds.length === 1 && v.staffIds[0] === staff.user.id),
      ).toBe(true);
      expect(page.body.data.map((v: { contactIds: string[] }) => v.contactIds.length)).toEqual([
        3, 2, 1, 0, 3, 2, 1, 0, 3, 2,
      ]);
      const beyond = await request(t.http).get('/api/v1/visits').query({ offset: 100 }).set(viewer.auth).expect(200);
      expect(beyond.body).toEqual({ data: [], meta: { total: 30, limit: 25, offset: 100 } });

      // Queries per list request do not grow with the page size (no query per visit).
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const count = async (limit: number) => {
          spy.mockClear();
          await request(t.http).get('/api/v1/visits').query({ limit }).set(viewer.auth).expect(200);
          return spy.mock.calls.length;
        };
        const small = await count(2);
        const large = await count(30);
        expect(large).toBe(small);
        expect(large).toBeGreaterThan(0);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('update', () => {
    it('changes fields and links under optimistic concurrency, a change of contacts alone being a new version', async () => {
      const dana = await persistContact(t.dataSource, orgId);
      const ann = await persistContact(t.dataSource, orgId);
      const created = await request(t.http)
        .post('/api/v1/visits')
        .set(staff.auth)
        .send({ organizationId: orgId, purpose: 'invitations', contactIds: [dana.id] })
        .expect(201);
      const id = created.body.id;

      const v2 = await request(t.http)
        .patch(`/api/v1/visits/${id}`)
        .set(staff.auth)
        .send({ version: 1, contactIds: [dana.id, ann.id] })
        .expect(200);
      expect(v2.body).toMatchObject({ version: 2, contactIds: [dana.id, ann.id].sort(), peopleReached: 0 });
      expect(Date.parse(v2.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.body.updatedAt));

      const v3 = await request(t.http)
        .patch(`/api/v1/visits/${id}`)
        .set(staff.auth)
        .send({ version: 2, peopleReached: 40, location: 'Gym', notes: '' })
        .expect(200);
      expect(v3.body).toMatchObject({
        version: 3,
        peopleReached: 40,
        location: 'Gym',
        notes: null,
        contactIds: [dana.id, ann.id].sort(),
      });

      const before = await visitTables(t);
      const stale = await request(t.http)
        .patch(`/api/v1/visits/${id}`)
        .set(staff.auth)
        .send({ version: 2, peopleReached: 1, contactIds: [] })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 3 });
      expect(await visitTables(t)).toEqual(before);

      // The same values again change nothing, not even the version.
      const same = await request(t.http)
        .patch(`/api/v1/visits/${id}`)
        .set(staff.auth)
        .send({ version: 3, peopleReached: 40 })
        .expect(200);
      expect(same.body.version).toBe(3);

      const admin = await signedInAs(t, Role.Admin);
      const audit = await request(t.http)
        .get('/api/v1/audit')
        .query({ entityType: 'visit', entityId: id })
        .set(admin.auth)
        .expect(200);
      expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual(['update', 'update', 'create']);
      expect(audit.body.data[1].changes).toEqual({
        contactIds: { before: [dana.id], after: [dana.id, ann.id].sort() },
      });
    });

    it('moves a visit to another organization only with contacts of that organization', async () => {
      const other = await persistOrganization(t.dataSource, { name: 'Central High' });
      const dana = await persistContact(t.dataSource, orgId);
      const kim = await persistContact(t.dataSource, other.id);
      const visit = await persistVisit(t.dataSource, orgId, {}, { staffIds: [staff.user.id], contactIds: [dana.id] });
      const refused = await request(t.http)
        .patch(`/api/v1/visits/${visit.id}`)
        .set(staff.auth)
        .send({ version: 1, organizationId: other.id })
        .expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'contactIds.0', message: "is not a contact of the visit's organization" },
      ]);
      const unknown = await request(t.http)
        .patch(`/api/v1/visits/${visit.id}`)
        .set(staff.auth)
        .send({ version: 1, organizationId: UNKNOWN })
        .expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'organizationId', message: 'is not a known organization' }]);
      const moved = await request(t.http)
        .patch(`/api/v1/visits/${visit.id}`)
        .set(staff.auth)
        .send({ version: 1, organizationId: other.id, contactIds: [kim.id] })
        .expect(200);
      expect(moved.body).toMatchObject({ organizationId: other.id, contactIds: [kim.id], version: 2 });
    });

    it('keeps a deactivated colleague on a visit they went on, but adds only active staff', async () => {
      const leaver = await signedInAs(t, Role.Staff);
      const visit = await persistVisit(t.dataSource, orgId, {}, { staffIds: [staff.user.id, leaver.user.id] });
      await t.dataSource.getRepository(User).update({ id: leaver.user.id }, { active: false });
      const kept = await request(t.http)
        .patch(`/api/v1/visits/${visit.id}`)
        .set(staff.auth)
        .send({ version: 1, staffIds: [leaver.user.id, staff.user.id], peopleReached: 5 })
        .expect(200);
      expect(kept.body.staffIds).toEqual([staff.user.id, leaver.user.id].sort());
      const other = await persistVisit(t.dataSource, orgId, {}, { staffIds: [staff.user.id] });
      const refused = await request(t.http)
        .patch(`/api/v1/visits/${other.id}`)
        .set(staff.auth)
        .send({ version: 1, staffIds: [staff.user.id, leaver.user.id] })
        .expect(400);
      expect(refused.body.errors).toEqual([{ field: 'staffIds.1', message: 'is not an active user' }]);
    });
  });

  describe('timeline', () => {
    it("puts visits on the organization's timeline at their time, with purpose, place and counts but no notes", async () => {
      const dana = await persistContact(t.dataSource, orgId, { name: 'Dana Whitfield' });
      const post = (body: Record<string, unknown>) =>
        request(t.http)
          .post('/api/v1/visits')
          .set(staff.auth)
          .send({ organizationId: orgId, ...body })
          .expect(201);
      const invitations = await post({
        purpose: 'invitations',
        visitedAt: '2026-03-04T17:30:00Z',
        location: 'Youth Shelter lobby',
        invitationsHandedOut: 25,
        peopleReached: 12,
        contactIds: [dana.id],
        notes: 'Dana Whitfield wants Spanish flyers',
      });
      const single = await post({
        purpose: 'program-delivery',
        visitedAt: '2026-03-05T17:30:00Z',
        peopleReached: 1,
        invitationsHandedOut: 1,
      });
      const quiet = await post({ purpose: 'relationship', visitedAt: '2026-03-06T17:30:00Z' });
      const reachedOnly = await post({
        purpose: 'planning',
        visitedAt: '2026-03-07T17:30:00Z',
        location: 'Room 2',
        peopleReached: 3,
      });
      await persistVisit(t.dataSource, (await persistOrganization(t.dataSource)).id, { location: 'Elsewhere' });

      const timeline = await request(t.http)
        .get(`/api/v1/organizations/${orgId}/timeline`)
        .set(viewer.auth)
        .expect(200);
      const visits = timeline.body.data.filter((entry: { type: string }) => entry.type === 'visit');
      expect(visits).toEqual([
        {
          type: 'visit',
          at: '2026-03-07T17:30:00.000Z',
          summary: 'Visit (planning) at Room 2: 3 people reached',
          refId: reachedOnly.body.id,
        },
        { type: 'visit', at: '2026-03-06T17:30:00.000Z', summary: 'Visit (relationship)', refId: quiet.body.id },
        {
          type: 'visit',
          at: '2026-03-05T17:30:00.000Z',
          summary: 'Visit (program-delivery): 1 invitation handed out, 1 person reached',
          refId: single.body.id,
        },
        {
          type: 'visit',
          at: '2026-03-04T17:30:00.000Z',
          summary: 'Visit (invitations) at Youth Shelter lobby: 25 invitations handed out, 12 people reached',
          refId: invitations.body.id,
        },
      ]);
      expect(JSON.stringify(timeline.body)).not.toContain('Dana');
    });
  });

  describe('contact erasure', () => {
    it('erasing a contact removes them from every visit, and the visit stays', async () => {
      const dana = await persistContact(t.dataSource, orgId);
      const ann = await persistContact(t.dataSource, orgId);
      const created = await request(t.http)
        .post('/api/v1/visits')
        .set(staff.auth)
        .send({ organizationId: orgId, purpose: 'relationship', contactIds: [dana.id, ann.id] })
        .expect(201);
      await request(t.http).delete(`/api/v1/contacts/${dana.id}`).set(manager.auth).expect(204);
      const read = await request(t.http).get(`/api/v1/visits/${created.body.id}`).set(staff.auth).expect(200);
      expect(read.body.contactIds).toEqual([ann.id]);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM visit_contacts WHERE contact_id = $1', [
        dana.id,
      ]);
      expect(n).toBe(0);
      // The visit can still be edited with the contacts it has left.
      await request(t.http)
        .patch(`/api/v1/visits/${created.body.id}`)
        .set(staff.auth)
        .send({ version: read.body.version, peopleReached: 2 })
        .expect(200);
    });
  });
});
