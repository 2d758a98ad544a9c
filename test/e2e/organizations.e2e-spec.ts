import request from 'supertest';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Role } from '../../src/auth/role.enum';
import { Organization } from '../../src/organization/organization.entity';
import { OrganizationService } from '../../src/organization/organization.service';
import { StageChange } from '../../src/organization/stage-change.entity';
import { persistAudience, persistCapability, persistOrganization } from '../factories/directory.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { statementsOf } from '../setup/statements';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

describe('Organizations (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    manager = await signedInAs(t, Role.Manager);
  });

  const create = (body: object, who: SignedIn = staff) =>
    request(t.http).post('/api/v1/organizations').set(who.auth).send(body);

  describe('POST and GET', () => {
    it('creates an organization with every field of the contract and reads it back', async () => {
      const homeless = await persistAudience(t.dataSource, { name: 'Youth experiencing homelessness', priority: 1 });
      const space = await persistCapability(t.dataSource, { name: 'Meeting space' });
      const food = await persistCapability(t.dataSource, { name: 'Food' });
      const body = {
        name: 'Harbor House Youth Shelter',
        type: 'Youth shelter',
        website: 'https://harborhouse.example.org',
        email: 'info@harborhouse.example.org',
        phone: '+1 503 555 0142',
        address: '12 Harbor Way',
        mission: 'Safe beds and case management for youth 14–21.',
        notes: 'Morning visits work best.',
        stage: 'exploring',
        ownerId: staff.user.id,
        audienceIds: [homeless.id],
        capabilityIds: [food.id],
        seeksCapabilityIds: [space.id],
        tags: ['Drop-In', 'youth'],
        fit: {
          audienceReach: 5,
          missionOverlap: 3,
          complementaryResources: 4,
          notes: 'Trusted by the youth we want to reach.',
        },
      };
      const created = await create(body).expect(201);
      expect(created.body).toMatchObject({
        ...body,
        tags: ['drop-in', 'youth'],
        version: 1,
        id: expect.any(String),
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await request(t.http).get(`/api/v1/organizations/${created.body.id}`).set(viewer.auth).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('starts as a prospect with an empty fit, and records that first stage', async () => {
      const created = await create({ name: 'Eastside Library Friends' }).expect(201);
      expect(created.body).toMatchObject({
        stage: 'prospect',
        audienceIds: [],
        tags: [],
        fit: { audienceReach: 0, missionOverlap: 0, complementaryResources: 0, notes: null },
      });
      const changes = await t.dataSource.getRepository(StageChange).findBy({ organizationId: created.body.id });
      expect(changes).toEqual([
        expect.objectContaining({ fromStage: null, toStage: 'prospect', changedById: staff.user.id }),
      ]);
    });

    it('writes the organization, its first stage and its audit event in one statement', async () => {
      const organizations = t.app.get(OrganizationService);
      const { result: org, sent } = await statementsOf(
        () =>
          organizations.create({ name: 'Eastside Library Friends', tags: ['youth'] }, { ...staff.user, sessionId: '' }),
        Infinity,
      );
      expect(sent).toEqual([
        expect.stringMatching(
          /^WITH o AS \( INSERT INTO organizations .* INSERT INTO organization_stage_changes .*\(INSERT INTO audit_events /,
        ),
      ]);
      expect(org).toEqual(await organizations.get(org.id));
      expect(await t.dataSource.getRepository(StageChange).findBy({ organizationId: org.id })).toEqual([
        expect.objectContaining({ fromStage: null, toStage: 'prospect', reason: null, changedById: staff.user.id }),
      ]);
      const audit = await t.dataSource.getRepository(AuditEvent).findBy({ entityId: org.id });
      expect(audit).toEqual([expect.objectContaining({ action: 'create', actorId: staff.user.id })]);
      expect(audit[0].changes).toEqual({
        name: { before: null, after: 'Eastside Library Friends' },
        stage: { before: null, after: 'prospect' },
        tags: { before: null, after: ['youth'] },
        audienceIds: { before: null, after: [] },
        capabilityIds: { before: null, after: [] },
        seeksCapabilityIds: { before: null, after: [] },
        fitAudienceReach: { before: null, after: 0 },
        fitMissionOverlap: { before: null, after: 0 },
        fitComplementaryResources: { before: null, after: 0 },
      });
    });

    it('leaves no organization, stage change or audit event behind a refused name', async () => {
      await create({ name: 'Youth Shelter' }).expect(201);
      const counts = async () => ({
        organizations: await t.dataSource.getRepository(Organization).count(),
        stages: await t.dataSource.getRepository(StageChange).count(),
        audit: await t.dataSource.getRepository(AuditEvent).count(),
      });
      const before = await counts();
      await create({ name: 'YOUTH shelter' }).expect(409);
      expect(await counts()).toEqual(before);
    });

    it('answers 409 for a name already taken, whatever its case', async () => {
      await create({ name: 'Youth Shelter' }).expect(201);
      const taken = await create({ name: '  youth SHELTER ' }).expect(409);
      expect(taken.body.code).toBe('ORGANIZATION_NAME_TAKEN');
    });

    it('answers 400 naming unknown audiences, capabilities and owners, creating nothing', async () => {
      const response = await create({
        name: 'Ghost Partner',
        audienceIds: ['7d0c5d1e-93a4-4b8f-9f0e-000000000001'],
      }).expect(400);
      expect(response.body.errors).toEqual([{ field: 'audienceIds.0', message: 'is not a known audience' }]);
      const owner = await create({ name: 'Ghost Partner', ownerId: '7d0c5d1e-93a4-4b8f-9f0e-000000000002' }).expect(
        400,
      );
      expect(owner.body.errors).toEqual([{ field: 'ownerId', message: 'is not an active user' }]);
      expect(await t.dataSource.getRepository(Organization).count()).toBe(0);
    });

    it('refuses fit scores outside 0–5 and null for required fields', async () => {
      const response = await create({ name: 'X', fit: { audienceReach: 6 }, stage: null, tags: null }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'fit.audienceReach',
        'stage',
        'tags',
      ]);
    });

    it('is refused to viewers', async () => {
      await create({ name: 'Viewer Org' }, viewer).expect(403);
    });

    it('answers 404 for unknown and malformed ids', async () => {
      await request(t.http)
        .get('/api/v1/organizations/7d0c5d1e-93a4-4b8f-9f0e-000000000000')
        .set(viewer.auth)
        .expect(404);
      const malformed = await request(t.http).get('/api/v1/organizations/abc').set(viewer.auth).expect(404);
      expect(malformed.body.code).toBe('NOT_FOUND');
    });
  });

  describe('GET /organizations (search, filters, sort)', () => {
    it('finds names, missions and notes regardless of case and accents', async () => {
      await persistOrganization(t.dataSource, { name: 'Casa de José' });
      await persistOrganization(t.dataSource, { name: 'Harbor House Youth Shelter' });
      await persistOrganization(t.dataSource, {
        name: 'Northside Tutors',
        mission: 'Homework help for ÉLÈVES and families',
      });
      await persistOrganization(t.dataSource, { name: 'Unrelated', notes: 'We met at the SHELTER fair' });
      const search = async (q: string) =>
        (await request(t.http).get('/api/v1/organizations').query({ q }).set(viewer.auth).expect(200)).body.data
          .map((o: { name: string }) => o.name)
          .sort();
      expect(await search('Jose')).toEqual(['Casa de José']);
      expect(await search('josé')).toEqual(['Casa de José']);
      expect(await search('shelter')).toEqual(['Harbor House Youth Shelter', 'Unrelated']);
      expect(await search('eleves')).toEqual(['Northside Tutors']);
      expect(await search('100%')).toEqual([]);
    });

    it('filters by stage, audience, capability offered and sought, owner and tag', async () => {
      const teens = await persistAudience(t.dataSource);
      const internships = await persistCapability(t.dataSource);
      const a = await persistOrganization(t.dataSource, {
        name: 'A',
        stage: 'active' as never,
        audienceIds: [teens.id],
        tags: ['drop-in'],
      });
      const b = await persistOrganization(t.dataSource, {
        name: 'B',
        stage: 'paused' as never,
        capabilityIds: [internships.id],
        ownerId: staff.user.id,
      });
      const c = await persistOrganization(t.dataSource, {
        name: 'C',
        stage: 'active' as never,
        seeksCapabilityIds: [internships.id],
      });
      const ids = async (query: Record<string, string>) =>
        (await request(t.http).get('/api/v1/organizations').query(query).set(viewer.auth).expect(200)).body.data.map(
          (o: { id: string }) => o.id,
        );
      expect(await ids({ stage: 'active' })).toEqual([a.id, c.id]);
      expect(await ids({ stage: 'active,paused' })).toEqual([a.id, b.id, c.id]);
      expect(await ids({ audienceId: teens.id })).toEqual([a.id]);
      expect(await ids({ capabilityId: internships.id })).toEqual([b.id]);
      expect(await ids({ seeksCapabilityId: internships.id })).toEqual([c.id]);
      expect(await ids({ ownerId: staff.user.id })).toEqual([b.id]);
      expect(await ids({ tag: 'Drop-In' })).toEqual([a.id]);
      expect(await ids({ stage: 'active', audienceId: teens.id })).toEqual([a.id]);
    });

    it('sorts by name, stage and dates, pages with totals and caps the limit at 100', async () => {
      for (const [name, stage] of [
        ['beta', 'ended'],
        ['Alpha', 'active'],
        ['gamma', 'prospect'],
      ]) {
        await persistOrganization(t.dataSource, { name, stage: stage as never });
      }
      const names = async (query: Record<string, string | number>) =>
        (await request(t.http).get('/api/v1/organizations').query(query).set(viewer.auth).expect(200)).body;
      expect((await names({ sort: 'name' })).data.map((o: { name: string }) => o.name)).toEqual([
        'Alpha',
        'beta',
        'gamma',
      ]);
      expect((await names({ sort: '-name' })).data.map((o: { name: string }) => o.name)).toEqual([
        'gamma',
        'beta',
        'Alpha',
      ]);
      expect((await names({ sort: 'stage' })).data.map((o: { name: string }) => o.name)).toEqual([
        'gamma',
        'Alpha',
        'beta',
      ]);
      expect((await names({ sort: '-createdAt' })).data.map((o: { name: string }) => o.name)).toEqual([
        'gamma',
        'Alpha',
        'beta',
      ]);
      expect(await names({ sort: 'name', limit: 1, offset: 1 })).toMatchObject({
        data: [{ name: 'beta' }],
        meta: { total: 3, limit: 1, offset: 1 },
      });
      expect(await names({ limit: 2, offset: 5 })).toMatchObject({ data: [], meta: { total: 3 } });
      for (const query of ['limit=101', 'limit=0', 'offset=-1', 'sort=mission', 'stage=dormant', 'audienceId=zzz']) {
        const response = await request(t.http).get(`/api/v1/organizations?${query}`).set(viewer.auth).expect(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('PATCH', () => {
    it('updates partially, bumps the version and keeps the stage change with its reason', async () => {
      const created = await create({ name: 'Metro Youth Works', stage: 'exploring', tags: ['internships'] }).expect(
        201,
      );
      const updated = await request(t.http)
        .patch(`/api/v1/organizations/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, stage: 'active', stageReason: 'First tech workshop scheduled', fit: { missionOverlap: 4 } })
        .expect(200);
      expect(updated.body).toMatchObject({
        version: 2,
        stage: 'active',
        tags: ['internships'],
        fit: { missionOverlap: 4, audienceReach: 0 },
      });
      const timeline = await request(t.http)
        .get(`/api/v1/organizations/${created.body.id}/timeline`)
        .set(viewer.auth)
        .expect(200);
      expect(timeline.body.data).toEqual([
        expect.objectContaining({
          type: 'stage-change',
          summary: 'Stage: exploring → active — First tech workshop scheduled',
        }),
        expect.objectContaining({ type: 'stage-change', summary: 'Added as exploring' }),
      ]);
    });

    it('refuses a stale version with 409 and the current version, changing nothing', async () => {
      const created = await create({ name: 'Stale Org' }).expect(201);
      await request(t.http)
        .patch(`/api/v1/organizations/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, notes: 'first' })
        .expect(200);
      const stale = await request(t.http)
        .patch(`/api/v1/organizations/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, notes: 'second', stage: 'ended' })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const now = await request(t.http).get(`/api/v1/organizations/${created.body.id}`).set(viewer.auth).expect(200);
      expect(now.body).toMatchObject({ version: 2, notes: 'first', stage: 'prospect' });
      expect(await t.dataSource.getRepository(StageChange).countBy({ organizationId: created.body.id })).toBe(1);
    });

    it('needs the version', async () => {
      const created = await create({ name: 'Versionless' }).expect(201);
      const response = await request(t.http)
        .patch(`/api/v1/organizations/${created.body.id}`)
        .set(staff.auth)
        .send({ notes: 'x' })
        .expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
    });

    it('answers 409 when renaming onto another organization’s name', async () => {
      await create({ name: 'First' }).expect(201);
      const second = await create({ name: 'Second' }).expect(201);
      await request(t.http)
        .patch(`/api/v1/organizations/${second.body.id}`)
        .set(staff.auth)
        .send({ version: 1, name: 'FIRST' })
        .expect(409);
    });
  });

  describe('DELETE', () => {
    it('is for managers: staff get 403, a manager deletes with 204', async () => {
      const created = await create({ name: 'To Delete' }).expect(201);
      await request(t.http).delete(`/api/v1/organizations/${created.body.id}`).set(staff.auth).expect(403);
      await request(t.http).delete(`/api/v1/organizations/${created.body.id}`).set(manager.auth).expect(204);
      await request(t.http).get(`/api/v1/organizations/${created.body.id}`).set(viewer.auth).expect(404);
      await request(t.http).delete(`/api/v1/organizations/${created.body.id}`).set(manager.auth).expect(404);
    });
  });

  describe('notes and timeline', () => {
    it('adds notes that show on the timeline, newest first, merged with stage changes', async () => {
      const created = await create({ name: 'Timeline Org' }).expect(201);
      const id = created.body.id;
      const note = await request(t.http)
        .post(`/api/v1/organizations/${id}/notes`)
        .set(staff.auth)
        .send({ body: 'Visited the shelter and handed out 25 invitations.' })
        .expect(201);
      expect(note.body).toMatchObject({
        organizationId: id,
        authorId: staff.user.id,
        body: 'Visited the shelter and handed out 25 invitations.',
      });
      await request(t.http)
        .patch(`/api/v1/organizations/${id}`)
        .set(staff.auth)
        .send({ version: 1, stage: 'exploring' })
        .expect(200);
      const notes = await request(t.http).get(`/api/v1/organizations/${id}/notes`).set(viewer.auth).expect(200);
      expect(notes.body.data).toHaveLength(1);
      const timeline = await request(t.http).get(`/api/v1/organizations/${id}/timeline`).set(viewer.auth).expect(200);
      expect(timeline.body.data.map((e: { type: string }) => e.type)).toEqual(['stage-change', 'note', 'stage-change']);
      expect(timeline.body.data[1]).toEqual({
        type: 'note',
        at: expect.any(String),
        summary: 'Visited the shelter and handed out 25 invitations.',
        refId: note.body.id,
      });
      expect(timeline.body.meta.total).toBe(3);
      await request(t.http).post(`/api/v1/organizations/${id}/notes`).set(viewer.auth).send({ body: 'x' }).expect(403);
      await request(t.http).post(`/api/v1/organizations/${id}/notes`).set(staff.auth).send({ body: '   ' }).expect(400);
      await request(t.http)
        .get('/api/v1/organizations/7d0c5d1e-93a4-4b8f-9f0e-000000000000/timeline')
        .set(viewer.auth)
        .expect(404);
    });
  });

  describe('a long timeline', () => {
    it('pages by cursor through every event once, newest first, ties and all; refuses a forged cursor', async () => {
      const id = (await create({ name: 'Busy Timeline Org' }).expect(201)).body.id as string;
      // 40 notes written in one statement: the same time for all, the id breaks the tie.
      await t.dataSource.query(
        `INSERT INTO notes (organization_id, body, author_id) SELECT $1, 'Note ' || n, $2 FROM generate_series(1, 40) n`,
        [id, staff.user.id],
      );
      const timeline = (query: string) =>
        request(t.http).get(`/api/v1/organizations/${id}/timeline?${query}`).set(viewer.auth);
      const whole = (await timeline('limit=100').expect(200)).body;
      expect(whole.meta).toEqual({ total: 41, limit: 100, offset: 0, nextCursor: null });
      const walked: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: { data: { refId: string }[]; meta: { nextCursor: string | null; total: number } } = (
          await timeline(`limit=9${cursor ? `&cursor=${cursor}` : ''}`).expect(200)
        ).body;
        expect(page.meta.total).toBe(41);
        walked.push(...page.data.map((event) => event.refId));
        cursor = page.meta.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(5);
      expect(walked).toEqual(whole.data.map((event: { refId: string }) => event.refId));

      const first = (await timeline('limit=9').expect(200)).body;
      for (const [query, field] of [
        ['cursor=nonsense', 'cursor'],
        [`cursor=${Buffer.from(JSON.stringify(['yesterday', id])).toString('base64url')}`, 'cursor'],
        [`cursor=${first.meta.nextCursor}&offset=9`, 'offset'],
      ]) {
        const refused = await timeline(query).expect(400);
        expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
    });
  });

  describe('audit', () => {
    it('records create, update and delete with actor and before/after, readable by admins only', async () => {
      const admin = await signedInAs(t, Role.Admin);
      const created = await create({ name: 'Audited', stage: 'prospect' }).expect(201);
      const id = created.body.id;
      await request(t.http)
        .patch(`/api/v1/organizations/${id}`)
        .set(staff.auth)
        .send({ version: 1, stage: 'exploring', notes: 'Called them' })
        .expect(200);
      await request(t.http).delete(`/api/v1/organizations/${id}`).set(manager.auth).expect(204);
      const log = await request(t.http)
        .get('/api/v1/audit')
        .query({ entityType: 'organization', entityId: id })
        .set(admin.auth)
        .expect(200);
      expect(log.body.meta.total).toBe(3);
      const [deleted, updated, createdEvent] = log.body.data;
      expect(createdEvent).toMatchObject({
        action: 'create',
        actorId: staff.user.id,
        changes: { name: { before: null, after: 'Audited' } },
      });
      expect(updated).toMatchObject({
        action: 'update',
        actorId: staff.user.id,
        changes: { stage: { before: 'prospect', after: 'exploring' }, notes: { before: null, after: 'Called them' } },
      });
      expect(Object.keys(updated.changes).sort()).toEqual(['notes', 'stage']);
      expect(deleted).toMatchObject({ action: 'delete', actorId: manager.user.id });
      const byActor = await request(t.http)
        .get('/api/v1/audit')
        .query({ actorId: manager.user.id })
        .set(admin.auth)
        .expect(200);
      expect(byActor.body.data.map((e: AuditEvent) => e.action)).toEqual(['delete']);
      const future = await request(t.http)
        .get('/api/v1/audit')
        .query({ from: '2999-01-01T00:00:00Z' })
        .set(admin.auth)
        .expect(200);
      expect(future.body.data).toEqual([]);
      await request(t.http).get('/api/v1/audit').set(manager.auth).expect(403);
      await request(t.http).get('/api/v1/audit').query({ from: 'yesterday' }).set(admin.auth).expect(400);
    });
  });
});
