import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { CheckIn } from '../../src/check-in/check-in.entity';
import { ShiftedClock } from '../../src/common/clock/clock';
import { MaintenanceProcessor } from '../../src/maintenance/maintenance.processor';
import { OrganizationStage } from '../../src/organization/organization-stage';
import { DeliveryStatus } from '../../src/outbox/delivery-state';
import { JobName } from '../../src/queue/queue.constants';
import { persistPartner } from '../factories/check-in.factory';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { eventually } from '../setup/eventually';
import { startupJobsDone } from '../setup/startup-jobs';
import { createTestApp, TestApp } from '../setup/test-app';

const DAY_MS = 86_400_000;

/**
 * A partner's first check-in waits until it has been active `firstAfterDays` (default 90), on a
 * shifted clock through the real daily job, worker and SMTP sink; and a round says, partner by
 * partner, who was sent the survey and who was not, and why.
 */
describe('Check-ins wait for a new partner, and a round says who was not asked (e2e)', () => {
  let t: TestApp;
  const clock = new ShiftedClock(0);
  let admin: SignedIn;
  let manager: SignedIn;
  let owner: SignedIn;

  const api = (path: string) => `/api/v1${path}`;
  const runDailyJob = () =>
    t.app.get(MaintenanceProcessor).process({ name: JobName.CheckInsDaily } as never) as Promise<{
      closed: number;
      started: number;
      skipped: number;
    }>;
  const checkInsOf = (organizationId: string) => t.dataSource.getRepository(CheckIn).findBy({ organizationId });
  /** Every email queued so far has gone out, failed or been skipped. */
  const emailsSettled = () =>
    eventually('the queued emails to settle', async () => {
      const [{ waiting }] = await t.dataSource.query<{ waiting: number }[]>(
        `SELECT count(*)::int AS waiting FROM deliveries WHERE status IN ('scheduled', 'sending')`,
      );
      if (waiting > 0) throw new Error(`${waiting} emails still to go`);
    });
  const round = async (body: object = {}) =>
    (await request(t.http).post(api('/check-ins/rounds')).set(manager.auth).send(body).expect(200)).body;

  /** A partner as a manager adds one today through the API: a prospect, made active, with a primary contact. */
  async function addPartner(name: string, email: string): Promise<string> {
    const org = await request(t.http)
      .post(api('/organizations'))
      .set(owner.auth)
      .send({ name, stage: OrganizationStage.Prospect, ownerId: owner.user.id })
      .expect(201);
    await request(t.http)
      .post(api('/contacts'))
      .set(owner.auth)
      .send({ organizationId: org.body.id, name: 'Primary Person', email, isPrimary: true })
      .expect(201);
    await request(t.http)
      .patch(api(`/organizations/${org.body.id}`))
      .set(owner.auth)
      .send({
        stage: OrganizationStage.Active,
        stageReason: 'We start working together today.',
        version: org.body.version,
      })
      .expect(200);
    return org.body.id;
  }

  beforeAll(async () => {
    t = await createTestApp({ worker: true, clock });
    await startupJobsDone(t);
    admin = await signedInAs(t, Role.Admin);
    manager = await signedInAs(t, Role.Manager);
    owner = await signedInAs(t, Role.Staff, { name: 'Rosa Owner', email: 'rosa.owner@library.test' });
  });
  afterAll(async () => t?.close());
  afterEach(() => {
    clock.offsetMs = 0;
  });

  it('asks a partner added and made active today nothing from the daily job; after 89 days still nothing; after 90 days it is asked', async () => {
    const organizationId = await addPartner('Brand New Partners', 'new@partner.example.org');
    const [{ at: activeSince }] = await t.dataSource.query<{ at: Date }[]>(
      `SELECT max(changed_at) AS at FROM organization_stage_changes WHERE organization_id = $1 AND to_stage = 'active'`,
      [organizationId],
    );

    const today = await runDailyJob();
    expect(today).toMatchObject({ started: 0, skipped: 1 });
    expect(await checkInsOf(organizationId)).toEqual([]);
    // A manager's round without a list says why, and from when it will ask.
    const manual = await round();
    expect(manual).toEqual({
      started: [],
      skipped: [
        {
          organizationId,
          name: 'Brand New Partners',
          reason: 'too-new',
          notAsked: [],
          firstCheckInFrom: new Date(activeSince.getTime() + 90 * DAY_MS).toISOString(),
        },
      ],
      notDue: { open: 0, recent: 0 },
    });

    clock.offsetMs = 89 * DAY_MS;
    expect(await runDailyJob()).toMatchObject({ started: 0, skipped: 1 });
    expect(await checkInsOf(organizationId)).toEqual([]);

    clock.offsetMs = 90 * DAY_MS;
    expect(await runDailyJob()).toMatchObject({ started: 1, skipped: 0 });
    const [checkIn] = await checkInsOf(organizationId);
    expect(checkIn).toMatchObject({ openedById: null, status: 'open' });
    const [mail] = await t.mail.waitFor('new@partner.example.org');
    expect(mail.subject).toBeTruthy();
    expect((await t.mail.waitFor(owner.user.email)).length).toBe(1);
    // The next day nothing more: it has one open.
    clock.offsetMs = 91 * DAY_MS;
    expect(await runDailyJob()).toMatchObject({ started: 0 });
    expect(await checkInsOf(organizationId)).toHaveLength(1);
    await request(t.http)
      .post(api(`/check-ins/${checkIn.id}/close`))
      .set(owner.auth)
      .expect(200);
  });

  it('a partner paused and active again waits again, counted from when it became active again', async () => {
    const old = await persistPartner(t.dataSource, owner.user, { sinceDaysAgo: 400 });
    let version = old.organization.version;
    for (const stage of [OrganizationStage.Paused, OrganizationStage.Active]) {
      const changed = await request(t.http)
        .patch(api(`/organizations/${old.organization.id}`))
        .set(owner.auth)
        .send({ stage, version })
        .expect(200);
      version = changed.body.version;
    }
    const result = await round();
    expect(result.skipped).toEqual([
      expect.objectContaining({ organizationId: old.organization.id, reason: 'too-new' }),
    ]);
    expect(await checkInsOf(old.organization.id)).toEqual([]);
    // Named on purpose, a manager may still ask it.
    const named = await round({ organizationIds: [old.organization.id] });
    expect(named.started).toEqual([expect.objectContaining({ organizationId: old.organization.id, emailsQueued: 2 })]);
    await request(t.http)
      .post(api(`/check-ins/${named.started[0].checkInId}/close`))
      .set(owner.auth)
      .expect(200);
  });

  it('with firstAfterDays 0 (an admin’s choice) a partner is asked on the day it becomes active', async () => {
    const read = (await request(t.http).get(api('/settings/check-ins')).set(admin.auth).expect(200)).body;
    const changed = await request(t.http)
      .patch(api('/settings/check-ins'))
      .set(admin.auth)
      .send({ firstAfterDays: 0, version: read.version })
      .expect(200);
    expect(changed.body.firstAfterDays).toBe(0);
    try {
      const organizationId = await addPartner('Asked At Once', 'at-once@partner.example.org');
      const result = await round();
      expect(result.started.map((entry: { organizationId: string }) => entry.organizationId)).toContain(organizationId);
    } finally {
      const current = (await request(t.http).get(api('/settings/check-ins')).set(admin.auth).expect(200)).body;
      await request(t.http)
        .patch(api('/settings/check-ins'))
        .set(admin.auth)
        .send({ firstAfterDays: 90, version: current.version })
        .expect(200);
    }
  });

  it('reports partner by partner who was sent the survey and who was not, and why: too new, no contact, no email, unsubscribed', async () => {
    // Everything already open from the tests above is left as it is: counted as not due.
    const due = await persistPartner(t.dataSource, owner.user, {
      name: 'A Due Partner',
      contact: { email: 'due@partner.example.org' },
    });
    const noEmail = await persistPartner(t.dataSource, owner.user, { name: 'B Owner Only', contact: { email: null } });
    const tooNew = await persistPartner(t.dataSource, owner.user, { name: 'C Too New', sinceDaysAgo: 10 });
    const noContact = await persistPartner(t.dataSource, null, { name: 'D Nobody', contact: null });
    const unsubscribed = await persistPartner(t.dataSource, null, {
      name: 'E Unsubscribed',
      contact: { email: 'gone@partner.example.org', unsubscribedAt: new Date() },
    });
    const contactNoEmail = await persistPartner(t.dataSource, null, { name: 'F No Email', contact: { email: null } });
    await persistPartner(t.dataSource, owner.user, { name: 'G Prospect', stage: OrganizationStage.Prospect });

    const result = await round();
    expect(result.started).toEqual([
      {
        organizationId: due.organization.id,
        name: 'A Due Partner',
        checkInId: expect.any(String),
        respondents: ['owner', 'partner'],
        emailsQueued: 2,
        notAsked: [],
      },
      {
        organizationId: noEmail.organization.id,
        name: 'B Owner Only',
        checkInId: expect.any(String),
        respondents: ['owner'],
        emailsQueued: 1,
        notAsked: [{ respondent: 'partner', reason: 'no-email' }],
      },
    ]);
    const skipped = new Map<string, { firstCheckInFrom: string }>(
      result.skipped.map((entry: { organizationId: string; firstCheckInFrom: string }) => [
        entry.organizationId,
        entry,
      ]),
    );
    expect(skipped.get(tooNew.organization.id)).toEqual({
      organizationId: tooNew.organization.id,
      name: 'C Too New',
      reason: 'too-new',
      notAsked: [],
      firstCheckInFrom: expect.any(String),
    });
    const inDays = (new Date(skipped.get(tooNew.organization.id)!.firstCheckInFrom).getTime() - Date.now()) / DAY_MS;
    expect(inDays).toBeGreaterThan(79.9);
    expect(inDays).toBeLessThan(80.1);
    expect(skipped.get(noContact.organization.id)).toMatchObject({
      reason: 'no-respondent',
      notAsked: [
        { respondent: 'owner', reason: 'no-owner' },
        { respondent: 'partner', reason: 'no-contact' },
      ],
    });
    expect(skipped.get(unsubscribed.organization.id)).toMatchObject({
      reason: 'no-respondent',
      notAsked: [
        { respondent: 'owner', reason: 'no-owner' },
        { respondent: 'partner', reason: 'unsubscribed' },
      ],
    });
    expect(skipped.get(contactNoEmail.organization.id)).toMatchObject({
      reason: 'no-respondent',
      notAsked: [
        { respondent: 'owner', reason: 'no-owner' },
        { respondent: 'partner', reason: 'no-email' },
      ],
    });
    // The earlier tests' partners: "Asked At Once" has a check-in open, the others were asked this season.
    expect(result.notDue).toEqual({ open: 1, recent: 2 });
    expect(result.skipped).toHaveLength(4);
    // The emails queued are the ones that go.
    await emailsSettled();
    expect(t.mail.to('due@partner.example.org')).toHaveLength(1);
    expect(t.mail.to('gone@partner.example.org')).toEqual([]);
  });

  it('shows an email that failed after the round as failed on the check-in, with why', async () => {
    const partner = await persistPartner(t.dataSource, null, {
      name: 'H Refused',
      contact: { email: 'refused@partner.example.org' },
    });
    await emailsSettled();
    t.mail.rejectNextMessages(1);
    const result = await round({ organizationIds: [partner.organization.id] });
    expect(result.started).toEqual([expect.objectContaining({ respondents: ['partner'], emailsQueued: 1 })]);
    const checkInId: string = result.started[0].checkInId;
    const view = await eventually('the survey email to fail', async () => {
      const body = (
        await request(t.http)
          .get(api(`/check-ins/${checkInId}`))
          .set(manager.auth)
          .expect(200)
      ).body;
      if (body.respondents[0].email?.status !== DeliveryStatus.Failed)
        throw new Error(JSON.stringify(body.respondents));
      return body;
    });
    expect(view.respondents).toEqual([
      {
        respondent: 'partner',
        answered: false,
        answeredAt: null,
        email: { status: 'failed', sentAt: null, error: expect.stringMatching(/550/) },
      },
    ]);
  });
});
