import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { ShiftedClock } from '../../src/common/clock/clock';
import { Contact } from '../../src/contact/contact.entity';
import { ProgramSession } from '../../src/program/program-session.entity';
import { DeliverySender } from '../../src/outbox/delivery-sender.service';
import { Delivery } from '../../src/outbox/delivery.entity';
import { DeliveryStatus, SkipReason } from '../../src/outbox/delivery-state';
import { Reminder, ReminderTriggerType } from '../../src/reminder/reminder.entity';
import { ReminderPlanner } from '../../src/reminder/reminder-planner.service';
import { unsubscribeToken } from '../../src/reminder/unsubscribe.service';
import { User } from '../../src/user/user.entity';
import { persistContact, persistOrganization } from '../factories/directory.factory';
import { createProgram } from '../factories/program.factory';
import { signedInAs } from '../factories/user.factory';
import { eventually } from '../setup/eventually';
import { createTestApp, TestApp } from '../setup/test-app';
import { TEST_AUTH_SECRET } from '../setup/test-env';

const ZONE = 'America/Los_Angeles';
/** Wednesdays around the 2027 spring change (Sunday 14 March): 15:30 PST, then 15:30 PDT. */
const BEFORE_DST = DateTime.fromISO('2027-03-10T15:30', { zone: ZONE });
const AFTER_DST = DateTime.fromISO('2027-03-17T15:30', { zone: ZONE });

