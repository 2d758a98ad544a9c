import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import { DateTime } from 'luxon';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { ShiftedClock } from '../../src/common/clock/clock';
import { DIGEST_RULES, DigestContent, weekOf } from '../../src/digest/digest.rules';
import { MatchingService } from '../../src/matching/matching.service';
import { DigestService } from '../../src/digest/digest.service';
import { digestMail, formatWeekOf } from '../../src/digest/digest-email';
import { JOB_OPTIONS, JobName, QueueName } from '../../src/queue/queue.constants';
import { OutboxService } from '../../src/outbox/outbox.service';
import { redisOptionsFromUrl } from '../../src/redis/redis.connection';
import { DeliverySender } from '../../src/outbox/delivery-sender.service';
import { User } from '../../src/user/user.entity';
import { createProgram } from '../factories/program.factory';
import { persistUser, SignedIn, signedInAs } from '../factories/user.factory';
import { eventually } from '../setup/eventually';
import { startupJobsDone } from '../setup/startup-jobs';
import { createTestApp, TestApp } from '../setup/test-app';
import { TEST_REDIS_URL } from '../setup/test-env';

const DAY_MS = 86_400_000;
/** The digest's zone in these tests: its week is Chicago's, not UTC's. */
const ZONE = 'America/Chicago';

interface DigestBody {
  weekOf: string;
  byBand: Record<string, number>;
  bandChanges: { organizationId: string; name: string; from: string; to: string; score: number }[];
  newAtRisk: { organizationId: string; name: string; band: string; score: number; drivers: string[] }[];
  uncoveredAudiences: { audienceId: string; name: string; priority: number }[];
  topIntroductions: {
    providerId: string;
    providerName: string;
    seekerId: string;
    seekerName: string;
    explanation: string;
    strength: number;
  }[];
  stored: boolean;
  composedAt: string;
}

interface DashboardBody {
  data: { organizationId: string; name: string; score: number; band: string; drivers: string[] }[];
  summary: { byBand: Record<string, number> };
}

/**
 * The weekly digest through the real app, queue and SMTP sink, a week apart on a shifted clock:
 * - Alder, thriving both weeks: a weekly program with steady attendance, glowing feedback, a recent visit.
 * - Birch, fading (attendance halved, four sessions called off, a weak fit) but read steady in last
 *   week's snapshot (set so: the test is about the digest's comparison, not the score's
 *   calibration), then at-risk: this week's session called off, poor feedback, four follow-ups overdue.
 * - Elm, a prospect with nothing recorded: unscored both weeks (not snapshotted, counted in byBand,
 *   never a change nor at risk).
 * - Fir, new this week (no snapshot) and silent for five months: dormant.
 * - Dogwood, snapshotted thriving last week, since ended: left out.
 * - Audiences: Teens (covered by Alder), Adults learning English (priority 1) and Families
 *   (priority 3) with no active partner.
 * - Capabilities: Alder offers coaching that Birch, Fir and Elm look for; Birch offers a room Alder looks for.
 */
