import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { AuditEvent } from '../../src/audit/audit-event.entity';
import { Role } from '../../src/auth/role.enum';
import { CheckInRespondent, CheckInResponse } from '../../src/check-in/check-in-response.entity';
import { CheckIn, CheckInStatus } from '../../src/check-in/check-in.entity';
import { CheckInService } from '../../src/check-in/check-in.service';
import { ShiftedClock } from '../../src/common/clock/clock';
import { LibrarySettingsService } from '../../src/library/library-settings.service';
import { MaintenanceProcessor } from '../../src/maintenance/maintenance.processor';
import { OrganizationStage } from '../../src/organization/organization-stage';
import { JobName } from '../../src/queue/queue.constants';
import { DeliverySender } from '../../src/outbox/delivery-sender.service';
import { Delivery } from '../../src/outbox/delivery.entity';
import { DeliveryKind, DeliveryStatus, SkipReason } from '../../src/outbox/delivery-state';
import { Task } from '../../src/task/task.entity';
import {
  BOTH_AREAS,
  checkInTokens,
  OWNER_ANSWERS,
  PARTNER_ANSWERS,
  Partner,
  persistPartner,
} from '../factories/check-in.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { eventually } from '../setup/eventually';
import { startupJobsDone } from '../setup/startup-jobs';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY_MS = 86_400_000;

/** The survey link in a check-in email, as a path on the test server. */
function surveyPath(mail: ParsedMail): string {
  const match = /Answer here: http:\/\/tandem\.test(\/check-in\/[0-9a-f-]{36}\.[\w-]{43})\n/.exec(mail.text ?? '');
  if (!match) throw new Error(`no survey link in: ${mail.text}`);
  return match[1];
}
const tokenOf = (path: string) => path.replace('/check-in/', '');
const header = (mail: ParsedMail, key: string) => mail.headerLines.find((line) => line.key === key)?.line;

/** The form post a browser makes: one field per statement ("" for not sure) and the comment. */
function formBody(answers: Record<string, number | ''>, comment = ''): string {
  return new URLSearchParams({
    ...Object.fromEntries(Object.entries(answers).map(([id, value]) => [id, String(value)])),
    comment,
  }).toString();
}

/**
 * The check-in story end to end, on a real worker and SMTP sink: a manager sends a round, each
 * respondent gets one email with a link that works, both answer (one as JSON, one through the
 * HTML form), the check-in closes with the right averages, the concerns become follow-up tasks
 * for the owner, and the organization's health shows it.
 */
