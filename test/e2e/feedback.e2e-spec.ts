import request from 'supertest';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Role } from '../../src/auth/role.enum';
import { Feedback } from '../../src/feedback/feedback.entity';
import { persistOrganization } from '../factories/directory.factory';
import { persistFeedback, persistFeedbackProgram, persistFeedbackSession } from '../factories/feedback.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const UNKNOWN_ID = '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';

describe('Feedback (e2e)', () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
  });

  const count = () => t.dataSource.getRepository(Feedback).count();

  describe('create and read', () => {
    it('records partner feedback with outcomes and reads it back', async () => {
      const org = await persistOrganization(t.dataSource, { name: 'Harbor House' });
      const program = await persistFeedbackProgram(t.dataSource, [org.id]);
      const body = {
        source: 'partner',
        organizationId: org.id,
        programId: program.id,
        rating: 4,
        outcomes: { knowledge: 5, confidence: 3 },
        worked: '  The interns loved the tech workshop.  ',
        didntWork: 'Too little hands-on time.',
        suggestions: 'Longer sessions.',
      };
      const created = await request(t.http).post('/api/v1/feedback').set(staff.auth).send(body).expect(201);
      expect(created.body).toMatchObject({
        version: 1,
        source: 'partner',
        organizationId: org.id,
        programId: program.id,
        sessionId: null,
        rating: 4,
        outcomes: { knowledge: 5, confidence: 3, application: null, awareness: null },
        worked: 'The interns loved the tech workshop.',
        didntWork: 'Too little hands-on time.',
        suggestions: 'Longer sessions.',
        actionTaken: null,
        viaLink: false,
        feedbackLinkId: null,
        createdById: staff.user.id,
      });
      expect(Date.parse(created.body.createdAt)).not.toBeNaN();
      const read = await request(t.http).get(`/api/v1/feedback/${created.body.id}`).set(viewer.auth).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it('records the language it was given in when staff say it (else null), changes it, and refuses one not offered', async () => {
      const org = await persistOrganization(t.dataSource);
      const unknown = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'partner', organizationId: org.id, rating: 4 })
        .expect(201);
      expect(unknown.body.language).toBeNull();
      const spanish = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'youth', organizationId: org.id, rating: 5, language: 'ES', worked: 'Todo muy bien' })
        .expect(201);
      expect(spanish.body).toMatchObject({ language: 'es', worked: 'Todo muy bien' });
      const refused = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'youth', organizationId: org.id, rating: 5, language: 'pt' })
        .expect(400);
      expect(refused.body.errors).toEqual([
        { field: 'language', message: 'must be one of the languages the library offers: en (English), es (Español)' },
      ]);
      const patch = (body: object) =>
        request(t.http).patch(`/api/v1/feedback/${spanish.body.id}`).set(staff.auth).send(body);
      expect((await patch({ version: 1, language: 'en' }).expect(200)).body).toMatchObject({
        version: 2,
        language: 'en',
      });
      expect((await patch({ version: 2, language: null }).expect(200)).body).toMatchObject({
        version: 3,
        language: null,
      });
      await patch({ version: 3, language: 'xx' }).expect(400);
      expect(await count()).toBe(2);
    });

    it('audits the create with entity type feedback, without what people wrote', async () => {
      const created = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({
          source: 'staff',
          rating: 3,
          worked: 'Maria from the shelter helped a lot',
          actionTaken: 'Thanked the shelter',
        })
        .expect(201);
      const events = await t.dataSource
        .getRepository(AuditEvent)
        .findBy({ entityType: 'feedback', entityId: created.body.id });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ action: 'create', actorId: staff.user.id });
      expect(events[0].changes).toMatchObject({
        rating: { before: null, after: 3 },
        worked: { redacted: true },
        actionTaken: { after: 'Thanked the shelter' },
      });
      expect(JSON.stringify(events[0].changes)).not.toContain('Maria');
    });

    it('fills programId from the session when only sessionId is given', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const session = await persistFeedbackSession(t.dataSource, program.id);
      const created = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'youth', sessionId: session.id, rating: 5 })
        .expect(201);
      expect(created.body).toMatchObject({ programId: program.id, sessionId: session.id });
    });

    it('refuses a session of another program (400 on sessionId) and stores nothing', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const other = await persistFeedbackProgram(t.dataSource);
      const session = await persistFeedbackSession(t.dataSource, other.id);
      const response = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'youth', programId: program.id, sessionId: session.id, rating: 5 })
        .expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'sessionId' })]);
      expect(await count()).toBe(0);
    });

    it.each(['organizationId', 'programId', 'sessionId'])(
      'answers 400 naming %s when it names nothing',
      async (field) => {
        const response = await request(t.http)
          .post('/api/v1/feedback')
          .set(staff.auth)
          .send({ source: 'partner', rating: 2, [field]: UNKNOWN_ID })
          .expect(400);
        expect(response.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [{ field, message: expect.stringMatching(/is not a known/) }],
        });
        expect(await count()).toBe(0);
      },
    );

    it.each([
      [{ source: 'parent', rating: 3 }, 'source'],
      [{ source: 'youth', rating: 0 }, 'rating'],
      [{ source: 'youth', rating: 6 }, 'rating'],
      [{ source: 'youth', rating: '4' }, 'rating'],
      [{ source: 'youth', rating: 4.5 }, 'rating'],
      [{ source: 'youth' }, 'rating'],
      [{ source: 'youth', rating: 4, outcomes: { knowledge: 6 } }, 'outcomes.knowledge'],
      [{ source: 'youth', rating: 4, outcomes: { happiness: 3 } }, 'outcomes.happiness'],
      [{ source: 'youth', rating: 4, outcomes: [3] }, 'outcomes'],
      [{ source: 'youth', rating: 4, actionTaken: 12 }, 'actionTaken'],
      [{ source: 'youth', rating: 4, name: 'Jo' }, 'name'],
      [{ source: 'youth', rating: 4, programId: 'not-a-uuid' }, 'programId'],
    ])('refuses %j (400 on %s)', async (body, field) => {
      const response = await request(t.http).post('/api/v1/feedback').set(staff.auth).send(body).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await count()).toBe(0);
    });

    it('refuses free text over 4000 characters', async () => {
      const response = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'youth', rating: 4, worked: 'x'.repeat(4001) })
        .expect(400);
      expect(response.body.errors).toEqual([{ field: 'worked', message: expect.stringContaining('4000') }]);
      await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'youth', rating: 4, worked: 'x'.repeat(4000) })
        .expect(201);
    });

    it('lets viewers read but not write', async () => {
      await request(t.http).post('/api/v1/feedback').set(viewer.auth).send({ source: 'staff', rating: 3 }).expect(403);
      await request(t.http).get('/api/v1/feedback').set(viewer.auth).expect(200);
      await request(t.http).get(`/api/v1/feedback/${UNKNOWN_ID}`).set(viewer.auth).expect(404);
      await request(t.http).get('/api/v1/feedback/not-an-id').set(viewer.auth).expect(404);
    });
  });

  describe('list', () => {
    it('filters by source, organization, program, session, time and needsAction, newest first with paging', async () => {
      const org = await persistOrganization(t.dataSource);
      const program = await persistFeedbackProgram(t.dataSource);
      const session = await persistFeedbackSession(t.dataSource, program.id);
      const old = await persistFeedback(t.dataSource, {
        source: 'partner' as never,
        organizationId: org.id,
        actionTaken: 'Called them back',
      });
      const middle = await persistFeedback(t.dataSource, {
        source: 'youth' as never,
        programId: program.id,
        sessionId: session.id,
      });
      const recent = await persistFeedback(t.dataSource, { source: 'staff' as never, programId: program.id });
      await t.dataSource.query(`UPDATE feedback SET created_at = $2 WHERE id = $1`, [old.id, '2026-01-01T10:00:00Z']);
      await t.dataSource.query(`UPDATE feedback SET created_at = $2 WHERE id = $1`, [
        middle.id,
        '2026-02-01T10:00:00Z',
      ]);
      await t.dataSource.query(`UPDATE feedback SET created_at = $2 WHERE id = $1`, [
        recent.id,
        '2026-03-01T10:00:00Z',
      ]);

      const ids = async (query: Record<string, string | number>) => {
        const response = await request(t.http).get('/api/v1/feedback').query(query).set(viewer.auth).expect(200);
        return response.body.data.map((f: { id: string }) => f.id);
      };
      expect(await ids({})).toEqual([recent.id, middle.id, old.id]);
      expect(await ids({ source: 'youth' })).toEqual([middle.id]);
      expect(await ids({ organizationId: org.id })).toEqual([old.id]);
      expect(await ids({ programId: program.id })).toEqual([recent.id, middle.id]);
      expect(await ids({ sessionId: session.id })).toEqual([middle.id]);
      expect(await ids({ from: '2026-01-15T00:00:00Z', to: '2026-03-01T10:00:00Z' })).toEqual([middle.id]);
      expect(await ids({ needsAction: 'true' })).toEqual([recent.id, middle.id]);
      expect(await ids({ needsAction: 'false' })).toEqual([old.id]);

      const page = await request(t.http)
        .get('/api/v1/feedback')
        .query({ limit: 1, offset: 1 })
        .set(viewer.auth)
        .expect(200);
      expect(page.body.meta).toEqual({ total: 3, limit: 1, offset: 1 });
      expect(page.body.data.map((f: { id: string }) => f.id)).toEqual([middle.id]);
    });

    it.each([
      { needsAction: 'yes' },
      { source: 'parent' },
      { from: 'yesterday' },
      { limit: 0 },
      { limit: 101 },
      { organizationId: 'x' },
      { extra: '1' },
    ])('refuses the query %j with 400', async (query) => {
      await request(t.http).get('/api/v1/feedback').query(query).set(viewer.auth).expect(400);
    });
  });

  describe('update and delete', () => {
    it('records the action taken under the current version, and a stale version is 409', async () => {
      const created = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'partner', rating: 3 })
        .expect(201);
      const updated = await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, actionTaken: 'Added 30 minutes of hands-on time' })
        .expect(200);
      expect(updated.body).toMatchObject({ version: 2, actionTaken: 'Added 30 minutes of hands-on time', rating: 3 });
      const needing = await request(t.http)
        .get('/api/v1/feedback')
        .query({ needsAction: 'true' })
        .set(viewer.auth)
        .expect(200);
      expect(needing.body.data).toEqual([]);

      const stale = await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, rating: 1 })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const read = await request(t.http).get(`/api/v1/feedback/${created.body.id}`).set(viewer.auth).expect(200);
      expect(read.body).toMatchObject({ version: 2, rating: 3 });
    });

    it('changes only the outcomes given, and null clears one', async () => {
      const created = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'youth', rating: 4, outcomes: { knowledge: 4, confidence: 2, awareness: 5 } })
        .expect(201);
      const updated = await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, outcomes: { confidence: 3, awareness: null } })
        .expect(200);
      expect(updated.body.outcomes).toEqual({ knowledge: 4, confidence: 3, application: null, awareness: null });
    });

    it('keeps session and program consistent on update', async () => {
      const program = await persistFeedbackProgram(t.dataSource);
      const other = await persistFeedbackProgram(t.dataSource);
      const session = await persistFeedbackSession(t.dataSource, program.id);
      const otherSession = await persistFeedbackSession(t.dataSource, other.id);
      const created = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'youth', sessionId: session.id, rating: 4 })
        .expect(201);
      // The session kept, the program changed to one it does not belong to.
      await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, programId: other.id })
        .expect(400);
      // A new session alone brings its program.
      const moved = await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, sessionId: otherSession.id })
        .expect(200);
      expect(moved.body).toMatchObject({ programId: other.id, sessionId: otherSession.id, version: 2 });
      // Clearing the session keeps the program.
      const cleared = await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 2, sessionId: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ programId: other.id, sessionId: null });
      await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 3, organizationId: UNKNOWN_ID })
        .expect(400);
    });

    it('refuses a PATCH without a version or with null for a required field', async () => {
      const created = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'youth', rating: 4 })
        .expect(201);
      await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ rating: 2 })
        .expect(400);
      await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, rating: null })
        .expect(400);
      await request(t.http)
        .patch(`/api/v1/feedback/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, source: null })
        .expect(400);
      await request(t.http).patch(`/api/v1/feedback/${UNKNOWN_ID}`).set(staff.auth).send({ version: 1 }).expect(404);
    });

    it('deletes (204), then it is gone (404), with an audit event', async () => {
      const created = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'staff', rating: 2 })
        .expect(201);
      await request(t.http).delete(`/api/v1/feedback/${created.body.id}`).set(viewer.auth).expect(403);
      await request(t.http).delete(`/api/v1/feedback/${created.body.id}`).set(staff.auth).expect(204);
      await request(t.http).get(`/api/v1/feedback/${created.body.id}`).set(viewer.auth).expect(404);
      await request(t.http).delete(`/api/v1/feedback/${created.body.id}`).set(staff.auth).expect(404);
      const events = await t.dataSource
        .getRepository(AuditEvent)
        .findBy({ entityType: 'feedback', entityId: created.body.id, action: 'delete' as never });
      expect(events).toHaveLength(1);
    });
  });

  describe('timeline', () => {
    it('shows feedback recorded for an organization and feedback on programs it is a partner of, without free text', async () => {
      const direct = await persistOrganization(t.dataSource, { name: 'Harbor House' });
      const partner = await persistOrganization(t.dataSource, { name: 'Eastside Teen Center' });
      const bystander = await persistOrganization(t.dataSource, { name: 'Unrelated' });
      const program = await persistFeedbackProgram(t.dataSource, [partner.id], { name: 'Weekly drop-in' });

      const fromPartner = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({ source: 'partner', organizationId: direct.id, rating: 3, didntWork: 'Secret words here' })
        .expect(201);
      const fromYouth = await request(t.http)
        .post('/api/v1/feedback')
        .set(staff.auth)
        .send({
          source: 'youth',
          programId: program.id,
          rating: 4,
          worked: 'Private youth comment',
          actionTaken: 'Ordered more laptops',
        })
        .expect(201);

      const timeline = async (orgId: string) =>
        (await request(t.http).get(`/api/v1/organizations/${orgId}/timeline`).set(viewer.auth).expect(200)).body;
      const directTimeline = await timeline(direct.id);
      expect(directTimeline.data.filter((e: { type: string }) => e.type === 'feedback')).toEqual([
        expect.objectContaining({
          type: 'feedback',
          refId: fromPartner.body.id,
          summary: 'Partner feedback: 3/5 — needs action',
        }),
      ]);
      const partnerTimeline = await timeline(partner.id);
      expect(partnerTimeline.data.filter((e: { type: string }) => e.type === 'feedback')).toEqual([
        expect.objectContaining({
          type: 'feedback',
          refId: fromYouth.body.id,
          summary: 'Youth feedback on Weekly drop-in: 4/5 — action taken',
          at: fromYouth.body.createdAt,
        }),
      ]);
      const bystanderTimeline = await timeline(bystander.id);
      expect(bystanderTimeline.data.filter((e: { type: string }) => e.type === 'feedback')).toEqual([]);
      const everything = JSON.stringify([directTimeline, partnerTimeline]);
      expect(everything).not.toContain('Secret words');
      expect(everything).not.toContain('Private youth');
    });
  });
});