describe(`${DigestService.name} (e2e)`, () => {
  let t: TestApp;
  const clock = new ShiftedClock(0);
  let admin: SignedIn;
  let manager: SignedIn;
  let staff: SignedIn;
  let viewer: SignedIn;
  let inactiveManager: User;
  let alder: string;
  let birch: string;
  let fir: string;
  let dogwood: string;
  let elm: string;
  let birchProgram: string;
  let previewBeforeSending: DigestBody;
  let coaching: string;
  const audiences: Record<string, string> = {};

  const post = async (path: string, body: object, auth = staff.auth) => {
    const response = await request(t.http).post(`/api/v1${path}`).set(auth).send(body);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const daysAgo = (days: number) => new Date(clock.now().getTime() - days * DAY_MS);
  const sessionsOf = (programId: string, when: 'past' | 'future'): Promise<{ id: string; version: number }[]> =>
    t.dataSource.query(
      `SELECT id, version FROM program_sessions WHERE program_id = $1 AND ${when === 'past' ? 'starts_at <= $2' : 'starts_at > $2'} ORDER BY starts_at`,
      [programId, clock.now()],
    );
  const patchSession = (id: string, body: object) =>
    request(t.http).patch(`/api/v1/sessions/${id}`).set(staff.auth).send(body).expect(200);

  const runJob = async (name: JobName) => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const { host, port } = redisOptionsFromUrl(TEST_REDIS_URL);
    const events = new QueueEvents(QueueName.Maintenance, {
      connection: { host, port },
      prefix: `${t.redisPrefix}:bull`,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add(name, {}, JOB_OPTIONS[name]);
      return await job.waitUntilFinished(events, 15_000);
    } finally {
      await events.close();
    }
  };
  const digestDeliveries = (): Promise<
    {
      id: string;
      recipient_user_id: string;
      status: string;
      skip_reason: string | null;
      occurrence_key: string;
      digest_id: string;
    }[]
  > =>
    t.dataSource.query(
      `SELECT id, recipient_user_id, status, skip_reason, occurrence_key, digest_id FROM deliveries WHERE kind = 'digest' ORDER BY created_at, id`,
    );
  const settledDeliveries = async (count: number) => {
    return eventually(`${count} digest deliveries settled (neither scheduled nor sending)`, async () => {
      const rows = await digestDeliveries();
      if (rows.length >= count && rows.every((row) => row.status !== 'scheduled' && row.status !== 'sending'))
        return rows;
      throw new Error(`digest deliveries: ${JSON.stringify(rows)}`);
    });
  };
  const preview = async (auth = manager.auth): Promise<DigestBody> =>
    (await request(t.http).get('/api/v1/dashboard/health/digest').set(auth).expect(200)).body;
  const withoutMeta = ({ stored: _stored, composedAt: _composedAt, ...content }: DigestBody) => content;
  const dashboard = async (): Promise<DashboardBody> =>
    (await request(t.http).get('/api/v1/dashboard/health').set(manager.auth).expect(200)).body;
  const bandsOf = (body: DashboardBody) => Object.fromEntries(body.data.map((row) => [row.organizationId, row.band]));

  beforeAll(async () => {
    t = await createTestApp({ worker: true, clock, env: { DIGEST_TIMEZONE: ZONE } });
    // The `every` schedulers run once at start-up (the snapshot of an empty portfolio); let them finish first.
    await startupJobsDone(t);

    admin = await signedInAs(t, Role.Admin, { name: 'Ada Admin' });
    manager = await signedInAs(t, Role.Manager, { name: 'Morgan Manager' });
    staff = await signedInAs(t, Role.Staff);
    viewer = await signedInAs(t, Role.Viewer);
    inactiveManager = await persistUser(t.dataSource, { role: Role.Manager, active: false, name: 'Former Manager' });

    for (const [name, priority] of [
      ['Teens', 1],
      ['Adults learning English', 1],
      ['Families', 3],
    ] as const) {
      audiences[name] = (await post('/audiences', { name, priority }, manager.auth)).id;
    }
    coaching = (await post('/capabilities', { name: 'College application coaching' }, manager.auth)).id;
    const room = (await post('/capabilities', { name: 'Meeting room' }, manager.auth)).id;
    const organization = async (name: string, body: object) =>
      (
        await post('/organizations', {
          name,
          fit: { audienceReach: 4, missionOverlap: 4, complementaryResources: 4 },
          ...body,
        })
      ).id as string;

    alder = await organization('Alder College Access', {
      stage: 'active',
      audienceIds: [audiences.Teens],
      capabilityIds: [coaching],
      seeksCapabilityIds: [room],
    });
    const alderProgram = (
      await createProgram(t, staff.auth, {
        startDate: daysAgo(84).toISOString().slice(0, 10),
        partners: [{ organizationId: alder, role: 'host' }],
      })
    ).id;
    for (const session of await sessionsOf(alderProgram, 'past'))
      await patchSession(session.id, { attendance: 12, version: session.version });
    for (const rating of [5, 5, 4])
      await post('/feedback', { source: 'partner', organizationId: alder, programId: alderProgram, rating });
    await post('/visits', { organizationId: alder, purpose: 'relationship', visitedAt: daysAgo(2).toISOString() });

    birch = await organization('Birch Youth Shelter', {
      stage: 'active',
      capabilityIds: [room],
      seeksCapabilityIds: [coaching],
      fit: { audienceReach: 1, missionOverlap: 1, complementaryResources: 1 },
    });
    birchProgram = (
      await createProgram(t, staff.auth, {
        startDate: daysAgo(161).toISOString().slice(0, 10),
        partners: [{ organizationId: birch, role: 'host' }],
      })
    ).id;
    const birchSessions = await sessionsOf(birchProgram, 'past');
    // Attendance halved over the last 8 sessions; four of the five before them (within 90 days) called off.
    for (const [index, session] of birchSessions.entries()) {
      const back = birchSessions.length - index;
      await patchSession(
        session.id,
        back >= 9 && back <= 12
          ? { cancelled: true, version: session.version }
          : { attendance: back <= 8 ? 10 : 20, version: session.version },
      );
    }
    for (const rating of [3, 3])
      await post('/feedback', { source: 'partner', organizationId: birch, programId: birchProgram, rating });
    await post('/visits', { organizationId: birch, purpose: 'relationship', visitedAt: daysAgo(3).toISOString() });

    elm = await organization('Elm Neighbourhood House', { stage: 'prospect', seeksCapabilityIds: [coaching] });
    dogwood = await organization('Dogwood Literacy Circle', {
      stage: 'active',
      audienceIds: [audiences['Adults learning English']],
    });
    await post('/visits', { organizationId: dogwood, purpose: 'relationship', visitedAt: daysAgo(200).toISOString() });
  });
  afterAll(async () => t?.close());

  beforeEach(() => {
    t.mail.messages.length = 0;
  });

  it("keeps the digest scheduled for Mondays at 07:00 in the library's zone (DIGEST_TIMEZONE by default), not at start-up", async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const scheduler = await eventually(
      'the digest scheduler to be upserted',
      async () => (await queue.getJobSchedulers()).find((s) => s.key === 'health.digest.weekly') ?? false,
    );
    expect(scheduler).toMatchObject({ name: JobName.SendHealthDigest, pattern: '0 7 * * 1', tz: 'America/Chicago' });
    const next = DateTime.fromMillis(scheduler.next!, { zone: 'America/Chicago' });
    expect({ weekday: next.weekday, hour: next.hour, minute: next.minute }).toEqual({ weekday: 1, hour: 7, minute: 0 });
    expect(scheduler.next!).toBeGreaterThan(Date.now());
    expect(scheduler.next!).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);
    expect(await t.dataSource.query(`SELECT id FROM health_digests`)).toEqual([]);
  });

  it('compares with last week: who changed band, who newly needs attention and why, what is uncovered, whom to introduce', async () => {
    // Elm, unscored, has no history to start.
    expect(await runJob(JobName.SnapshotHealth)).toMatchObject({ snapshots: 3 });
    const lastWeek = await dashboard();
    expect(bandsOf(lastWeek)).toMatchObject({ [alder]: 'thriving', [dogwood]: 'dormant', [elm]: 'unscored' });
    // Last week Birch read steady: fading, not yet alarming.
    await t.dataSource.query(`UPDATE health_snapshots SET band = 'steady', score = 60 WHERE organization_id = $1`, [
      birch,
    ]);
    // Dogwood's snapshot says it was thriving; it has ended since, so the digest leaves it out all the same.
    await t.dataSource.query(`UPDATE health_snapshots SET band = 'thriving', score = 90 WHERE organization_id = $1`, [
      dogwood,
    ]);
    const { version } = (await request(t.http).get(`/api/v1/organizations/${dogwood}`).set(staff.auth).expect(200))
      .body;
    await request(t.http)
      .patch(`/api/v1/organizations/${dogwood}`)
      .set(staff.auth)
      .send({ stage: 'ended', version })
      .expect(200);

    // A week on: Birch called off this week's session, its feedback turned poor and four follow-ups were left overdue.
    const [thisWeek] = await sessionsOf(birchProgram, 'future');
    await patchSession(thisWeek.id, { cancelled: true, version: thisWeek.version });
    clock.offsetMs = 7 * DAY_MS;
    for (const rating of [1, 1, 1, 1])
      await post('/feedback', { source: 'partner', organizationId: birch, programId: birchProgram, rating });
    for (const days of [9, 6, 4, 2])
      await post('/tasks', {
        title: `Call back (${days} days late)`,
        dueAt: daysAgo(days).toISOString(),
        organizationId: birch,
      });
    // Fir is new this week, and we have not spoken to it in five months.
    fir = (
      await post('/organizations', { name: 'Fir Internship Office', stage: 'active', seeksCapabilityIds: [coaching] })
    ).id;
    await post('/visits', { organizationId: fir, purpose: 'planning', visitedAt: daysAgo(150).toISOString() });

    const now = await dashboard();
    expect(bandsOf(now)).toEqual({ [alder]: 'thriving', [birch]: 'at-risk', [elm]: 'unscored', [fir]: 'dormant' });
    const scored = new Map(now.data.map((row) => [row.organizationId, row]));
    const body = await preview();
    expect(body.stored).toBe(false);
    expect(body.weekOf).toBe(weekOf(clock.now(), ZONE));
    expect(body.byBand).toEqual(now.summary.byBand);
    expect(body.byBand).toEqual({ thriving: 1, steady: 0, 'at-risk': 1, dormant: 1, unscored: 1 });
    expect(body.bandChanges).toEqual([
      {
        organizationId: birch,
        name: 'Birch Youth Shelter',
        from: 'steady',
        to: 'at-risk',
        score: scored.get(birch)!.score,
      },
    ]);
    expect(body.newAtRisk).toEqual([
      {
        organizationId: fir,
        name: 'Fir Internship Office',
        band: 'dormant',
        score: scored.get(fir)!.score,
        drivers: ['No contact in 150 days'],
      },
      {
        organizationId: birch,
        name: 'Birch Youth Shelter',
        band: 'at-risk',
        score: scored.get(birch)!.score,
        drivers: scored.get(birch)!.drivers,
      },
    ]);
    expect(body.newAtRisk[1].drivers).toEqual(
      expect.arrayContaining([
        'Attendance down 50% over 8 sessions',
        expect.stringMatching(/^4 follow-ups overdue/),
        'Feedback low: 1.7 average',
      ]),
    );
    // Dogwood served Adults learning English, but an ended partner covers nothing.
    expect(body.uncoveredAudiences).toEqual([
      { audienceId: audiences['Adults learning English'], name: 'Adults learning English', priority: 1 },
      { audienceId: audiences.Families, name: 'Families', priority: 3 },
    ]);
    const matches = (await request(t.http).get('/api/v1/matches').set(staff.auth).expect(200)).body;
    // At least three shown (matching's strength floor and per-partner cap apply); keeping three of more is unit-tested.
    expect(matches.meta.total).toBeGreaterThanOrEqual(3);
    const names = new Map([
      [alder, 'Alder College Access'],
      [birch, 'Birch Youth Shelter'],
      [elm, 'Elm Neighbourhood House'],
      [fir, 'Fir Internship Office'],
    ]);
    expect(body.topIntroductions).toEqual(
      matches.data
        .slice(0, 3)
        .map((m: { providerId: string; seekerId: string; explanation: string; strength: number }) => ({
          providerId: m.providerId,
          providerName: names.get(m.providerId),
          seekerId: m.seekerId,
          seekerName: names.get(m.seekerId),
          explanation: m.explanation,
          strength: m.strength,
        })),
    );
    previewBeforeSending = body;
  });

  it('gathers its inputs with set-based statements, not one query per organization', async () => {
    // The strongest introductions are kept while nothing they are ranked from changes: rank them once first.
    await t.app.get(MatchingService).strongest(DIGEST_RULES.introductions);
    const spy = jest.spyOn(t.dataSource, 'query');
    try {
      await t.app.get(DigestService).composeWeekly(clock.now());
      // The worker's reminder reconciler and sender share the data source: leave their statements out.
      const ours = spy.mock.calls.filter(([sql]) => !/deliveries|reminders|advisory/.test(sql));
      // Portfolio 3 (the stale stored scores, none here; organizations with their stored scores; snapshots),
      // coverage 1, last week's bands 1, introductions 1 (the matching change sequence: the ranking is kept).
      expect(ours).toHaveLength(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('is for managers and admins only', async () => {
    for (const auth of [staff.auth, viewer.auth]) {
      const response = await request(t.http).get('/api/v1/dashboard/health/digest').set(auth).expect(403);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    }
    await request(t.http).get('/api/v1/dashboard/health/digest').expect(401);
    await request(t.http)
      .get('/api/v1/dashboard/health/digest')
      .set({ Authorization: 'Bearer not-a-token' })
      .expect(401);
    await request(t.http).get('/api/v1/dashboard/health/digest').set(admin.auth).expect(200);
  });

  it('emails it once to each active manager and admin from the weekly job, the same content as the preview', async () => {
    const week = weekOf(clock.now(), ZONE);
    const result = await runJob(JobName.SendHealthDigest);
    expect(result).toEqual({ weekOf: week, digestId: expect.any(String), queued: 2 });
    const rows = await settledDeliveries(2);
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent']);
    expect(rows.map((row) => row.recipient_user_id).sort()).toEqual([admin.user.id, manager.user.id].sort());
    expect(new Set(rows.map((row) => row.occurrence_key))).toEqual(new Set([`digest:${week}`]));
    expect(new Set(rows.map((row) => row.digest_id))).toEqual(new Set([result.digestId]));

    await t.mail.waitFor(manager.user.email);
    await t.mail.waitFor(admin.user.email);
    expect(t.mail.messages).toHaveLength(2);
    for (const user of [staff.user, viewer.user, inactiveManager]) expect(t.mail.to(user.email)).toEqual([]);

    const [toManager] = t.mail.to(manager.user.email);
    expect(toManager.subject).toBe(`Partnership health — week of ${formatWeekOf(week)}: 2 need attention`);
    const text = toManager.text ?? '';
    expect(text).toContain('Hello Morgan Manager,');
    expect(text).toContain(
      `- Birch Youth Shelter: steady → at-risk (score ${previewBeforeSending.newAtRisk[1].score}) http://tandem.test/organizations/${birch}`,
    );
    for (const driver of previewBeforeSending.newAtRisk[1].drivers) expect(text).toContain(`    · ${driver}`);
    expect(text).toContain(
      `- Fir Internship Office: dormant, score ${previewBeforeSending.newAtRisk[0].score} http://tandem.test/organizations/${fir}`,
    );
    expect(text).toContain('- Adults learning English (priority 1)');
    for (const intro of previewBeforeSending.topIntroductions) {
      expect(text).toContain(`Introduce ${intro.providerName} to ${intro.seekerName} (strength ${intro.strength})`);
      expect(text).toContain(intro.explanation);
    }
    expect(text).toContain('Open the dashboard: http://tandem.test/dashboard');
    expect(toManager.html).toContain(`<a href="http://tandem.test/organizations/${birch}">Birch Youth Shelter</a>`);
    expect(t.mail.to(admin.user.email)[0].text).toContain('Hello Ada Admin,');

    // The email says what the preview said, and the preview now shows the stored digest.
    const sent = await preview();
    expect(sent.stored).toBe(true);
    expect(withoutMeta(sent)).toEqual(withoutMeta(previewBeforeSending));
    const expected = digestMail({
      recipientName: 'Morgan Manager',
      content: withoutMeta(sent) as DigestContent,
      publicUrl: 'http://tandem.test',
    });
    expect(text.trim()).toBe(expected.text.trim());
    const [stored] = await t.dataSource.query(`SELECT week_of::text AS week_of, content FROM health_digests`);
    expect(stored).toEqual({ week_of: week, content: withoutMeta(previewBeforeSending) });
  });

  it('sends nothing more when the job runs again, even after the portfolio changed', async () => {
    const [{ id: digestId }] = await t.dataSource.query(`SELECT id FROM health_digests`);
    await post('/organizations', { name: 'Gingko Late Arrival', stage: 'active' });
    await t.dataSource.query(
      `UPDATE visits SET visited_at = visited_at - interval '200 days' WHERE organization_id = $1`,
      [alder],
    );
    expect(await runJob(JobName.SendHealthDigest)).toEqual({ weekOf: weekOf(clock.now(), ZONE), digestId, queued: 0 });
    expect(await t.app.get(DigestService).sendWeekly()).toEqual({
      weekOf: weekOf(clock.now(), ZONE),
      digestId,
      queued: 0,
    });
    expect(await t.app.get(DeliverySender).deliverDue()).toMatchObject({ sent: 0 });
    expect(await digestDeliveries()).toHaveLength(2);
    expect(t.mail.messages).toEqual([]);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM health_digests`)).toEqual([{ n: 1 }]);
    expect(withoutMeta(await preview())).toEqual(withoutMeta(previewBeforeSending));
  });

  it('skips a digest email whose user was deactivated or is no longer a manager or admin by the time it is sent', async () => {
    const [{ id: digestId }] = await t.dataSource.query(`SELECT id FROM health_digests`);
    const demoted = await persistUser(t.dataSource, { role: Role.Manager, name: 'Demoted Manager' });
    const inserted: { id: string; recipient_user_id: string }[] = await t.dataSource.query(
      `INSERT INTO deliveries (kind, digest_id, recipient_user_id, recipient_key, occurrence_key, occurrence_at, due_at, next_attempt_at, status)
       SELECT 'digest', $1, u.id, 'user:' || u.id, 'digest:test', $2, $2, $2, 'scheduled' FROM users u WHERE u.id = ANY($3::uuid[])
       RETURNING id, recipient_user_id`,
      [digestId, clock.now(), [demoted.id, inactiveManager.id, staff.user.id]],
    );
    await t.dataSource.query(`UPDATE users SET role = 'staff' WHERE id = $1`, [demoted.id]);
    await t.app.get(OutboxService).wake([clock.now()]);
    const rows = await settledDeliveries(5);
    const byUser = new Map(
      rows
        .filter((row) => inserted.some((i) => i.id === row.id))
        .map((row) => [row.recipient_user_id, [row.status, row.skip_reason]]),
    );
    expect(byUser).toEqual(
      new Map([
        [demoted.id, ['skipped', 'not-recipient']],
        [inactiveManager.id, ['skipped', 'recipient-inactive']],
        [staff.user.id, ['skipped', 'not-recipient']],
      ]),
    );
    expect(t.mail.messages).toEqual([]);
  });

  it("follows the library's time zone: its week, and the Monday 07:00 cron moved by the next catch-up, which sends the week the move made due", async () => {
    const KIRITIMATI = 'Pacific/Kiritimati';
    // A Sunday 20:00 in Chicago is already Monday 16:00 in Kiritimati (UTC+14): a new week there.
    const sunday = DateTime.now().setZone(ZONE).plus({ weeks: 1 }).set({ weekday: 7, hour: 20, minute: 0 });
    clock.offsetMs = sunday.toMillis() - Date.now();
    const settings = await request(t.http).get('/api/v1/settings/library').set(admin.auth).expect(200);
    expect(settings.body.timezone).toBe(ZONE); // DIGEST_TIMEZONE is only the setting's default
    await request(t.http)
      .patch('/api/v1/settings/library')
      .set(admin.auth)
      .send({ version: settings.body.version, timezone: KIRITIMATI })
      .expect(200);

    const kiritimatiWeek = weekOf(clock.now(), KIRITIMATI);
    expect(kiritimatiWeek).not.toBe(weekOf(clock.now(), ZONE));
    expect(kiritimatiWeek).toBe(sunday.plus({ days: 1 }).toISODate());
    const composed = await preview();
    expect(composed).toMatchObject({ weekOf: kiritimatiWeek, stored: false });

    const caughtUp = await runJob(JobName.CatchUpHealthDigest);
    expect(caughtUp).toEqual({ caughtUp: true, weekOf: kiritimatiWeek, digestId: expect.any(String), queued: 2 });
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const scheduler = (await queue.getJobSchedulers()).find((s) => s.key === 'health.digest.weekly');
    expect(scheduler).toMatchObject({ pattern: '0 7 * * 1', tz: KIRITIMATI });
    await settledDeliveries(7);
    clock.offsetMs = 0;
  });
});