describe('Partnership check-ins (e2e)', () => {
  let t: TestApp;
  const clock = new ShiftedClock(0);
  let manager: SignedIn;
  let owner: SignedIn;
  let viewer: SignedIn;
  let checkIns: CheckInService;

  const api = (path: string) => `/api/v1${path}`;
  const getCheckIn = async (id: string, auth = owner.auth) =>
    (
      await request(t.http)
        .get(api(`/check-ins/${id}`))
        .set(auth)
        .expect(200)
    ).body;
  const checkInsOf = (organizationId: string) =>
    t.dataSource.getRepository(CheckIn).find({ where: { organizationId }, order: { openedAt: 'ASC' } });
  const runDailyJob = () => t.app.get(MaintenanceProcessor).process({ name: JobName.CheckInsDaily } as never);

  async function waitForDeliveries(checkInId: string, count: number): Promise<Delivery[]> {
    return eventually(`the ${count} deliveries of the check-in to settle`, async () => {
      const rows = await t.dataSource.query<{ status: DeliveryStatus; skip_reason: SkipReason | null }[]>(
        `SELECT d.* FROM deliveries d JOIN check_in_responses r ON r.id = d.check_in_response_id WHERE r.check_in_id = $1`,
        [checkInId],
      );
      if (
        rows.length === count &&
        rows.every((row) => row.status !== DeliveryStatus.Scheduled && row.status !== DeliveryStatus.Sending)
      ) {
        return rows as unknown as Delivery[];
      }
      throw new Error(`deliveries: ${JSON.stringify(rows.map((r) => [r.status, r.skip_reason]))}`);
    });
  }

  beforeAll(async () => {
    t = await createTestApp({ worker: true, clock, env: { PUBLIC_FEEDBACK_PER_IP_PER_HOUR: '1000' } });
    // The `every` schedulers (the daily check-in job among them) run once at start-up: let them finish so they cannot race the tests.
    await startupJobsDone(t);
    checkIns = t.app.get(CheckInService);
    manager = await signedInAs(t, Role.Manager);
    owner = await signedInAs(t, Role.Staff, {
      name: 'Rosa Owner',
      email: 'rosa.owner@library.test',
      timezone: 'America/Los_Angeles',
    });
    viewer = await signedInAs(t, Role.Viewer);
  });
  afterAll(async () => t?.close());

  describe('a round, answered by both sides', () => {
    let shelter: Partner;
    let checkInId: string;
    let ownerMail: ParsedMail;
    let partnerMail: ParsedMail;
    let closedAt: string;

    beforeAll(async () => {
      shelter = await persistPartner(t.dataSource, owner.user, {
        name: 'Harbor House Youth Shelter',
        contact: { name: 'Dana Whitfield', email: 'dana@harbor.example.org' },
      });
    });

    it('sends the round to every active partner that is due, one email per respondent with a working link', async () => {
      // Not in the round: a prospect, and an active partner with nobody to ask.
      await persistPartner(t.dataSource, owner.user, { stage: OrganizationStage.Prospect });
      const nobody = await persistPartner(t.dataSource, null, { contact: null });

      const response = await request(t.http).post(api('/check-ins/rounds')).set(manager.auth).send({}).expect(200);
      expect(response.body.started).toEqual([
        {
          organizationId: shelter.organization.id,
          name: 'Harbor House Youth Shelter',
          checkInId: expect.any(String),
          respondents: [CheckInRespondent.Owner, CheckInRespondent.Partner],
          emailsQueued: 2,
          notAsked: [],
        },
      ]);
      expect(response.body.skipped).toEqual([
        {
          organizationId: nobody.organization.id,
          name: nobody.organization.name,
          reason: 'no-respondent',
          notAsked: [
            { respondent: 'owner', reason: 'no-owner' },
            { respondent: 'partner', reason: 'no-contact' },
          ],
          firstCheckInFrom: null,
        },
      ]);
      expect(response.body.notDue).toEqual({ open: 0, recent: 0 });
      checkInId = response.body.started[0].checkInId;

      [ownerMail] = await t.mail.waitFor(owner.user.email);
      [partnerMail] = await t.mail.waitFor('dana@harbor.example.org');
      const deliveries = await waitForDeliveries(checkInId, 2);
      expect(deliveries.map((d) => d.status)).toEqual([DeliveryStatus.Sent, DeliveryStatus.Sent]);
      expect(t.mail.messages).toHaveLength(2);

      expect(partnerMail.subject).toBe('How is our partnership going? A 3-minute check-in from the library');
      expect(partnerMail.text).toContain('Hello Dana Whitfield,');
      expect(partnerMail.text).toContain(
        'Rosa Owner and the team at the library would like to hear how our partnership with Harbor House Youth Shelter is going.',
      );
      expect(partnerMail.text).toContain('about 3 minutes');
      // The deadline is a day in the library's zone (not the owner's): near midnight they differ.
      const { settings: library } = await t.app.get(LibrarySettingsService).current();
      const closesOn = new Date(clock.now().getTime() + 21 * DAY_MS).toLocaleDateString('en-US', {
        timeZone: library.timezone,
        weekday: 'long',
        month: 'long',
        day: 'numeric',
        year: 'numeric',
      });
      expect(partnerMail.text).toContain(`The check-in is open until ${closesOn}.`);
      expect(partnerMail.html).toContain('Answer the check-in');
      expect(header(partnerMail, 'list-unsubscribe')).toMatch(
        /^List-Unsubscribe:\s*<http:\/\/tandem\.test\/unsubscribe\/[0-9a-f-]{36}\.[\w-]{43}>/,
      );
      expect(partnerMail.text).toContain('Stop these emails: http://tandem.test/unsubscribe/');
      expect(ownerMail.subject).toBe('Check-in: how is the partnership with Harbor House Youth Shelter going?');
      expect(header(ownerMail, 'list-unsubscribe')).toBeUndefined();

      // Each link opens that respondent's survey; the two links differ.
      expect(surveyPath(ownerMail)).not.toBe(surveyPath(partnerMail));
      for (const mail of [ownerMail, partnerMail]) {
        const page = await request(t.http).get(surveyPath(mail)).expect(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expect(page.headers['cache-control']).toBe('no-store');
        expect(page.headers['content-security-policy']).toContain("form-action 'self'");
        expect(page.text).toContain('Harbor House Youth Shelter');
        expect(page.text).toContain(`action="/api/v1/public/check-ins/${tokenOf(surveyPath(mail))}?lang=en"`);
        expect(page.text).toContain('When I raise an idea or a concern, the other side listens and responds.');
      }
      // The tokens are derived, never stored.
      const [{ found }] = await t.dataSource.query(
        `SELECT count(*)::int AS found FROM check_in_responses r, deliveries d WHERE r.comment LIKE '%' || $1 || '%' OR d.last_error LIKE '%' || $1 || '%'`,
        [tokenOf(surveyPath(ownerMail)).split('.')[1]],
      );
      expect(found).toBe(0);

      const open = await getCheckIn(checkInId);
      expect(open).toMatchObject({
        status: 'open',
        responseCount: 0,
        closedAt: null,
        overall: null,
        openedById: manager.user.id,
      });
      const sent = { status: 'sent', sentAt: expect.any(String), error: null };
      expect(open.respondents).toEqual([
        { respondent: 'owner', answered: false, answeredAt: null, email: sent },
        { respondent: 'partner', answered: false, answeredAt: null, email: sent },
      ]);
    });

    it('takes the owner’s answers as JSON: the averages so far, still open', async () => {
      const response = await request(t.http)
        .post(api(`/public/check-ins/${tokenOf(surveyPath(ownerMail))}`))
        .send({
          answers: { ...OWNER_ANSWERS, 'resources.coordination': null },
          comment: 'We should plan the spring together earlier.',
        })
        .expect(201);
      expect(response.body).toEqual({ answeredAt: expect.any(String) });
      const body = await getCheckIn(checkInId);
      expect(body).toMatchObject({ status: 'open', responseCount: 1 });
      expect(body.areas.find((a: { area: string }) => a.area === 'communication')).toMatchObject({
        average: 2.5,
        classification: 'concern',
        answers: 2,
      });
      expect(body.respondents[0]).toMatchObject({ respondent: 'owner', answered: true });
      // Stored per area as the health score reads it.
      const stored = await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: checkInId });
      expect(stored.areaScores).toEqual({
        environment: 4.5,
        membership: 4.5,
        processAndStructure: 3,
        communication: 2.5,
        purpose: 4.5,
        resources: 2,
      });
      expect(stored.lastResponseAt).toBeInstanceOf(Date);
    });

    it('takes the partner’s answers through the HTML form, thanks them, and closes the check-in: averages and classifications by hand', async () => {
      const response = await request(t.http)
        .post(api(`/public/check-ins/${tokenOf(surveyPath(partnerMail))}`))
        .type('form')
        .send(formBody(PARTNER_ANSWERS, 'Emails about changes often reach us late.'))
        .expect(201);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.text).toContain('Thank you!');
      expect(response.text).toContain('Harbor House Youth Shelter');

      const body = await getCheckIn(checkInId);
      expect(body.status).toBe('closed');
      closedAt = body.closedAt;
      expect(new Date(closedAt).getTime()).toBeGreaterThan(new Date(body.openedAt).getTime());
      expect(body.responseCount).toBe(2);
      expect(body.respondents.map((r: { answered: boolean }) => r.answered)).toEqual([true, true]);
      expect(
        body.areas.map(({ area, average, classification }: Record<string, unknown>) => ({
          area,
          average,
          classification,
        })),
      ).toEqual(BOTH_AREAS);
      expect(body.overall).toBe(3.6);
      expect(body.statements).toHaveLength(12);
      expect(body.statements.find((s: { id: string }) => s.id === 'processAndStructure.adapting')).toMatchObject({
        average: 2.5,
        answers: 2,
      });
      expect(body.statements.find((s: { id: string }) => s.id === 'resources.coordination')).toMatchObject({
        average: 2,
        answers: 1,
      });
      // Staff read the comments; viewers see no free text.
      expect(body.comments).toEqual([
        { respondent: 'owner', comment: 'We should plan the spring together earlier.' },
        { respondent: 'partner', comment: 'Emails about changes often reach us late.' },
      ]);
      const asViewer = await getCheckIn(checkInId, viewer.auth);
      expect(asViewer.comments).toBeNull();
      expect(JSON.stringify(asViewer)).not.toContain('Emails about changes');

      // The list shows it, latest first, paginated.
      const list = await request(t.http)
        .get(api(`/organizations/${shelter.organization.id}/check-ins?limit=5`))
        .set(viewer.auth)
        .expect(200);
      expect(list.body.meta).toEqual({ total: 1, limit: 5, offset: 0 });
      expect(list.body.data[0]).toMatchObject({ id: checkInId, status: 'closed', overall: 3.6, comments: null });
    });

    it('makes each concern a follow-up task for the owner, due by the end of the library day 14 days on, with a note saying what was asked', async () => {
      const tasks = await request(t.http)
        .get(api(`/tasks?organizationId=${shelter.organization.id}`))
        .set(owner.auth)
        .expect(200);
      expect(tasks.body.data.map((task: { title: string }) => task.title).sort()).toEqual([
        'Check-in concern: communication (2.5)',
        'Check-in concern: resources (2.3)',
      ]);
      for (const task of tasks.body.data) {
        expect(task).toMatchObject({
          assigneeId: owner.user.id,
          organizationId: shelter.organization.id,
          status: 'open',
        });
        // The library's zone is UTC here: the end of the 14th day is the next UTC midnight.
        const dueOn = new Date(new Date(closedAt).getTime() + 14 * DAY_MS).toISOString().slice(0, 10);
        expect(task.dueAt).toBe(new Date(new Date(dueOn).getTime() + DAY_MS).toISOString());
      }
      const notes = await request(t.http)
        .get(api(`/organizations/${shelter.organization.id}/notes`))
        .set(owner.auth)
        .expect(200);
      expect(notes.body.data).toHaveLength(1);
      const note: string = notes.body.data[0].body;
      expect(note).toContain('communication (2.5). We asked:');
      expect(note).toContain(
        '"When I raise an idea or a concern, the other side listens and responds." (average 2.0 from 2 answers)',
      );
      expect(note).toContain('resources (2.3). We asked:');
      expect(note).toContain('"Someone keeps our work together organized and moving." (average 2.0 from 1 answer)');
      expect(note).not.toContain('membership');
    });

    it('audits the start, each answer and the close without any answer or comment in the log', async () => {
      const events = await t.dataSource.getRepository(AuditEvent).find({
        where: [{ entityType: 'check-in' }, { entityType: 'check-in-response' }],
        order: { occurredAt: 'ASC' },
      });
      expect(events.map((e) => [e.entityType, e.action])).toEqual([
        ['check-in', 'create'],
        ['check-in-response', 'update'],
        ['check-in-response', 'update'],
        ['check-in', 'update'],
      ]);
      expect(events[3].changes).toMatchObject({
        status: { before: 'open', after: 'closed' },
        closedBecause: { after: 'complete' },
      });
      const [{ leaks }] = await t.dataSource.query(
        `SELECT count(*)::int AS leaks FROM audit_events WHERE changes::text LIKE '%spring together%' OR changes::text LIKE '%communication.heard%'`,
      );
      expect(leaks).toBe(0);
    });

    it('shows in the organization’s health: the checkIn component and a "Check-in concern" driver', async () => {
      const health = (
        await request(t.http)
          .get(api(`/organizations/${shelter.organization.id}/health`))
          .set(viewer.auth)
          .expect(200)
      ).body;
      // (4.3 + 4.5 + 3.0 + 2.5 + 4.8 + 2.3) / 6 = 3.5667 on 1–5 → (3.5667 − 1) / 4 × 100 = 64.2 → 64.
      expect(health.components.checkIn).toBe(64);
      expect(health.details.checkIn.facts).toMatchObject({
        at: closedAt,
        concerns: ['communication', 'resources'],
        strengths: ['environment', 'membership', 'purpose'],
      });
      expect(health.drivers).toContain('Check-in concerns: resources (2.3), communication (2.5)');
    });

    it('refuses a second answer (409) and further answers once closed (410)', async () => {
      const again = await request(t.http)
        .post(api(`/public/check-ins/${tokenOf(surveyPath(ownerMail))}`))
        .send({ answers: { 'purpose.shared': 1 } })
        .expect(409);
      expect(again.body.code).toBe('CHECK_IN_ALREADY_ANSWERED');
      await request(t.http).get(surveyPath(ownerMail)).expect(409);
      const stored = await t.dataSource
        .getRepository(CheckInResponse)
        .findOneByOrFail({ checkInId, respondent: CheckInRespondent.Owner });
      expect(stored.answers?.['purpose.shared']).toBe(5);
      // Closing it again: 409, and no second set of tasks.
      const close = await request(t.http)
        .post(api(`/check-ins/${checkInId}/close`))
        .set(owner.auth)
        .expect(409);
      expect(close.body.code).toBe('CHECK_IN_ALREADY_CLOSED');
      expect(await t.dataSource.getRepository(Task).countBy({ organizationId: shelter.organization.id })).toBe(2);
    });
  });

  describe('the daily job', () => {
    it('starts the round for partners that are due, and running it twice (or on two workers at once) starts nothing new', async () => {
      const due = await persistPartner(t.dataSource, owner.user, { contact: { email: 'due@partner.example.org' } });
      const [first, second] = await Promise.all([runDailyJob(), runDailyJob()]);
      // Between the two runs, the one due partner was started exactly once.
      expect(((first as { started: number }).started ?? 0) + ((second as { started: number }).started ?? 0)).toBe(1);
      expect(await checkInsOf(due.organization.id)).toHaveLength(1);

      const third = await runDailyJob();
      expect(third).toMatchObject({ closed: 0, started: 0 });
      expect(await checkInsOf(due.organization.id)).toHaveLength(1);
      const [checkIn] = await checkInsOf(due.organization.id);
      expect(checkIn.openedById).toBeNull();
      const deliveries = await waitForDeliveries(checkIn.id, 2);
      expect(deliveries.every((d) => d.status === DeliveryStatus.Sent)).toBe(true);
      expect((await t.mail.waitFor('due@partner.example.org')).length).toBe(1);
    });

    it('spreads a large first round over days: at most dailyLimit check-ins a day, the partners active longest first', async () => {
      const admin = await signedInAs(t, Role.Admin);
      const patch = async (change: object) => {
        const current = (await request(t.http).get(api('/settings/check-ins')).set(admin.auth).expect(200)).body;
        return request(t.http)
          .patch(api('/settings/check-ins'))
          .set(admin.auth)
          .send({ ...change, version: current.version })
          .expect(200);
      };
      // Room for three more today, after what earlier tests' runs opened.
      const [{ opened }] = await t.dataSource.query<{ opened: number }[]>(
        `SELECT count(*)::int AS opened FROM check_ins WHERE opened_by_id IS NULL AND opened_at > now() - interval '24 hours'`,
      );
      expect((await patch({ dailyLimit: opened + 3 })).body.dailyLimit).toBe(opened + 3);
      const partners: Awaited<ReturnType<typeof persistPartner>>[] = [];
      try {
        for (let i = 0; i < 5; i += 1) partners.push(await persistPartner(t.dataSource, owner.user));
        // Active since 400, 390, … 360 days ago: longer than any partner of the earlier tests, the first three longest.
        for (const [i, partner] of partners.entries())
          await t.dataSource.query(
            `UPDATE organization_stage_changes SET changed_at = now() - make_interval(days => $2) WHERE organization_id = $1`,
            [partner.organization.id, 400 - i * 10],
          );
        const asked = async () =>
          (await Promise.all(partners.map(async (p) => (await checkInsOf(p.organization.id)).length))).join('');

        const first = (await runDailyJob()) as { started: number; deferred: number };
        expect(first.started).toBe(3);
        expect(first.deferred).toBeGreaterThanOrEqual(2);
        expect(await asked()).toBe('11100');
        // Later the same day: the day's three are used up.
        expect(await runDailyJob()).toMatchObject({ started: 0, deferred: first.deferred });
        expect(await asked()).toBe('11100');
        // A day on, the other two (and, room left, the earlier tests' partners still due).
        await t.dataSource.query(`UPDATE check_ins SET opened_at = opened_at - interval '25 hours'`);
        const next = (await runDailyJob()) as { started: number; deferred: number };
        expect(next.started).toBeGreaterThanOrEqual(2);
        expect(next.deferred).toBe(0);
        expect(await asked()).toBe('11111');
      } finally {
        await patch({ dailyLimit: 25 });
        // Their check-ins go with them: later tests count the open ones.
        await t.dataSource.query(`DELETE FROM organizations WHERE id = ANY($1)`, [
          partners.map((partner) => partner.organization.id),
        ]);
      }
    });

    it('does not start rounds by itself when the settings say so, but still closes at the deadline', async () => {
      const admin = await signedInAs(t, Role.Admin);
      const settings = (await request(t.http).get(api('/settings/check-ins')).set(admin.auth).expect(200)).body;
      await request(t.http)
        .patch(api('/settings/check-ins'))
        .set(admin.auth)
        .send({ automatic: false, version: settings.version })
        .expect(200);
      try {
        const waiting = await persistPartner(t.dataSource, owner.user);
        expect(await runDailyJob()).toMatchObject({ started: 0 });
        expect(await checkInsOf(waiting.organization.id)).toHaveLength(0);
      } finally {
        const current = (await request(t.http).get(api('/settings/check-ins')).set(admin.auth).expect(200)).body;
        await request(t.http)
          .patch(api('/settings/check-ins'))
          .set(admin.auth)
          .send({ automatic: true, version: current.version })
          .expect(200);
      }
    });

    it('closes a check-in at its deadline (a shifted clock): the partner who never answered gets a closed page, the owner’s concern a task', async () => {
      const partner = await persistPartner(t.dataSource, owner.user, {
        contact: { email: 'late@partner.example.org' },
      });
      const started = await request(t.http)
        .post(api(`/organizations/${partner.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(201);
      const checkInId: string = started.body.id;
      expect(new Date(started.body.closesAt).getTime() - new Date(started.body.openedAt).getTime()).toBe(21 * DAY_MS);
      await waitForDeliveries(checkInId, 2);
      const tokens = await checkInTokens(t.dataSource, checkInId);
      // The owner is worried about purpose, happy with everything else.
      const answers = { 'purpose.shared': 1, 'purpose.progress': 2, 'communication.heard': 5, 'resources.capacity': 4 };
      await request(t.http)
        .post(api(`/public/check-ins/${tokens.owner}`))
        .send({ answers })
        .expect(201);

      // Twenty days on: still open, nothing to close.
      clock.offsetMs = 20 * DAY_MS;
      expect(await checkIns.closeExpired()).toBe(0);
      // Twenty-two days on: the daily job closes it, exactly once.
      clock.offsetMs = 22 * DAY_MS;
      try {
        // Every check-in past its deadline by now (this one, and the one the daily job opened above) closes once between two runs at once.
        const [{ expired }] = await t.dataSource.query(
          `SELECT count(*)::int AS expired FROM check_ins WHERE status = 'open' AND closes_at <= $1`,
          [clock.now()],
        );
        expect(expired).toBe(2);
        const [a, b] = await Promise.all([runDailyJob(), runDailyJob()]);
        expect((a as { closed: number }).closed + (b as { closed: number }).closed).toBe(2);
        const closes = await t.dataSource
          .getRepository(AuditEvent)
          .countBy({ entityType: 'check-in', entityId: checkInId, action: 'update' });
        expect(closes).toBe(1);
        const closed = await getCheckIn(checkInId);
        expect(closed).toMatchObject({ status: 'closed', responseCount: 1 });
        expect(Math.abs(new Date(closed.closedAt).getTime() - clock.now().getTime())).toBeLessThan(60_000);
        expect(closed.areas.find((x: { area: string }) => x.area === 'purpose')).toMatchObject({
          average: 1.5,
          classification: 'concern',
        });
        expect(closed.respondents).toEqual([
          expect.objectContaining({ respondent: 'owner', answered: true }),
          expect.objectContaining({ respondent: 'partner', answered: false }),
        ]);
        const tasks = await t.dataSource.getRepository(Task).findBy({ organizationId: partner.organization.id });
        expect(tasks.map((task) => [task.title, task.assigneeId])).toEqual([
          ['Check-in concern: purpose (1.5)', owner.user.id],
        ]);

        const page = await request(t.http).get(`/check-in/${tokens.partner}`).expect(410);
        expect(page.text).toContain('This check-in has closed');
        const late = await request(t.http)
          .post(api(`/public/check-ins/${tokens.partner}`))
          .send({ answers: { 'purpose.shared': 5 } })
          .expect(410);
        expect(late.body.code).toBe('CHECK_IN_CLOSED');
        const formLate = await request(t.http)
          .post(api(`/public/check-ins/${tokens.partner}`))
          .type('form')
          .send('purpose.shared=5')
          .expect(410);
        expect(formLate.text).toContain('This check-in has closed');
        const audit = await t.dataSource
          .getRepository(AuditEvent)
          .findOneByOrFail({ entityType: 'check-in', entityId: checkInId, action: 'update' });
        expect(audit.changes).toMatchObject({ closedBecause: { after: 'deadline' } });
        expect(audit.actorId).toBeNull();
      } finally {
        clock.offsetMs = 0;
      }
    });
  });

  describe('who is asked', () => {
    it('leaves out a primary contact who unsubscribed: only the owner is asked, and a partner with no one else is skipped', async () => {
      const unsubscribed = await persistPartner(t.dataSource, owner.user, {
        contact: { email: 'gone@partner.example.org', unsubscribedAt: new Date() },
      });
      const started = await request(t.http)
        .post(api(`/organizations/${unsubscribed.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(201);
      expect(started.body.respondents).toEqual([
        {
          respondent: 'owner',
          answered: false,
          answeredAt: null,
          email: expect.objectContaining({ status: expect.stringMatching(/^(scheduled|sent)$/) }),
        },
      ]);
      await waitForDeliveries(started.body.id, 1);
      expect(t.mail.to('gone@partner.example.org')).toEqual([]);

      const onlyContact = await persistPartner(t.dataSource, null, {
        contact: { email: 'gone2@partner.example.org', unsubscribedAt: new Date() },
      });
      const refused = await request(t.http)
        .post(api(`/organizations/${onlyContact.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(422);
      expect(refused.body.code).toBe('CHECK_IN_NO_RESPONDENT');
      expect(refused.body.detail).toMatch(/give the organization an owner/);
      const round = await request(t.http)
        .post(api('/check-ins/rounds'))
        .set(manager.auth)
        .send({ organizationIds: [onlyContact.organization.id] })
        .expect(200);
      expect(round.body).toEqual({
        started: [],
        skipped: [
          {
            organizationId: onlyContact.organization.id,
            name: onlyContact.organization.name,
            reason: 'no-respondent',
            notAsked: [
              { respondent: 'owner', reason: 'no-owner' },
              { respondent: 'partner', reason: 'unsubscribed' },
            ],
            firstCheckInFrom: null,
          },
        ],
        notDue: { open: 0, recent: 0 },
      });
      // With an owner, the round starts it and says the partner's side was not asked, and why.
      const withOwner = await request(t.http)
        .post(api('/check-ins/rounds'))
        .set(manager.auth)
        .send({ organizationIds: [unsubscribed.organization.id] })
        .expect(200);
      expect(withOwner.body.skipped).toEqual([expect.objectContaining({ reason: 'open' })]);
    });

    it('asks a partner who has no owner through the primary contact alone', async () => {
      const ownerless = await persistPartner(t.dataSource, null, { contact: { email: 'solo@partner.example.org' } });
      const started = await request(t.http)
        .post(api(`/organizations/${ownerless.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(201);
      expect(started.body.respondents.map((r: { respondent: string }) => r.respondent)).toEqual(['partner']);
      const [mail] = await t.mail.waitFor('solo@partner.example.org');
      expect(mail.text).toContain('The team at the library would like to hear');
    });

    it('a round for chosen organizations starts them whatever their last check-in, and says why it skipped the others', async () => {
      const recent = await persistPartner(t.dataSource, owner.user);
      await request(t.http)
        .post(api(`/organizations/${recent.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(201);
      const [open] = await checkInsOf(recent.organization.id);
      await request(t.http)
        .post(api(`/check-ins/${open.id}/close`))
        .set(owner.auth)
        .expect(200);
      const ended = await persistPartner(t.dataSource, owner.user, { stage: OrganizationStage.Ended });
      const busy = await persistPartner(t.dataSource, owner.user);
      await request(t.http)
        .post(api(`/organizations/${busy.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(201);
      const unknown = '3f1d2c4b-5a69-4e7d-8c9b-0a1b2c3d4e5f';

      const round = await request(t.http)
        .post(api('/check-ins/rounds'))
        .set(manager.auth)
        .send({
          organizationIds: [
            recent.organization.id,
            ended.organization.id,
            busy.organization.id,
            unknown,
            recent.organization.id,
          ],
        })
        .expect(200);
      expect(round.body.started).toEqual([
        {
          organizationId: recent.organization.id,
          name: recent.organization.name,
          checkInId: expect.any(String),
          respondents: ['owner', 'partner'],
          emailsQueued: 2,
          notAsked: [],
        },
      ]);
      const skipped = (organizationId: string, name: string | null, reason: string) => ({
        organizationId,
        name,
        reason,
        notAsked: [],
        firstCheckInFrom: null,
      });
      expect(round.body.skipped).toEqual([
        skipped(ended.organization.id, ended.organization.name, 'ended'),
        skipped(busy.organization.id, busy.organization.name, 'open'),
        skipped(unknown, null, 'not-found'),
      ]);
      expect(round.body.notDue).toEqual({ open: 0, recent: 0 });
      expect(await checkInsOf(recent.organization.id)).toHaveLength(2);
      // The automatic round leaves both out: one is open, the other was opened within the interval.
      const automatic = await checkIns.startRound(undefined, null);
      expect(automatic.started.map((s) => s.organizationId)).not.toContain(recent.organization.id);
      expect(automatic.started.map((s) => s.organizationId)).not.toContain(busy.organization.id);
    });
  });

  describe('emails that should no longer go', () => {
    it('skips a check-in email once its respondent answered, its check-in closed, or its contact unsubscribed', async () => {
      const a = await persistPartner(t.dataSource, owner.user, { contact: { email: 'a@partner.example.org' } });
      const b = await persistPartner(t.dataSource, null, { contact: { email: 'b@partner.example.org' } });
      const c = await persistPartner(t.dataSource, null, { contact: { email: 'c@partner.example.org' } });
      const ids: string[] = [];
      for (const partner of [a, b, c]) {
        ids.push(
          (
            await request(t.http)
              .post(api(`/organizations/${partner.organization.id}/check-ins`))
              .set(owner.auth)
              .expect(201)
          ).body.id,
        );
      }
      await waitForDeliveries(ids[0], 2);
      await waitForDeliveries(ids[1], 1);
      await waitForDeliveries(ids[2], 1);
      // Make the situations, then put the sent emails back in the queue as if they had not gone yet.
      const tokensA = await checkInTokens(t.dataSource, ids[0]);
      await request(t.http)
        .post(api(`/public/check-ins/${tokensA.partner}`))
        .send({ answers: { 'purpose.shared': 4 } })
        .expect(201);
      await t.dataSource.query(`UPDATE check_ins SET status = 'closed', closed_at = now() WHERE id = $1`, [ids[1]]);
      await t.dataSource.query(`UPDATE contacts SET unsubscribed_at = now() WHERE id = $1`, [c.contact!.id]);
      const before = t.mail.messages.length;
      await t.dataSource.query(
        `UPDATE deliveries SET status = 'scheduled', sent_at = NULL, attempts = 0, next_attempt_at = now() - interval '1 second'
         WHERE check_in_response_id IN (SELECT id FROM check_in_responses WHERE check_in_id = ANY($1::uuid[]) AND respondent = 'partner')`,
        [ids],
      );
      await t.app.get(DeliverySender).deliverDue();
      const rows = await t.dataSource.query<{ check_in_id: string; status: string; skip_reason: string }[]>(
        `SELECT r.check_in_id, d.status, d.skip_reason FROM deliveries d JOIN check_in_responses r ON r.id = d.check_in_response_id
         WHERE r.check_in_id = ANY($1::uuid[]) AND r.respondent = 'partner'`,
        [ids],
      );
      const reasonOf = (id: string) => rows.find((row) => row.check_in_id === id)?.skip_reason;
      expect(rows.every((row) => row.status === 'skipped')).toBe(true);
      expect([reasonOf(ids[0]), reasonOf(ids[1]), reasonOf(ids[2])]).toEqual([
        SkipReason.CheckInAnswered,
        SkipReason.CheckInClosed,
        SkipReason.Unsubscribed,
      ]);
      expect(t.mail.messages.length).toBe(before);
      expect(
        await t.dataSource
          .getRepository(Delivery)
          .countBy({ kind: DeliveryKind.CheckIn, status: DeliveryStatus.Failed }),
      ).toBe(0);
    });

    it('closing early skips the emails not yet sent', async () => {
      const partner = await persistPartner(t.dataSource, owner.user);
      const started = await request(t.http)
        .post(api(`/organizations/${partner.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(201);
      await waitForDeliveries(started.body.id, 2);
      await t.dataSource.query(
        `UPDATE deliveries SET status = 'scheduled', sent_at = NULL, next_attempt_at = now() + interval '1 hour'
         WHERE check_in_response_id IN (SELECT id FROM check_in_responses WHERE check_in_id = $1)`,
        [started.body.id],
      );
      const closed = await request(t.http)
        .post(api(`/check-ins/${started.body.id}/close`))
        .set(owner.auth)
        .expect(200);
      expect(closed.body).toMatchObject({ status: 'closed', responseCount: 0 });
      const rows = await t.dataSource.query<{ status: string; skip_reason: string }[]>(
        `SELECT d.status, d.skip_reason FROM deliveries d JOIN check_in_responses r ON r.id = d.check_in_response_id WHERE r.check_in_id = $1`,
        [started.body.id],
      );
      expect(rows).toEqual([
        { status: 'skipped', skip_reason: 'check-in-closed' },
        { status: 'skipped', skip_reason: 'check-in-closed' },
      ]);
      // Nothing answered, no concerns: no tasks, no note.
      expect(await t.dataSource.getRepository(Task).countBy({ organizationId: partner.organization.id })).toBe(0);
      expect((await t.dataSource.getRepository(CheckIn).findOneByOrFail({ id: started.body.id })).status).toBe(
        CheckInStatus.Closed,
      );
    });
  });

  describe('how each survey email fared', () => {
    it('shows an email the mail server refused as failed, with why, next to one that went out', async () => {
      const partner = await persistPartner(t.dataSource, null, { contact: { email: 'refused@partner.example.org' } });
      t.mail.rejectNextMessages(1);
      const started = await request(t.http)
        .post(api(`/organizations/${partner.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(201);
      await waitForDeliveries(started.body.id, 1);
      const failed = await getCheckIn(started.body.id);
      expect(failed.respondents).toEqual([
        {
          respondent: 'partner',
          answered: false,
          answeredAt: null,
          email: { status: 'failed', sentAt: null, error: expect.stringMatching(/550.*permanent/) },
        },
      ]);
      expect(failed.respondents[0].email.error).not.toContain('@');
      // The organization's list says the same.
      const list = await request(t.http)
        .get(api(`/organizations/${partner.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(200);
      expect(list.body.data[0].respondents[0].email).toEqual(failed.respondents[0].email);
    });

    it('says why an email was skipped', async () => {
      const partner = await persistPartner(t.dataSource, owner.user);
      const started = await request(t.http)
        .post(api(`/organizations/${partner.organization.id}/check-ins`))
        .set(owner.auth)
        .expect(201);
      await waitForDeliveries(started.body.id, 2);
      await t.dataSource.query(
        `UPDATE deliveries SET status = 'skipped', skip_reason = 'unsubscribed', sent_at = NULL
         WHERE check_in_response_id IN (SELECT id FROM check_in_responses WHERE check_in_id = $1 AND respondent = 'partner')`,
        [started.body.id],
      );
      const body = await getCheckIn(started.body.id);
      expect(body.respondents.map((r: { email: unknown }) => r.email)).toEqual([
        { status: 'sent', sentAt: expect.any(String), error: null },
        { status: 'skipped', sentAt: null, error: 'The contact unsubscribed from reminder emails.' },
      ]);
    });
  });
});
