import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { TaskStatus } from '../../src/task/task.entity';
import { TaskService } from '../../src/task/task.service';
import { User } from '../../src/user/user.entity';
import { persistOrganization } from '../factories/directory.factory';
import { persistTask } from '../factories/task.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { persistBareProgram, persistVisit } from '../factories/visit.factory';
import { statementsOf } from '../setup/statements';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const UNKNOWN = '7d0c5d1e-93a4-4b8f-9f0e-000000000000';
const HOUR = 60 * 60 * 1000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR);

async function taskTables(t: TestApp): Promise<Record<string, unknown>> {
  const [row] = await t.dataSource.query(`
    SELECT (SELECT count(*)::int FROM tasks) AS tasks,
           (SELECT count(*)::int FROM audit_events) AS audit,
           (SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x.id), '')) FROM tasks x) AS digest`);
  return row;
}

describe(`${TaskService.name} (e2e)`, () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    orgId = (await persistOrganization(t.dataSource, { name: 'Harbor House Youth Shelter' })).id;
  });

  describe('create', () => {
    it('assigns the task to the actor and opens it by default', async () => {
      const created = await request(t.http)
        .post('/api/v1/tasks')
        .set(staff.auth)
        .send({ title: ' Send the spring schedule ', dueAt: '2026-12-03T17:00:00Z' })
        .expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        version: 1,
        title: 'Send the spring schedule',
        dueAt: '2026-12-03T17:00:00.000Z',
        assigneeId: staff.user.id,
        organizationId: null,
        programId: null,
        visitId: null,
        status: 'open',
        completedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await request(t.http).get(`/api/v1/tasks/${created.body.id}`).set(viewer.auth).expect(200);
      expect(read.body).toEqual(created.body);
    });

    it("takes the visit's organization when only the visit is given, and keeps program and assignee", async () => {
      const colleague = await signedInAs(t, Role.Manager);
      const program = await persistBareProgram(t.dataSource);
      const visit = await persistVisit(t.dataSource, orgId);
      const created = await request(t.http)
        .post('/api/v1/tasks')
        .set(staff.auth)
        .send({
          title: 'Thank the case manager',
          dueAt: inHours(24).toISOString(),
          visitId: visit.id,
          programId: program.id,
          assigneeId: colleague.user.id,
        })
        .expect(201);
      expect(created.body).toMatchObject({
        organizationId: orgId,
        visitId: visit.id,
        programId: program.id,
        assigneeId: colleague.user.id,
      });
      // The same organization given explicitly is fine too.
      await request(t.http)
        .post('/api/v1/tasks')
        .set(staff.auth)
        .send({ title: 'x', dueAt: inHours(1).toISOString(), visitId: visit.id, organizationId: orgId })
        .expect(201);
    });

    it('creates a task already done with its completion time', async () => {
      const created = await request(t.http)
        .post('/api/v1/tasks')
        .set(staff.auth)
        .send({ title: 'Logged after the fact', dueAt: inHours(-5).toISOString(), status: 'done' })
        .expect(201);
      expect(created.body.status).toBe('done');
      expect(Math.abs(Date.parse(created.body.completedAt) - Date.now())).toBeLessThan(60_000);
    });

    it('refuses unknown references, inactive assignees, mismatched organizations and bad values, naming each field', async () => {
      const other = await persistOrganization(t.dataSource, { name: 'Central High' });
      const visit = await persistVisit(t.dataSource, orgId);
      const gone = await signedInAs(t, Role.Staff);
      await t.dataSource.getRepository(User).update({ id: gone.user.id }, { active: false });
      const before = await taskTables(t);
      const fields = async (body: Record<string, unknown>) => {
        const response = await request(t.http)
          .post('/api/v1/tasks')
          .set(staff.auth)
          .send({ title: 'Call back', dueAt: inHours(2).toISOString(), ...body })
          .expect(400);
        expect(response.headers['content-type']).toMatch(/problem\+json/);
        return response.body.errors;
      };
      expect(await fields({ organizationId: UNKNOWN })).toEqual([
        { field: 'organizationId', message: 'is not a known organization' },
      ]);
      expect(await fields({ programId: UNKNOWN })).toEqual([{ field: 'programId', message: 'is not a known program' }]);
      expect(await fields({ visitId: UNKNOWN })).toEqual([{ field: 'visitId', message: 'is not a known visit' }]);
      expect(await fields({ assigneeId: gone.user.id })).toEqual([
        { field: 'assigneeId', message: 'is not an active user' },
      ]);
      expect(await fields({ assigneeId: UNKNOWN })).toEqual([
        { field: 'assigneeId', message: 'is not an active user' },
      ]);
      expect((await fields({ visitId: visit.id, organizationId: other.id }))[0].field).toBe('organizationId');
      expect((await fields({ title: '   ' }))[0].field).toBe('title');
      expect((await fields({ title: 'x'.repeat(201) }))[0].field).toBe('title');
      expect((await fields({ dueAt: 'tomorrow' }))[0].field).toBe('dueAt');
      for (const dueAt of [
        '2026-02-30',
        '2026-12-07T',
        '2026-12-07T25:00Z',
        '2026-12-7',
        'x'.repeat(100_000),
        20261207,
      ])
        expect((await fields({ dueAt }))[0].field).toBe('dueAt');
      expect(await fields({ dueAt: '1999-12-30' })).toEqual([
        { field: 'dueAt', message: 'must not be before 2000-01-01' },
      ]);
      expect(await fields({ dueAt: '2099-01-01T00:00:00Z' })).toEqual([
        { field: 'dueAt', message: 'must not be more than 5 years ahead' },
      ]);
      expect((await fields({ status: 'later' }))[0].field).toBe('status');
      expect((await fields({ completedAt: new Date().toISOString() }))[0]).toEqual({
        field: 'completedAt',
        message: 'is not an allowed field',
      });
      const missing = await request(t.http).post('/api/v1/tasks').set(staff.auth).send({}).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dueAt', 'title']);
      expect(await taskTables(t)).toEqual(before);
    });

    it('still names every bad reference at once, before an assignee or visit mismatch', async () => {
      const other = await persistOrganization(t.dataSource, { name: 'Central High' });
      const visit = await persistVisit(t.dataSource, orgId);
      const gone = await signedInAs(t, Role.Staff);
      await t.dataSource.getRepository(User).update({ id: gone.user.id }, { active: false });
      const before = await taskTables(t);
      const fields = async (body: Record<string, unknown>) =>
        (
          await request(t.http)
            .post('/api/v1/tasks')
            .set(staff.auth)
            .send({ title: 'Call back', dueAt: inHours(2).toISOString(), ...body })
            .expect(400)
        ).body.errors;
      const unknownOrganization = { field: 'organizationId', message: 'is not a known organization' };
      const unknownProgram = { field: 'programId', message: 'is not a known program' };
      const unknownVisit = { field: 'visitId', message: 'is not a known visit' };

      expect(await fields({ organizationId: UNKNOWN, programId: UNKNOWN, visitId: UNKNOWN })).toEqual([
        unknownOrganization,
        unknownProgram,
        unknownVisit,
      ]);
      expect(await fields({ organizationId: UNKNOWN, assigneeId: gone.user.id })).toEqual([unknownOrganization]);
      expect(await fields({ programId: UNKNOWN, visitId: visit.id, organizationId: other.id })).toEqual([
        unknownProgram,
      ]);
      expect(await fields({ visitId: UNKNOWN, dueAt: '2099-01-01T00:00:00Z' })).toEqual([
        unknownVisit,
        { field: 'dueAt', message: 'must not be more than 5 years ahead' },
      ]);
      expect(await taskTables(t)).toEqual(before);
    });

    it('writes a task for yourself and its audit event in one statement, reading nothing first', async () => {
      const tasks = t.app.get(TaskService);
      const { result: task, sent } = await statementsOf(
        () =>
          tasks.create(
            { title: 'Send the spring schedule', dueAt: inHours(24).toISOString(), organizationId: orgId },
            { ...staff.user, sessionId: UNKNOWN },
          ),
        Infinity,
      );
      expect(sent).toEqual([expect.stringMatching(/^WITH task AS \( INSERT INTO tasks .*\(INSERT INTO audit_events /)]);
      expect(await tasks.get(task.id)).toEqual(task);
      const audit = await t.dataSource.query(
        'SELECT actor_id, entity_type, action, changes FROM audit_events WHERE entity_id = $1',
        [task.id],
      );
      expect(audit).toEqual([
        {
          actor_id: staff.user.id,
          entity_type: 'task',
          action: 'create',
          changes: {
            title: { before: null, after: 'Send the spring schedule' },
            dueAt: { before: null, after: task.dueAt.toISOString() },
            assigneeId: { before: null, after: staff.user.id },
            organizationId: { before: null, after: orgId },
            status: { before: null, after: 'open' },
          },
        },
      ]);
    });

    it('lets staff write and viewers only read', async () => {
      const task = await persistTask(t.dataSource, staff.user.id);
      const before = await taskTables(t);
      await request(t.http)
        .post('/api/v1/tasks')
        .set(viewer.auth)
        .send({ title: 'x', dueAt: inHours(1).toISOString() })
        .expect(403);
      await request(t.http)
        .patch(`/api/v1/tasks/${task.id}`)
        .set(viewer.auth)
        .send({ version: 1, status: 'done' })
        .expect(403);
      await request(t.http).delete(`/api/v1/tasks/${task.id}`).set(viewer.auth).expect(403);
      expect(await taskTables(t)).toEqual(before);
      await request(t.http).get('/api/v1/tasks').set(viewer.auth).expect(200);
      await request(t.http).delete(`/api/v1/tasks/${task.id}`).set(staff.auth).expect(204);
      await request(t.http).get(`/api/v1/tasks/${task.id}`).set(viewer.auth).expect(404);
    });
  });

  describe('list', () => {
    it('filters by assignee, status and overdue (relative to now), soonest due first', async () => {
      const colleague = await signedInAs(t, Role.Staff);
      const program = await persistBareProgram(t.dataSource);
      const lateMine = await persistTask(t.dataSource, staff.user.id, {
        title: 'late',
        dueAt: inHours(-2),
        organizationId: orgId,
      });
      const lateDone = await persistTask(t.dataSource, staff.user.id, {
        title: 'late but done',
        dueAt: inHours(-3),
        status: TaskStatus.Done,
        completedAt: new Date(),
      });
      const soonMine = await persistTask(t.dataSource, staff.user.id, {
        title: 'soon',
        dueAt: inHours(2),
        programId: program.id,
      });
      const lateTheirs = await persistTask(t.dataSource, colleague.user.id, {
        title: 'theirs, late',
        dueAt: inHours(-30),
        organizationId: orgId,
      });
      const laterTheirs = await persistTask(t.dataSource, colleague.user.id, {
        title: 'theirs, later',
        dueAt: inHours(200),
      });
      const ids = async (query: Record<string, string>) =>
        (await request(t.http).get('/api/v1/tasks').query(query).set(viewer.auth).expect(200)).body.data.map(
          (x: { id: string }) => x.id,
        );

      expect(await ids({})).toEqual([lateTheirs.id, lateDone.id, lateMine.id, soonMine.id, laterTheirs.id]);
      expect(await ids({ sort: '-dueAt' })).toEqual([
        laterTheirs.id,
        soonMine.id,
        lateMine.id,
        lateDone.id,
        lateTheirs.id,
      ]);
      expect(await ids({ overdue: 'true' })).toEqual([lateTheirs.id, lateMine.id]);
      expect(await ids({ overdue: 'false' })).toEqual([lateDone.id, soonMine.id, laterTheirs.id]);
      expect(await ids({ overdue: 'true', assigneeId: staff.user.id })).toEqual([lateMine.id]);
      expect(await ids({ assigneeId: colleague.user.id })).toEqual([lateTheirs.id, laterTheirs.id]);
      expect(await ids({ status: 'done' })).toEqual([lateDone.id]);
      expect(await ids({ status: 'open', assigneeId: staff.user.id })).toEqual([lateMine.id, soonMine.id]);
      expect(await ids({ organizationId: orgId })).toEqual([lateTheirs.id, lateMine.id]);
      expect(await ids({ programId: program.id })).toEqual([soonMine.id]);

      const page = await request(t.http)
        .get('/api/v1/tasks')
        .query({ limit: 2, offset: 1 })
        .set(viewer.auth)
        .expect(200);
      expect(page.body.meta).toEqual({ total: 5, limit: 2, offset: 1 });
      expect(page.body.data.map((x: { id: string }) => x.id)).toEqual([lateDone.id, lateMine.id]);
      for (const query of [
        { overdue: 'yes' },
        { overdue: '1' },
        { status: 'late' },
        { assigneeId: 'me' },
        { sort: 'title' },
      ]) {
        await request(t.http).get('/api/v1/tasks').query(query).set(viewer.auth).expect(400);
      }
    });
  });

  describe('update', () => {
    it('sets completedAt when done and clears it on reopening, under optimistic concurrency', async () => {
      const created = await request(t.http)
        .post('/api/v1/tasks')
        .set(staff.auth)
        .send({ title: 'Send the spring schedule', dueAt: inHours(-1).toISOString() })
        .expect(201);
      const id = created.body.id;
      const done = await request(t.http)
        .patch(`/api/v1/tasks/${id}`)
        .set(staff.auth)
        .send({ version: 1, status: 'done' })
        .expect(200);
      expect(done.body).toMatchObject({ version: 2, status: 'done', completedAt: expect.any(String) });
      const overdue = await request(t.http).get('/api/v1/tasks').query({ overdue: 'true' }).set(staff.auth).expect(200);
      expect(overdue.body.data).toEqual([]);

      const before = await taskTables(t);
      const stale = await request(t.http)
        .patch(`/api/v1/tasks/${id}`)
        .set(staff.auth)
        .send({ version: 1, status: 'open', title: 'Changed' })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      expect(await taskTables(t)).toEqual(before);

      const stillDone = await request(t.http)
        .patch(`/api/v1/tasks/${id}`)
        .set(staff.auth)
        .send({ version: 2, status: 'done', title: 'Send the summer schedule' })
        .expect(200);
      expect(stillDone.body).toMatchObject({
        version: 3,
        completedAt: done.body.completedAt,
        title: 'Send the summer schedule',
      });
      const reopened = await request(t.http)
        .patch(`/api/v1/tasks/${id}`)
        .set(staff.auth)
        .send({ version: 3, status: 'open' })
        .expect(200);
      expect(reopened.body).toMatchObject({ version: 4, status: 'open', completedAt: null });

      const admin = await signedInAs(t, Role.Admin);
      const audit = await request(t.http)
        .get('/api/v1/audit')
        .query({ entityType: 'task', entityId: id })
        .set(admin.auth)
        .expect(200);
      expect(audit.body.data.map((e: { action: string }) => e.action)).toEqual([
        'update',
        'update',
        'update',
        'create',
      ]);
      expect(audit.body.data[0].changes).toEqual({
        status: { before: 'done', after: 'open' },
        completedAt: { before: done.body.completedAt, after: null },
      });
    });

    it("keeps a task with its visit's organization, and reassigns only to active users", async () => {
      const other = await persistOrganization(t.dataSource, { name: 'Central High' });
      const visit = await persistVisit(t.dataSource, orgId);
      const otherVisit = await persistVisit(t.dataSource, other.id);
      const task = await persistTask(t.dataSource, staff.user.id);
      const linked = await request(t.http)
        .patch(`/api/v1/tasks/${task.id}`)
        .set(staff.auth)
        .send({ version: 1, visitId: visit.id })
        .expect(200);
      expect(linked.body).toMatchObject({ visitId: visit.id, organizationId: orgId, version: 2 });
      const moved = await request(t.http)
        .patch(`/api/v1/tasks/${task.id}`)
        .set(staff.auth)
        .send({ version: 2, organizationId: other.id })
        .expect(400);
      expect(moved.body.errors).toEqual([
        { field: 'organizationId', message: expect.stringContaining("visit's organization") },
      ]);
      const relinked = await request(t.http)
        .patch(`/api/v1/tasks/${task.id}`)
        .set(staff.auth)
        .send({ version: 2, visitId: otherVisit.id })
        .expect(200);
      expect(relinked.body).toMatchObject({ visitId: otherVisit.id, organizationId: other.id });
      const unlinked = await request(t.http)
        .patch(`/api/v1/tasks/${task.id}`)
        .set(staff.auth)
        .send({ version: 3, visitId: null, organizationId: null })
        .expect(200);
      expect(unlinked.body).toMatchObject({ visitId: null, organizationId: null });

      const gone = await signedInAs(t, Role.Staff);
      await t.dataSource.getRepository(User).update({ id: gone.user.id }, { active: false });
      const refused = await request(t.http)
        .patch(`/api/v1/tasks/${task.id}`)
        .set(staff.auth)
        .send({ version: 4, assigneeId: gone.user.id })
        .expect(400);
      expect(refused.body.errors).toEqual([{ field: 'assigneeId', message: 'is not an active user' }]);
    });

    it('keeps the task when its visit is deleted, without the link', async () => {
      const visit = await persistVisit(t.dataSource, orgId);
      const created = await request(t.http)
        .post('/api/v1/tasks')
        .set(staff.auth)
        .send({ title: 'Follow up', dueAt: inHours(5).toISOString(), visitId: visit.id })
        .expect(201);
      await request(t.http).delete(`/api/v1/visits/${visit.id}`).set(staff.auth).expect(204);
      const read = await request(t.http).get(`/api/v1/tasks/${created.body.id}`).set(staff.auth).expect(200);
      expect(read.body).toMatchObject({ visitId: null, organizationId: orgId });
    });
  });

  describe('timeline', () => {
    it("puts the organization's tasks on its timeline at creation, with due date and done, never the assignee", async () => {
      const open = await request(t.http)
        .post('/api/v1/tasks')
        .set(staff.auth)
        .send({ title: 'Send the spring schedule', dueAt: '2026-12-03T17:00:00Z', organizationId: orgId })
        .expect(201);
      const done = await request(t.http)
        .post('/api/v1/tasks')
        .set(staff.auth)
        .send({ title: 'Book the room', dueAt: '2026-11-20T09:00:00Z', organizationId: orgId, status: 'done' })
        .expect(201);
      await persistTask(t.dataSource, staff.user.id, { title: 'Unrelated' });

      const timeline = await request(t.http)
        .get(`/api/v1/organizations/${orgId}/timeline`)
        .set(viewer.auth)
        .expect(200);
      const tasks = timeline.body.data.filter((entry: { type: string }) => entry.type === 'task');
      expect(tasks).toHaveLength(2);
      expect(tasks).toEqual(
        expect.arrayContaining([
          {
            type: 'task',
            at: open.body.createdAt,
            summary: 'Follow-up: Send the spring schedule (due 3 Dec 2026)',
            refId: open.body.id,
          },
          {
            type: 'task',
            at: done.body.createdAt,
            summary: 'Follow-up: Book the room (due 20 Nov 2026, done)',
            refId: done.body.id,
          },
        ]),
      );
      expect(JSON.stringify(timeline.body)).not.toContain(staff.user.name);
    });
  });
});
