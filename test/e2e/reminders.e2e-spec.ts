import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { DeliveryStatus, SkipReason } from '../../src/outbox/delivery-state';
import { ReminderTriggerType } from '../../src/reminder/reminder.entity';
import { ReminderService } from '../../src/reminder/reminder.service';
import { persistContact, persistOrganization } from '../factories/directory.factory';
import { buildReminderBody, persistDelivery, persistReminder } from '../factories/reminder.factory';
import { persistTask } from '../factories/task.factory';
import { persistUser, SignedIn, signedInAs } from '../factories/user.factory';
import { persistBareProgram } from '../factories/visit.factory';
import { createTestApp, TestApp, truncateAll } from '../setup/test-app';

const UNKNOWN = '7d0c5d1e-93a4-4b8f-9f0e-000000000000';
const HOUR = 60 * 60 * 1000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR);

/** The rule rows, their recipients and the audit count: unchanged means nothing was written. */
async function reminderTables(t: TestApp): Promise<Record<string, unknown>> {
  const [row] = await t.dataSource.query(`
    SELECT (SELECT count(*)::int FROM reminders) AS reminders,
           (SELECT count(*)::int FROM audit_events) AS audit,
           (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM reminders r) AS digest,
           (SELECT md5(coalesce(string_agg(u::text, ',' ORDER BY u.reminder_id, u.user_id), '')) FROM reminder_users u) AS users,
           (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.reminder_id, c.contact_id), '')) FROM reminder_contacts c) AS contacts`);
  return row;
}

async function auditOf(
  t: TestApp,
  id: string,
): Promise<{ action: string; changes: Record<string, unknown>; actor_id: string }[]> {
  return t.dataSource.query(
    `SELECT action, changes, actor_id FROM audit_events WHERE entity_type = 'reminder' AND entity_id = $1 ORDER BY occurred_at, id`,
    [id],
  );
}