describe('Reminder delivery (worker, real SMTP sink, shifted clock)', () => {
  let t: TestApp;
  const clock = new ShiftedClock(0);
  let staff: User;
  let auth: Record<string, string>;
  let contact: Contact;
  let programId: string;
  let planner: ReminderPlanner;

  /** Lives `leadMs` before `at` from now on. */
  const liveBefore = (at: DateTime, leadMs: number) => (clock.offsetMs = at.toMillis() - leadMs - Date.now());

  /**
   * A rule saved `savedAgoMs` before the clock's now (occurrences before a rule was saved are
   * never sent; by default it was saved a minute ago).
   */
  async function persistRule(
    overrides: Partial<Reminder> = {},
    recipients: { users?: User[]; contacts?: Contact[] } = {},
    savedAgoMs = 60_000,
  ): Promise<Reminder> {
    const repo = t.dataSource.getRepository(Reminder);
    const rule = await repo.save(
      repo.create({
        title: 'Visit the shelter and hand out invitations',
        message: 'Bring 30 flyers.',
        triggerType: ReminderTriggerType.Session,
        programId,
        offsetMinutes: -240,
        active: true,
        recipients: recipients.users ?? [staff],
        recipientContacts: recipients.contacts ?? [contact],
        ...overrides,
      }),
    );
    await t.dataSource.query('UPDATE reminders SET updated_at = $2, created_at = $2 WHERE id = $1', [
      rule.id,
      new Date(clock.now().getTime() - savedAgoMs),
    ]);
    return rule;
  }

  async function deliveriesOf(reminderId: string): Promise<Delivery[]> {
    return t.dataSource
      .getRepository(Delivery)
      .find({ where: { reminderId }, order: { dueAt: 'ASC', recipientKey: 'ASC' } });
  }

  async function waitForStatus(
    reminderId: string,
    done: (rows: Delivery[]) => boolean,
    timeoutMs = 10_000,
  ): Promise<Delivery[]> {
    return eventually(
      'the deliveries to reach the expected state',
      async () => {
        const rows = await deliveriesOf(reminderId);
        if (rows.length > 0 && done(rows)) return rows;
        throw new Error(`deliveries: ${JSON.stringify(rows.map((r) => [r.status, r.skipReason, r.lastError]))}`);
      },
      { timeoutMs },
    );
  }

  const settled = (rows: Delivery[]) =>
    rows.every((row) => row.status !== DeliveryStatus.Scheduled && row.status !== DeliveryStatus.Sending);

  beforeAll(async () => {
    t = await createTestApp({
      worker: true,
      clock,
      // The per-address limit of public posts is left high: the unsubscribe tests post from one address.
      env: {
        REMINDER_RECONCILE_SECONDS: '1',
        REMINDER_RETRY_BASE_SECONDS: '1',
        REMINDER_LATE_AFTER_SECONDS: '60',
        PUBLIC_FEEDBACK_PER_IP_PER_HOUR: '1000',
      },
    });
    planner = t.app.get(ReminderPlanner);
    const signedIn = await signedInAs(t, Role.Staff, { name: 'Rosa Librarian', timezone: ZONE });
    staff = signedIn.user;
    auth = { Authorization: `Bearer ${signedIn.accessToken}` };
    const shelter = await persistOrganization(t.dataSource, { name: 'Northside Youth Shelter' });
    contact = await persistContact(t.dataSource, shelter.id, {
      name: 'Dana Case-Manager',
      email: 'dana@shelter.example.org',
    });
    programId = (
      await createProgram(t, auth, {
        name: 'Wednesday drop-in',
        partners: [{ organizationId: shelter.id, role: 'host' }],
        schedule: {
          rrule: 'FREQ=WEEKLY;BYDAY=WE',
          timezone: ZONE,
          startTime: '15:30',
          durationMinutes: 90,
          location: 'Central Library, Teen Room',
        },
      })
    ).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(() => {
    t.mail.messages.length = 0;
  });

  // The worker reconciles every rule every second at whatever time the clock says: switch each
  // test's rules off so they send nothing into the next test's days.
  afterEach(async () => {
    await t.dataSource.query('UPDATE reminders SET active = false');
  });

  it('sends "4 hours before" at 11:30 local on both sides of the DST change, once to each recipient', async () => {
    liveBefore(BEFORE_DST.minus({ hours: 4 }), 1500);
    const rule = await persistRule();
    await planner.planRules([rule.id]);
    const first = await waitForStatus(rule.id, (rows) => rows.length === 2 && settled(rows));
    expect(first.map((row) => row.status)).toEqual([DeliveryStatus.Sent, DeliveryStatus.Sent]);

    liveBefore(AFTER_DST.minus({ hours: 4 }), 1500);
    await planner.planRules([rule.id]);
    const all = await waitForStatus(rule.id, (rows) => rows.length === 4 && settled(rows));

    for (const row of all) {
      expect(row.status).toBe(DeliveryStatus.Sent);
      expect(row.attempts).toBe(1);
      expect(row.late).toBe(false);
      const sentLocal = DateTime.fromJSDate(row.sentAt!, { zone: ZONE });
      expect(sentLocal.toFormat('HH:mm')).toBe('11:30');
    }
    expect(all.map((row) => DateTime.fromJSDate(row.dueAt, { zone: ZONE }).toISO())).toEqual([
      '2027-03-10T11:30:00.000-08:00',
      '2027-03-10T11:30:00.000-08:00',
      '2027-03-17T11:30:00.000-07:00',
      '2027-03-17T11:30:00.000-07:00',
    ]);

    const toStaff = t.mail.to(staff.email);
    const toContact = t.mail.to('dana@shelter.example.org');
    expect(toStaff).toHaveLength(2);
    expect(toContact).toHaveLength(2);
    expect(t.mail.messages).toHaveLength(4);
    expect(toStaff[0].subject).toBe('Reminder: Visit the shelter and hand out invitations');
    expect(toStaff[0].text).toContain('Wednesday, March 10, 2027 at 3:30 PM PST');
    expect(toStaff[1].text).toContain('Wednesday, March 17, 2027 at 3:30 PM PDT');
    expect(toStaff[0].text).toContain('Bring 30 flyers.');
    expect(toStaff[0].text).toContain('Where: Central Library, Teen Room');
    expect(toStaff[0].text).toContain('Partner: Northside Youth Shelter');
    expect(toStaff[0].text).toContain(`http://tandem.test/programs/${programId}`);
    expect(toStaff[0].html).toContain('Wednesday drop-in');
    // Staff get no unsubscribe header; partner contacts get RFC 8058 one-click.
    const header = (mail: (typeof toStaff)[number], key: string) =>
      mail.headerLines.find((line) => line.key === key)?.line;
    expect(header(toStaff[0], 'list-unsubscribe')).toBeUndefined();
    expect(header(toContact[0], 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header(toContact[0], 'list-unsubscribe')).toMatch(
      /^List-Unsubscribe:\s*<http:\/\/tandem\.test\/unsubscribe\/[0-9a-f-]{36}\.[\w-]{43}>/,
    );
    expect(toContact[0].text).toContain('Stop these emails: http://tandem.test/unsubscribe/');
    // Every email carries its delivery id as a stable Message-ID.
    const ids = new Set(t.mail.messages.map((mail) => mail.messageId));
    expect(ids.size).toBe(4);
    expect([...ids].every((id) => /^<delivery\.[0-9a-f-]{36}@tandem\.test>$/.test(id!))).toBe(true);
  });

  it('skips a cancelled session, an inactive rule and a deactivated recipient — and sends nothing to them', async () => {
    const session = await t.dataSource
      .getRepository(ProgramSession)
      .findOneByOrFail({ programId, startsAt: DateTime.fromISO('2027-03-24T15:30', { zone: ZONE }).toJSDate() });
    liveBefore(DateTime.fromJSDate(session.startsAt).minus({ hours: 4 }), 1500);
    const cancelled = await persistRule({ title: 'Cancelled session' });
    const inactiveUser = (await signedInAs(t, Role.Staff)).user;
    const forInactive = await persistRule({ title: 'Inactive recipient' }, { users: [inactiveUser], contacts: [] });
    await t.dataSource.getRepository(User).update({ id: inactiveUser.id }, { active: false });
    await t.dataSource.getRepository(ProgramSession).update({ id: session.id }, { cancelled: true });
    await planner.planRules([cancelled.id, forInactive.id]);
    const paused = await persistRule(
      {
        title: 'Paused rule',
        triggerType: ReminderTriggerType.Once,
        programId: null,
        offsetMinutes: null,
        at: new Date(clock.now().getTime() + 1500),
      },
      { users: [staff], contacts: [contact] },
    );
    await planner.planRules([paused.id]);
    expect((await deliveriesOf(paused.id)).map((row) => row.status)).toEqual([
      DeliveryStatus.Scheduled,
      DeliveryStatus.Scheduled,
    ]);
    await t.dataSource.getRepository(Reminder).update({ id: paused.id }, { active: false });

    const [a, b] = await waitForStatus(cancelled.id, (rows) => settled(rows));
    expect([a.status, a.skipReason, b.status, b.skipReason]).toEqual([
      DeliveryStatus.Skipped,
      SkipReason.SessionCancelled,
      DeliveryStatus.Skipped,
      SkipReason.SessionCancelled,
    ]);
    // A deactivated recipient is the first reason given (it holds for every session).
    const [c] = await waitForStatus(forInactive.id, (rows) => settled(rows));
    expect([c.status, c.skipReason]).toEqual([DeliveryStatus.Skipped, SkipReason.RecipientInactive]);
    // Rows of a rule switched off after planning are skipped, not sent.
    const pausedRows = await waitForStatus(paused.id, (rows) => settled(rows));
    expect(pausedRows.map((row) => row.skipReason)).toEqual([SkipReason.RuleInactive, SkipReason.RuleInactive]);
    // Every row is in its final state; a sender run now (all of them due) finds nothing to send either.
    expect(await t.app.get(DeliverySender).deliverDue()).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
    expect(t.mail.messages).toHaveLength(0);
  });

  it('an edited offset moves the planned delivery (no second row); a rule deleted before its time sends nothing', async () => {
    const session = DateTime.fromISO('2027-03-03T15:30', { zone: ZONE });
    liveBefore(session.minus({ hours: 4 }), 10 * 60_000);
    const rule = await persistRule({ title: 'Moved' }, { users: [staff], contacts: [] });
    await planner.planRules([rule.id]);
    const current = await request(t.http).get(`/api/v1/reminders/${rule.id}`).set(auth).expect(200);
    await request(t.http)
      .patch(`/api/v1/reminders/${rule.id}`)
      .set(auth)
      .send({ version: current.body.version, trigger: { type: 'session', programId, offsetMinutes: -230 } })
      .expect(200);
    const moved = await request(t.http).get(`/api/v1/reminders/${rule.id}/deliveries`).set(auth).expect(200);
    // (The PATCH stamps the rule with the real time, months before this clock, so earlier sessions show as missed.)
    const forSession = moved.body.data.filter(
      (row: { occurrenceAt: string }) => row.occurrenceAt === session.toUTC().toISO(),
    );
    expect(forSession.map((row: { dueAt: string; status: string }) => [row.dueAt, row.status])).toEqual([
      [session.minus({ minutes: 230 }).toUTC().toISO(), 'scheduled'],
    ]);

    // A once reminder due in 1.5 s (its own wake-up), deleted before then.
    const doomed = await persistRule(
      {
        title: 'Deleted before its time',
        triggerType: ReminderTriggerType.Once,
        programId: null,
        offsetMinutes: null,
        at: new Date(clock.now().getTime() + 1500),
      },
      { users: [staff], contacts: [contact] },
    );
    await planner.planRules([doomed.id]);
    expect(await deliveriesOf(doomed.id)).toHaveLength(2);
    await request(t.http).delete(`/api/v1/reminders/${doomed.id}`).set(auth).expect(204);
    // Past its time on the test clock, the sender finds nothing to send (the worker's own wake-up
    // at that time finds the same nothing).
    clock.offsetMs += 2000;
    expect(await t.app.get(DeliverySender).deliverDue()).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
    expect(t.mail.messages).toHaveLength(0);
    expect(await deliveriesOf(doomed.id)).toEqual([]);
  });

  it('sends a once reminder saved just after its time (within the minute the API accepts)', async () => {
    // A slow form or a busy server: the rule is saved 30 s after its time, which the API allows.
    const rule = await persistRule(
      {
        title: 'Saved a moment late',
        triggerType: ReminderTriggerType.Once,
        programId: null,
        offsetMinutes: null,
        at: new Date(clock.now().getTime() - 30_000),
      },
      { users: [staff], contacts: [contact] },
      0,
    );
    await planner.planRules([rule.id]);
    expect(await deliveriesOf(rule.id)).toHaveLength(2);
    // Due already: the sender (or the worker's own wake-up, whichever comes first) sends both.
    await t.app.get(DeliverySender).deliverDue();
    expect(await t.mail.waitFor(staff.email, 1)).toHaveLength(1);
    expect(await t.mail.waitFor('dana@shelter.example.org', 1)).toHaveLength(1);
  });

  it('retries a transient SMTP failure with backoff and fails a permanent one without retrying', async () => {
    const session = DateTime.fromISO('2027-02-24T15:30', { zone: ZONE });
    liveBefore(session.minus({ hours: 4 }), 1500);
    const rule = await persistRule({ title: 'Transient' }, { users: [staff], contacts: [] });
    t.mail.rejectNextMessages(1, 451);
    await planner.planRules([rule.id]);
    const [row] = await waitForStatus(rule.id, (rows) => settled(rows));
    expect(row.status).toBe(DeliveryStatus.Sent);
    expect(row.attempts).toBe(2);
    expect(t.mail.to(staff.email)).toHaveLength(1);

    const permanent = await persistRule({ title: 'Permanent' }, { users: [], contacts: [contact] });
    t.mail.rejectNextMessages(1, 550);
    await planner.planRules([permanent.id]);
    const [failed] = await waitForStatus(permanent.id, (rows) => settled(rows));
    expect(failed.status).toBe(DeliveryStatus.Failed);
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/550/);
    expect(failed.lastError).toMatch(/permanent; not retried/);
    expect(failed.lastError).not.toMatch(/@/);
    expect(t.mail.to('dana@shelter.example.org')).toHaveLength(0);
  });

  it('sends a reminder that fell due while the worker was away once, marked late; one past the late limit is skipped', async () => {
    const session = DateTime.fromISO('2027-02-17T15:30', { zone: ZONE });
    // Two hours after it fell due, a worker plans it for the first time.
    liveBefore(session.minus({ hours: 2 }), 0);
    const rule = await persistRule({ title: 'Came back late' }, { users: [staff], contacts: [] }, 86_400_000);
    await planner.planRules([rule.id]);
    const [late] = await waitForStatus(rule.id, (rows) => settled(rows));
    expect([late.status, late.late, late.attempts]).toEqual([DeliveryStatus.Sent, true, 1]);
    expect(t.mail.to(staff.email)).toHaveLength(1);
    expect(t.mail.to(staff.email)[0].subject).toBe('[Late] Reminder: Came back late');

    // Another is first seen 13 hours after it fell due (past REMINDER_LATE_LIMIT_HOURS=12).
    const earlier = DateTime.fromISO('2027-02-10T15:30', { zone: ZONE });
    liveBefore(earlier.minus({ hours: 4 }), -13 * 3_600_000);
    const missed = await persistRule({ title: 'Missed' }, { users: [staff], contacts: [] }, 86_400_000);
    await planner.reconcile();
    const rows = await waitForStatus(missed.id, (all) => settled(all));
    expect(rows.map((row) => [row.status, row.skipReason, row.attempts])).toEqual([
      [DeliveryStatus.Skipped, SkipReason.TooLate, 0],
    ]);
    expect(t.mail.to(staff.email)).toHaveLength(1);
  });

  it('unsubscribes a contact through the email’s link and its button: later deliveries to them are skipped, a forged link is 404', async () => {
    const session = DateTime.fromISO('2027-02-03T15:30', { zone: ZONE });
    liveBefore(session.minus({ hours: 4 }), 1500);
    const rule = await persistRule({ title: 'Until unsubscribe' });
    await planner.planRules([rule.id]);
    await waitForStatus(rule.id, (rows) => rows.length === 2 && settled(rows));
    const [mail] = t.mail.to('dana@shelter.example.org');
    const link = /Stop these emails: (http:\/\/tandem\.test(\/unsubscribe\/\S+))/.exec(mail.text!)!;
    const path = link[2];

    // The List-Unsubscribe header names the same URL the button posts to.
    expect(mail.headerLines.find((line) => line.key === 'list-unsubscribe')?.line).toContain(`<${link[1]}>`);
    const page = await request(t.http).get(path);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain(`<form action="${path}?lang=en" method="post">`);
    expect((await t.dataSource.getRepository(Contact).findOneByOrFail({ id: contact.id })).unsubscribedAt).toBeNull();
    const posted = await request(t.http).post(path).type('form').send('List-Unsubscribe=One-Click');
    expect(posted.status).toBe(200);
    expect(posted.text).toContain('You are unsubscribed');
    expect((await request(t.http).get(path)).text).toContain('already unsubscribed');
    expect(
      (await t.dataSource.getRepository(Contact).findOneByOrFail({ id: contact.id })).unsubscribedAt,
    ).toBeInstanceOf(Date);

    expect((await request(t.http).get(`${path.slice(0, -3)}abc`)).status).toBe(404);
    expect((await request(t.http).get('/unsubscribe/not-a-token')).status).toBe(404);
    expect((await request(t.http).post('/unsubscribe/00000000-0000-0000-0000-000000000000.x')).status).toBe(404);
    // A genuine token for a contact that no longer exists (erased) opens nothing.
    expect((await request(t.http).get(`/unsubscribe/${unsubscribeToken(TEST_AUTH_SECRET, randomUUID())}`)).status).toBe(
      404,
    );

    const next = DateTime.fromISO('2027-03-03T15:30', { zone: ZONE });
    liveBefore(next.minus({ hours: 4 }), 1500);
    t.mail.messages.length = 0;
    await planner.planRules([rule.id]);
    const rows = await waitForStatus(rule.id, (all) => all.length >= 4 && settled(all));
    const toContact = rows.filter(
      (row) => row.recipientContactId === contact.id && row.dueAt.getTime() === next.minus({ hours: 4 }).toMillis(),
    );
    expect([toContact[0].status, toContact[0].skipReason]).toEqual([DeliveryStatus.Skipped, SkipReason.Unsubscribed]);
    expect(t.mail.to('dana@shelter.example.org')).toHaveLength(0);
    expect(t.mail.to(staff.email)).toHaveLength(1);
    await t.dataSource.getRepository(Contact).update({ id: contact.id }, { unsubscribedAt: null });
  });

  describe('the unsubscribe link', () => {
    let other: Contact;
    let token: string;
    const unsubscribedAt = async () =>
      (await t.dataSource.getRepository(Contact).findOneByOrFail({ id: other.id })).unsubscribedAt;
    const auditCount = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'contact' AND entity_id = $1`,
          [other.id],
        )
      )[0].n as number;

    beforeEach(async () => {
      const org = await persistOrganization(t.dataSource, { name: `Eastside Clinic ${randomUUID().slice(0, 6)}` });
      other = await persistContact(t.dataSource, org.id, { email: `${randomUUID().slice(0, 8)}@clinic.example.org` });
      token = unsubscribeToken(TEST_AUTH_SECRET, other.id);
    });

    it('answers GET with a page of one button that posts back, and changes nothing (mail scanners open links)', async () => {
      for (let i = 0; i < 2; i += 1) {
        const page = await request(t.http).get(`/unsubscribe/${token}`).expect(200);
        expect(page.headers['content-type']).toMatch(/^text\/html/);
        expect(page.headers['cache-control']).toBe('no-store');
        expect(page.text).toContain(`<form action="/unsubscribe/${token}?lang=en" method="post">`);
        expect(page.text).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click"/>');
        expect(page.text.match(/<button\b/g)).toHaveLength(1);
      }
      expect(await unsubscribedAt()).toBeNull();
      expect(await auditCount()).toBe(0);
    });

    it('unsubscribes on the button’s form post with a confirmation page, and a repeated post changes nothing more', async () => {
      const first = await request(t.http)
        .post(`/unsubscribe/${token}`)
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(first.headers['content-type']).toMatch(/^text\/html/);
      expect(first.text).toContain('You are unsubscribed');
      const at = await unsubscribedAt();
      expect(at).toBeInstanceOf(Date);
      const again = await request(t.http)
        .post(`/unsubscribe/${token}`)
        .type('form')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(again.text).toContain('You are already unsubscribed');
      expect(await unsubscribedAt()).toEqual(at);
      expect(await auditCount()).toBe(1);
      // The page no longer offers the button.
      const page = await request(t.http).get(`/unsubscribe/${token}`).expect(200);
      expect(page.text).toContain('You are already unsubscribed');
      expect(page.text).not.toContain('<form');
    });

    it('unsubscribes on an RFC 8058 one-click post (no cookie, no page first), and on a post without a body', async () => {
      await request(t.http)
        .post(`/unsubscribe/${token}`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('List-Unsubscribe=One-Click')
        .expect(200);
      expect(await unsubscribedAt()).toBeInstanceOf(Date);
      const org = await persistOrganization(t.dataSource);
      other = await persistContact(t.dataSource, org.id);
      await request(t.http)
        .post(`/unsubscribe/${unsubscribeToken(TEST_AUTH_SECRET, other.id)}`)
        .expect(200);
      expect(await unsubscribedAt()).toBeInstanceOf(Date);
    });

    it('answers an unknown, forged, malformed or erased contact’s link with a 404 page, GET and POST alike, changing nothing', async () => {
      const [, key] = token.split('.');
      const erased = await persistContact(t.dataSource, other.organizationId);
      const erasedToken = unsubscribeToken(TEST_AUTH_SECRET, erased.id);
      await t.dataSource.getRepository(Contact).delete({ id: erased.id });
      for (const bad of [
        erasedToken,
        unsubscribeToken('another-secret-that-is-long-enough-for-hs256', other.id),
        `${other.id}.${key.slice(0, -1)}`,
        `${randomUUID()}.${key}`,
        other.id,
        'not-a-token',
        `${token}.extra`,
        'x'.repeat(3000),
      ]) {
        for (const method of ['get', 'post'] as const) {
          const response = await request(t.http)
            [method](`/unsubscribe/${encodeURIComponent(bad)}`)
            .type('form')
            .send('List-Unsubscribe=One-Click');
          expect({ bad: bad.slice(0, 60), method, status: response.status }).toEqual({
            bad: bad.slice(0, 60),
            method,
            status: 404,
          });
          expect(response.headers['content-type']).toMatch(/^text\/html/);
          expect(response.text).toContain('This link does not work');
        }
      }
      expect(await unsubscribedAt()).toBeNull();
    });

    it('limits posts to one link: a 429 page with Retry-After', async () => {
      for (let i = 0; i < 30; i += 1) await request(t.http).post(`/unsubscribe/${token}`).expect(200);
      const limited = await request(t.http).post(`/unsubscribe/${token}`).expect(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.text).toContain('Please try again later');
    });
  });
});