describe(`${ReminderService.name} (e2e)`, () => {
  let t: TestApp;
  let staff: SignedIn;
  let viewer: SignedIn;
  let colleagueId: string;
  let contactId: string;
  let programId: string;
  let taskId: string;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await truncateAll(t.dataSource);
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    colleagueId = (await persistUser(t.dataSource, { role: Role.Staff })).id;
    const orgId = (await persistOrganization(t.dataSource, { name: 'Harbor House Youth Shelter' })).id;
    contactId = (await persistContact(t.dataSource, orgId)).id;
    programId = (await persistBareProgram(t.dataSource)).id;
    taskId = (await persistTask(t.dataSource, staff.user.id, { organizationId: orgId })).id;
  });

  const post = (body: Record<string, unknown>) => request(t.http).post('/api/v1/reminders').set(staff.auth).send(body);

  describe('create', () => {
    it('creates a session reminder with user and contact recipients, and reads it back the same', async () => {
      const created = await post({
        title: '  Drop-in tomorrow  ',
        message: 'Bring the sign-up sheets.',
        trigger: { type: 'session', programId, offsetMinutes: -1440 },
        recipientIds: [staff.user.id, colleagueId],
        recipientContactIds: [contactId],
      }).expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        version: 1,
        title: 'Drop-in tomorrow',
        message: 'Bring the sign-up sheets.',
        trigger: { type: 'session', programId, offsetMinutes: -1440 },
        recipientIds: [staff.user.id, colleagueId].sort(),
        recipientContactIds: [contactId],
        active: true,
        createdById: staff.user.id,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const read = await request(t.http).get(`/api/v1/reminders/${created.body.id}`).set(viewer.auth).expect(200);
      expect(read.body).toEqual(created.body);
      const [row] = await t.dataSource.query(
        'SELECT trigger_type, program_id, task_id, offset_minutes, at FROM reminders WHERE id = $1',
        [created.body.id],
      );
      expect(row).toEqual({
        trigger_type: 'session',
        program_id: programId,
        task_id: null,
        offset_minutes: -1440,
        at: null,
      });
    });

    it('creates a once reminder with the defaults: empty message, active', async () => {
      const at = inHours(30);
      const created = await post({
        title: 'Call the shelter',
        trigger: { type: 'once', at: at.toISOString() },
        recipientContactIds: [contactId],
      }).expect(201);
      expect(created.body).toMatchObject({
        message: '',
        active: true,
        trigger: { type: 'once', at: at.toISOString() },
        recipientIds: [],
        recipientContactIds: [contactId],
      });
      expect(Object.keys(created.body.trigger).sort()).toEqual(['at', 'type']);
    });

    it('creates a task-due reminder, inactive when asked', async () => {
      const created = await post({
        title: 'Follow up',
        trigger: { type: 'task-due', taskId, offsetMinutes: 60 },
        recipientIds: [staff.user.id],
        active: false,
      }).expect(201);
      expect(created.body).toMatchObject({ active: false, trigger: { type: 'task-due', taskId, offsetMinutes: 60 } });
      expect(Object.keys(created.body.trigger).sort()).toEqual(['offsetMinutes', 'taskId', 'type']);
    });

    it('accepts ids in upper case and stores them in lower case', async () => {
      const created = await post({
        title: 'Follow up',
        trigger: { type: 'session', programId: programId.toUpperCase(), offsetMinutes: 0 },
        recipientIds: [staff.user.id.toUpperCase()],
      }).expect(201);
      expect(created.body.trigger.programId).toBe(programId);
      expect(created.body.recipientIds).toEqual([staff.user.id]);
    });

    it('audits the creation with ids and no message text', async () => {
      const created = await post({
        title: 'Call',
        message: 'Ask Dana about the van.',
        trigger: { type: 'once', at: inHours(5).toISOString() },
        recipientIds: [staff.user.id],
        recipientContactIds: [contactId],
      }).expect(201);
      const [event] = await auditOf(t, created.body.id);
      expect(event.action).toBe('create');
      expect(event.actor_id).toBe(staff.user.id);
      expect(event.changes).toMatchObject({
        title: { before: null, after: 'Call' },
        triggerType: { before: null, after: 'once' },
        recipientIds: { before: null, after: [staff.user.id] },
        recipientContactIds: { before: null, after: [contactId] },
        message: { redacted: true },
      });
      expect(JSON.stringify(event.changes)).not.toContain('Dana');
    });

    it('plans the deliveries of a new rule', async () => {
      const created = await post({
        title: 'Soon',
        trigger: { type: 'once', at: inHours(2).toISOString() },
        recipientIds: [staff.user.id],
        recipientContactIds: [contactId],
      }).expect(201);
      const deliveries = await request(t.http)
        .get(`/api/v1/reminders/${created.body.id}/deliveries`)
        .set(viewer.auth)
        .expect(200);
      expect(
        deliveries.body.data
          .map((d: { recipientType: string; recipientId: string; status: string }) => [
            d.recipientType,
            d.recipientId,
            d.status,
          ])
          .sort(),
      ).toEqual(
        [
          ['contact', contactId, 'scheduled'],
          ['user', staff.user.id, 'scheduled'],
        ].sort(),
      );
    });
  });

  describe('get', () => {
    it('answers an unknown id with 404 problem details', async () => {
      const response = await request(t.http).get(`/api/v1/reminders/${UNKNOWN}`).set(viewer.auth).expect(404);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.body.code).toBe('REMINDER_NOT_FOUND');
    });
  });

  describe('list', () => {
    it('lists newest first, with filters by program, task, active and type, and pages', async () => {
      const once = await persistReminder(
        t.dataSource,
        { createdAt: new Date('2026-01-01T00:00:00Z') },
        { recipientIds: [staff.user.id] },
      );
      const session = await persistReminder(
        t.dataSource,
        {
          triggerType: ReminderTriggerType.Session,
          programId,
          offsetMinutes: -60,
          at: null,
          createdAt: new Date('2026-01-02T00:00:00Z'),
        },
        { recipientContactIds: [contactId] },
      );
      const task = await persistReminder(
        t.dataSource,
        {
          triggerType: ReminderTriggerType.TaskDue,
          taskId,
          offsetMinutes: 0,
          at: null,
          active: false,
          createdAt: new Date('2026-01-03T00:00:00Z'),
        },
        { recipientIds: [colleagueId, staff.user.id] },
      );
      const ids = async (query: string) => {
        const response = await request(t.http).get(`/api/v1/reminders?${query}`).set(viewer.auth).expect(200);
        return response.body.data.map((r: { id: string }) => r.id);
      };
      expect(await ids('')).toEqual([task.id, session.id, once.id]);
      expect(await ids(`programId=${programId}`)).toEqual([session.id]);
      expect(await ids(`taskId=${taskId}`)).toEqual([task.id]);
      expect(await ids('active=false')).toEqual([task.id]);
      expect(await ids('active=true')).toEqual([session.id, once.id]);
      expect(await ids('type=once')).toEqual([once.id]);
      expect(await ids(`type=session&programId=${UNKNOWN}`)).toEqual([]);

      const page = await request(t.http).get('/api/v1/reminders?limit=2&offset=1').set(viewer.auth).expect(200);
      expect(page.body.meta).toEqual({ total: 3, limit: 2, offset: 1 });
      expect(page.body.data.map((r: { id: string }) => r.id)).toEqual([session.id, once.id]);
      const first = (await request(t.http).get('/api/v1/reminders?limit=1').set(viewer.auth).expect(200)).body.data[0];
      expect(first.recipientIds).toEqual([colleagueId, staff.user.id].sort());
    });
  });

  describe('update', () => {
    it('changes the title under the current version and audits it', async () => {
      const created = await post(buildReminderBody([staff.user.id])).expect(201);
      const updated = await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, title: 'Twenty copies' })
        .expect(200);
      expect(updated.body).toEqual({
        ...created.body,
        title: 'Twenty copies',
        version: 2,
        updatedAt: expect.any(String),
      });
      const events = await auditOf(t, created.body.id);
      expect(events.map((e) => e.action)).toEqual(['create', 'update']);
      expect(events[1].changes).toEqual({ title: { before: 'Bring the sign-up sheets', after: 'Twenty copies' } });
    });

    it('replaces the whole trigger', async () => {
      const created = await post(buildReminderBody([staff.user.id])).expect(201);
      const updated = await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, trigger: { type: 'session', programId, offsetMinutes: 30 } })
        .expect(200);
      expect(updated.body.trigger).toEqual({ type: 'session', programId, offsetMinutes: 30 });
      const [row] = await t.dataSource.query(
        'SELECT trigger_type, program_id, offset_minutes, at FROM reminders WHERE id = $1',
        [created.body.id],
      );
      expect(row).toEqual({ trigger_type: 'session', program_id: programId, offset_minutes: 30, at: null });
    });

    it('replaces recipient lists when given, keeps them when not, and a recipients-only change is a new version', async () => {
      const created = await post(buildReminderBody([staff.user.id], { recipientContactIds: [contactId] })).expect(201);
      const updated = await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, recipientIds: [colleagueId] })
        .expect(200);
      expect(updated.body).toMatchObject({ version: 2, recipientIds: [colleagueId], recipientContactIds: [contactId] });
      const users = await t.dataSource.query('SELECT user_id FROM reminder_users WHERE reminder_id = $1', [
        created.body.id,
      ]);
      expect(users).toEqual([{ user_id: colleagueId }]);
      const cleared = await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 2, recipientIds: [] })
        .expect(200);
      expect(cleared.body).toMatchObject({ version: 3, recipientIds: [], recipientContactIds: [contactId] });
    });

    it('refuses to leave a rule without recipients', async () => {
      const created = await post(buildReminderBody([staff.user.id])).expect(201);
      const before = await reminderTables(t);
      const response = await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, recipientIds: [] })
        .expect(400);
      expect(response.body.errors).toEqual([
        { field: 'recipientIds', message: expect.stringMatching(/at least one recipient/) },
      ]);
      expect(await reminderTables(t)).toEqual(before);
    });

    it('answers a stale version with 409 and the current version, changing nothing', async () => {
      const created = await post(buildReminderBody([staff.user.id])).expect(201);
      await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, active: false })
        .expect(200);
      const before = await reminderTables(t);
      const stale = await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, title: 'Lost update' })
        .expect(409);
      expect(stale.headers['content-type']).toMatch(/problem\+json/);
      expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      expect(await reminderTables(t)).toEqual(before);
    });

    it('returns the rule unchanged (same version) when nothing changes', async () => {
      const created = await post(buildReminderBody([staff.user.id])).expect(201);
      const same = await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, title: created.body.title, trigger: created.body.trigger, recipientIds: [staff.user.id] })
        .expect(200);
      expect(same.body).toEqual(created.body);
      expect((await auditOf(t, created.body.id)).length).toBe(1);
    });

    it('keeps a deactivated user already on the rule, but refuses to add one', async () => {
      const created = await post(buildReminderBody([staff.user.id, colleagueId])).expect(201);
      await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [colleagueId]);
      const kept = await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, title: 'Renamed', recipientIds: [colleagueId, staff.user.id] })
        .expect(200);
      expect(kept.body.recipientIds).toEqual([colleagueId, staff.user.id].sort());
      const other = await post(buildReminderBody([staff.user.id])).expect(201);
      const refused = await request(t.http)
        .patch(`/api/v1/reminders/${other.body.id}`)
        .set(staff.auth)
        .send({ version: 1, recipientIds: [staff.user.id, colleagueId] })
        .expect(400);
      expect(refused.body.errors).toEqual([{ field: 'recipientIds.1', message: 'is not an active user' }]);
    });

    it('lets a past once time stand while other fields change, but refuses moving it into the past', async () => {
      const past = await persistReminder(t.dataSource, { at: inHours(-5) }, { recipientIds: [staff.user.id] });
      await request(t.http)
        .patch(`/api/v1/reminders/${past.id}`)
        .set(staff.auth)
        .send({ version: 1, title: 'Still here' })
        .expect(200);
      await request(t.http)
        .patch(`/api/v1/reminders/${past.id}`)
        .set(staff.auth)
        .send({ version: 2, trigger: { type: 'once', at: past.at!.toISOString() }, active: false })
        .expect(200);
      const before = await reminderTables(t);
      const moved = await request(t.http)
        .patch(`/api/v1/reminders/${past.id}`)
        .set(staff.auth)
        .send({ version: 3, trigger: { type: 'once', at: inHours(-1).toISOString() } })
        .expect(400);
      expect(moved.body.errors).toEqual([{ field: 'trigger.at', message: 'must not be in the past' }]);
      expect(await reminderTables(t)).toEqual(before);
    });

    it('re-plans a rule after an update', async () => {
      const created = await post(
        buildReminderBody([staff.user.id], { trigger: { type: 'once', at: inHours(200).toISOString() } }),
      ).expect(201);
      const none = await request(t.http)
        .get(`/api/v1/reminders/${created.body.id}/deliveries`)
        .set(viewer.auth)
        .expect(200);
      expect(none.body.data).toEqual([]);
      const at = inHours(3).toISOString();
      await request(t.http)
        .patch(`/api/v1/reminders/${created.body.id}`)
        .set(staff.auth)
        .send({ version: 1, trigger: { type: 'once', at } })
        .expect(200);
      const planned = await request(t.http)
        .get(`/api/v1/reminders/${created.body.id}/deliveries`)
        .set(viewer.auth)
        .expect(200);
      expect(planned.body.data).toEqual([
        expect.objectContaining({ occurrenceAt: at, recipientId: staff.user.id, status: 'scheduled' }),
      ]);
    });
  });

  describe('remove', () => {
    it('deletes the rule with its recipients and deliveries (204, then 404), audited', async () => {
      const created = await post(buildReminderBody([staff.user.id], { recipientContactIds: [contactId] })).expect(201);
      await persistDelivery(t.dataSource, created.body.id, {
        recipientUserId: staff.user.id,
        occurrenceAt: inHours(100),
      });
      const response = await request(t.http).delete(`/api/v1/reminders/${created.body.id}`).set(staff.auth).expect(204);
      expect(response.text).toBe('');
      await request(t.http).get(`/api/v1/reminders/${created.body.id}`).set(viewer.auth).expect(404);
      await request(t.http).delete(`/api/v1/reminders/${created.body.id}`).set(staff.auth).expect(404);
      const [left] = await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM reminder_users) AS users, (SELECT count(*)::int FROM reminder_contacts) AS contacts,
                (SELECT count(*)::int FROM deliveries) AS deliveries`,
      );
      expect(left).toEqual({ users: 0, contacts: 0, deliveries: 0 });
      const events = await auditOf(t, created.body.id);
      expect(events.map((e) => e.action)).toEqual(['create', 'delete']);
      expect(events[1].changes).toMatchObject({ title: { before: 'Bring the sign-up sheets', after: null } });
    });
  });

  describe('deliveries', () => {
    it('shows each delivery row: sending as scheduled, skip reasons in words, errors of failed ones, erased recipients as null', async () => {
      const rule = await persistReminder(
        t.dataSource,
        {},
        { recipientIds: [staff.user.id], recipientContactIds: [contactId] },
      );
      const due = (hours: number) => ({ occurrenceAt: inHours(hours), dueAt: inHours(hours) });
      const sending = await persistDelivery(t.dataSource, rule.id, {
        ...due(-1),
        recipientUserId: staff.user.id,
        status: DeliveryStatus.Sending,
        attempts: 1,
      });
      const sentAt = inHours(-2);
      const sent = await persistDelivery(t.dataSource, rule.id, {
        ...due(-3),
        recipientContactId: contactId,
        status: DeliveryStatus.Sent,
        attempts: 1,
        sentAt,
        late: true,
      });
      const failed = await persistDelivery(t.dataSource, rule.id, {
        ...due(-4),
        recipientUserId: staff.user.id,
        status: DeliveryStatus.Failed,
        attempts: 6,
        lastError: '550 mailbox unavailable',
      });
      const skipped = await persistDelivery(t.dataSource, rule.id, {
        ...due(-5),
        recipientUserId: staff.user.id,
        status: DeliveryStatus.Skipped,
        skipReason: SkipReason.SessionCancelled,
      });
      const erased = await persistDelivery(t.dataSource, rule.id, {
        ...due(-6),
        recipientKey: `contact:${UNKNOWN}`,
        recipientContactId: null,
        status: DeliveryStatus.Skipped,
        skipReason: SkipReason.RecipientErased,
      });
      const scheduled = await persistDelivery(t.dataSource, rule.id, { ...due(10), recipientUserId: staff.user.id });
      const other = await persistReminder(t.dataSource, {}, { recipientIds: [staff.user.id] });
      await persistDelivery(t.dataSource, other.id, { recipientUserId: staff.user.id });

      const response = await request(t.http)
        .get(`/api/v1/reminders/${rule.id}/deliveries`)
        .set(viewer.auth)
        .expect(200);
      expect(response.body.meta).toEqual({ total: 6, limit: 25, offset: 0 });
      expect(response.body.data.map((d: { id: string }) => d.id)).toEqual([
        scheduled.id,
        sending.id,
        sent.id,
        failed.id,
        skipped.id,
        erased.id,
      ]);
      const byId = Object.fromEntries(response.body.data.map((d: { id: string }) => [d.id, d]));
      expect(byId[sending.id]).toEqual({
        id: sending.id,
        occurrenceAt: sending.occurrenceAt.toISOString(),
        dueAt: sending.dueAt.toISOString(),
        recipientId: staff.user.id,
        recipientType: 'user',
        status: 'scheduled',
        attempts: 1,
        sentAt: null,
        error: null,
        late: false,
        sessionId: null,
        kind: 'reminder',
      });
      expect(byId[sent.id]).toMatchObject({
        recipientId: contactId,
        recipientType: 'contact',
        status: 'sent',
        sentAt: sentAt.toISOString(),
        late: true,
        error: null,
      });
      expect(byId[failed.id]).toMatchObject({ status: 'failed', attempts: 6, error: '550 mailbox unavailable' });
      expect(byId[skipped.id]).toMatchObject({ status: 'skipped', error: 'The session was cancelled.' });
      expect(byId[erased.id]).toMatchObject({
        status: 'skipped',
        recipientId: null,
        recipientType: 'contact',
        error: "The recipient's data was erased.",
      });
      // No email address or name of anyone is in the log.
      expect(JSON.stringify(response.body)).not.toMatch(/@/);
    });

    it('filters by status (scheduled includes rows being sent) and pages', async () => {
      const rule = await persistReminder(t.dataSource, {}, { recipientIds: [staff.user.id] });
      const a = await persistDelivery(t.dataSource, rule.id, {
        occurrenceAt: inHours(1),
        recipientUserId: staff.user.id,
        status: DeliveryStatus.Sending,
      });
      const b = await persistDelivery(t.dataSource, rule.id, {
        occurrenceAt: inHours(2),
        recipientUserId: staff.user.id,
      });
      await persistDelivery(t.dataSource, rule.id, {
        occurrenceAt: inHours(-2),
        recipientUserId: staff.user.id,
        status: DeliveryStatus.Sent,
        sentAt: inHours(-2),
      });
      const ids = async (query: string) =>
        (await request(t.http).get(`/api/v1/reminders/${rule.id}/deliveries?${query}`).set(viewer.auth).expect(200))
          .body;
      expect((await ids('status=scheduled')).data.map((d: { id: string }) => d.id)).toEqual([b.id, a.id]);
      expect((await ids('status=sent')).data).toHaveLength(1);
      expect((await ids('status=failed')).data).toEqual([]);
      const page = await ids('limit=1&offset=1');
      expect(page.meta).toEqual({ total: 3, limit: 1, offset: 1 });
      expect(page.data.map((d: { id: string }) => d.id)).toEqual([a.id]);
    });

    it('answers an unknown or malformed reminder id with 404', async () => {
      for (const id of [UNKNOWN, 'not-a-uuid']) {
        const response = await request(t.http).get(`/api/v1/reminders/${id}/deliveries`).set(viewer.auth).expect(404);
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }
    });
  });
});
