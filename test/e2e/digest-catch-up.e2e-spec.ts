import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue, QueueEvents } from 'bullmq';
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { ShiftedClock } from '../../src/common/clock/clock';
import { DigestContent, weekOf } from '../../src/digest/digest.rules';
import { CatchUpResult, DigestService, SendDigestResult } from '../../src/digest/digest.service';
import { formatWeekOf } from '../../src/digest/digest-email';
import { DeliverySender } from '../../src/outbox/delivery-sender.service';
import { JOB_OPTIONS, JobName, QueueName } from '../../src/queue/queue.constants';
import { redisOptionsFromUrl } from '../../src/redis/redis.connection';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { eventually } from '../setup/eventually';
import { createTestApp, TestApp } from '../setup/test-app';
import { TEST_REDIS_URL } from '../setup/test-env';

const DAY_MS = 86_400_000;
/** The digest's zone here: its Monday 07:00 is Chicago's. */
const ZONE = 'America/Chicago';
const env = { DIGEST_TIMEZONE: ZONE };

/**
 * The digest when the worker was down over Monday 07:00: on a clock set to a Tuesday 10:00 in
 * Chicago, with the last digest stored two weeks ago (the worker missed last Monday and this
 * one), workers come back. This week's digest (not last week's) is sent once to each manager and
 * admin — with two workers starting together and the Monday cron job run at the same moment, and
 * again after a restart. One API app holds the database and Redis prefix; the workers share both
 * (each has its own SMTP sink, so "once" is counted over all of them).
 * - Fir, active, silent for five months: dormant, newly at risk.
 * - Pine, paused on purpose, last contact 100 days ago, steady in last week's snapshot: whatever
 *   its band, never announced as newly dormant (calibration row 10).
 */
describe(`${DigestService.name} catch-up (e2e)`, () => {
  const clock = new ShiftedClock(0);
  let api: TestApp;
  const workers: TestApp[] = [];
  const closed = new Set<TestApp>();
  let manager: SignedIn;
  let admin: SignedIn;
  let staff: SignedIn;
  let fir: string;
  let pine: string;
  let thisWeek: string;
  let twoWeeksAgo: string;

  const post = async (path: string, body: object) => {
    const response = await request(api.http).post(`/api/v1${path}`).set(staff.auth).send(body);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const daysAgo = (days: number) => new Date(clock.now().getTime() - days * DAY_MS);
  const startWorker = async () => {
    const worker = await createTestApp({
      worker: true,
      clock,
      env,
      databaseName: api.databaseName,
      redisPrefix: api.redisPrefix,
    });
    workers.push(worker);
    return worker;
  };
  const queueOf = (t: TestApp) => t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
  /** Every email received by any worker's sink, to `address`. */
  const mailTo = (address: string): ParsedMail[] => workers.flatMap((worker) => worker.mail.to(address));
  const digestWeeks = async (): Promise<string[]> =>
    (await api.dataSource.query(`SELECT week_of::text AS week FROM health_digests ORDER BY week_of`)).map(
      (row: { week: string }) => row.week,
    );
  const deliveries = (): Promise<{ recipient_user_id: string; status: string; occurrence_key: string }[]> =>
    api.dataSource.query(
      `SELECT recipient_user_id, status, occurrence_key FROM deliveries WHERE kind = 'digest' ORDER BY recipient_user_id`,
    );
  const isDigestRun = (job: Job) =>
    job.name === String(JobName.SendHealthDigest) || job.name === String(JobName.CatchUpHealthDigest);
  const isCatchUp = (job: Job) => job.name === String(JobName.CatchUpHealthDigest);
  /** The completed digest runs on the shared queue (the cron's and the catch-ups'), with what each returned. */
  const completedRuns = async (t: TestApp) =>
    (await queueOf(t).getJobs(['completed'])).filter(isDigestRun) as Job<object, SendDigestResult | CatchUpResult>[];
  /** Waits until no digest run is waiting or running, and returns the completed ones. */
  const settledRuns = (t: TestApp, minCatchUps: number) =>
    eventually(`${minCatchUps} catch-ups done and no digest run left`, async () => {
      const done = await completedRuns(t);
      const pending = (await queueOf(t).getJobs(['waiting', 'active', 'prioritized'])).filter(isDigestRun);
      if (done.filter(isCatchUp).length < minCatchUps || pending.length > 0)
        throw new Error(`${done.length} done, ${pending.length} pending`);
      return done;
    });
  /** What the runs that sent (the cron's, and catch-ups that caught up) returned. */
  const sendingResults = (runs: Job<object, SendDigestResult | CatchUpResult>[]): SendDigestResult[] =>
    runs
      .map((job) => job.returnvalue)
      .filter((result): result is SendDigestResult => !('caughtUp' in result) || result.caughtUp);
  const storedContent = async (week: string): Promise<DigestContent> =>
    (
      await api.dataSource.query<{ content: DigestContent }[]>(
        `SELECT content FROM health_digests WHERE week_of = $1`,
        [week],
      )
    )[0].content;
  const runJobs = async (t: TestApp, names: JobName[]) => {
    const { host, port } = redisOptionsFromUrl(TEST_REDIS_URL);
    const events = new QueueEvents(QueueName.Maintenance, {
      connection: { host, port },
      prefix: `${t.redisPrefix}:bull`,
    });
    try {
      await events.waitUntilReady();
      const jobs = await Promise.all(names.map((name) => queueOf(t).add(name, {}, JOB_OPTIONS[name])));
      return await Promise.all(jobs.map((job) => job.waitUntilFinished(events, 20_000)));
    } finally {
      await events.close();
    }
  };

  beforeAll(async () => {
    // Next week's Tuesday, 10:00 in Chicago: past that week's Monday 07:00.
    const tuesday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1, days: 1, hours: 10 });
    clock.offsetMs = tuesday.toMillis() - Date.now();
    thisWeek = weekOf(clock.now(), ZONE);
    twoWeeksAgo = weekOf(daysAgo(14), ZONE);

    api = await createTestApp({ clock, env });
    admin = await signedInAs(api, Role.Admin, { name: 'Ada Admin' });
    manager = await signedInAs(api, Role.Manager, { name: 'Morgan Manager' });
    staff = await signedInAs(api, Role.Staff);

    fir = (await post('/organizations', { name: 'Fir Internship Office', stage: 'active' })).id;
    await post('/visits', { organizationId: fir, purpose: 'planning', visitedAt: daysAgo(150).toISOString() });
    pine = (await post('/organizations', { name: 'Pine Teen Theatre', stage: 'paused' })).id;
    await post('/visits', { organizationId: pine, purpose: 'relationship', visitedAt: daysAgo(100).toISOString() });
    // Last week Pine read steady (before its pause showed).
    await api.dataSource.query(
      `INSERT INTO health_snapshots (organization_id, taken_at, score, band) VALUES ($1, $2, 62, 'steady')`,
      [pine, daysAgo(8)],
    );
  });

  afterAll(async () => {
    for (const worker of [...workers].reverse()) if (!closed.has(worker)) await worker.close();
    await api?.close();
  });

  it('catches up nothing before Monday 07:00, nor on an installation that never sent a digest', async () => {
    const digests = api.app.get(DigestService);
    expect(await digests.catchUp()).toEqual({ caughtUp: false, weekOf: thisWeek, reason: 'never-sent' });

    const saved = clock.offsetMs;
    try {
      // Monday 06:59 in Chicago, this week.
      const monday = DateTime.fromISO(thisWeek, { zone: ZONE }).set({ hour: 6, minute: 59 });
      clock.offsetMs = monday.toMillis() - Date.now();
      await api.dataSource.query(
        `INSERT INTO health_digests (week_of, content, created_at) VALUES ($1, '{}'::jsonb, $2)`,
        [twoWeeksAgo, daysAgo(8)],
      );
      expect(await digests.catchUp()).toEqual({ caughtUp: false, weekOf: thisWeek, reason: 'not-due' });
    } finally {
      clock.offsetMs = saved;
    }
    expect(await digestWeeks()).toEqual([twoWeeksAgo]);
    expect(await deliveries()).toEqual([]);
  });

  it("sends this week's digest, not the missed one, once, when two workers come back", async () => {
    // Two workers start together: each queues a catch-up at start-up (and the hourly scheduler its
    // first run). The queue is held paused until both are up (test apps start one at a time), so
    // the two workers take the catch-ups at the same moment.
    const { host, port } = redisOptionsFromUrl(TEST_REDIS_URL);
    const hold = new Queue(QueueName.Maintenance, { connection: { host, port }, prefix: `${api.redisPrefix}:bull` });
    try {
      await hold.pause();
      await startWorker();
      await startWorker();
      await eventually('both start-up catch-ups queued', async () => {
        const queued = (await hold.getJobs(['waiting', 'prioritized'])).filter(isCatchUp);
        if (queued.length < 2) throw new Error(`${queued.length} queued`);
      });
      await hold.resume();
    } finally {
      await hold.close();
    }
    await eventually('the digest in a sink for the manager and the admin', async () => {
      if (mailTo(manager.user.email).length < 1 || mailTo(admin.user.email).length < 1) throw new Error('not yet');
    });
    const runs = await settledRuns(workers[0], 2);
    // No cron ran: a catch-up sent it. Whichever stored the week, every run that sent names the same
    // digest, together they queued two emails, and the others found it stored.
    expect(runs.every(isCatchUp)).toBe(true);
    const sent = sendingResults(runs);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(new Set(sent.map((result) => result.weekOf))).toEqual(new Set([thisWeek]));
    expect(new Set(sent.map((result) => result.digestId)).size).toBe(1);
    expect(sent.reduce((sum, result) => sum + result.queued, 0)).toBe(2);
    for (const job of runs)
      if (!sent.includes(job.returnvalue as SendDigestResult))
        expect(job.returnvalue).toEqual({ caughtUp: false, weekOf: thisWeek, reason: 'already-stored' });

    expect(await digestWeeks()).toEqual([twoWeeksAgo, thisWeek]);
    const rows = await eventually('both emails sent', async () => {
      const found = await deliveries();
      if (found.length === 2 && found.every((row) => row.status === 'sent')) return found;
      throw new Error(JSON.stringify(found));
    });
    expect(rows.map((row) => row.recipient_user_id).sort()).toEqual([admin.user.id, manager.user.id].sort());
    expect(new Set(rows.map((row) => row.occurrence_key))).toEqual(new Set([`digest:${thisWeek}`]));

    const [email] = mailTo(manager.user.email);
    expect(mailTo(manager.user.email)).toHaveLength(1);
    expect(mailTo(admin.user.email)).toHaveLength(1);
    expect(email.subject).toBe(`Partnership health — week of ${formatWeekOf(thisWeek)}: 1 needs attention`);
    expect(email.text).toContain(`- Fir Internship Office: dormant`);
    expect(email.text).not.toContain('Pine Teen Theatre');

    // Composed at send time, from this week's portfolio: Pine counted, never announced.
    const content = await storedContent(thisWeek);
    expect(content.weekOf).toBe(thisWeek);
    expect(content.newAtRisk.map((row) => row.organizationId)).toEqual([fir]);
    expect(content.bandChanges.map((row) => row.organizationId)).not.toContain(pine);
    expect(Object.values(content.byBand).reduce((sum, n) => sum + n, 0)).toBe(2);
    const preview = (await request(api.http).get('/api/v1/dashboard/health/digest').set(manager.auth).expect(200)).body;
    expect(preview).toMatchObject({ stored: true, weekOf: thisWeek, newAtRisk: content.newAtRisk });
  });

  it('sends nothing more on a restart, another catch-up or the cron running again', async () => {
    const before = (await completedRuns(workers[0])).length;
    await workers[0].close();
    closed.add(workers[0]);
    const restarted = await startWorker();
    await eventually("the restarted worker's start-up catch-up", async () => {
      const found = await completedRuns(restarted);
      if (found.length <= before) throw new Error('not yet');
    });
    const again = await runJobs(restarted, [
      JobName.CatchUpHealthDigest,
      JobName.SendHealthDigest,
      JobName.CatchUpHealthDigest,
    ]);
    expect(again).toEqual([
      { caughtUp: false, weekOf: thisWeek, reason: 'already-stored' },
      { weekOf: thisWeek, digestId: expect.any(String), queued: 0 },
      { caughtUp: false, weekOf: thisWeek, reason: 'already-stored' },
    ]);
    expect(await restarted.app.get(DeliverySender).deliverDue()).toMatchObject({ sent: 0 });
    expect(await digestWeeks()).toEqual([twoWeeksAgo, thisWeek]);
    expect(await deliveries()).toHaveLength(2);
    expect(mailTo(manager.user.email)).toHaveLength(1);
    expect(mailTo(admin.user.email)).toHaveLength(1);
  });

  it('sends a week once when the cron and catch-ups on two workers race for it', async () => {
    // A week later, Tuesday 10:00 again: the cron and catch-ups, queued and called directly, all at once.
    clock.offsetMs += 7 * DAY_MS;
    const nextWeek = weekOf(clock.now(), ZONE);
    const [one, two] = workers.slice(-2);
    const [queued, direct] = await Promise.all([
      runJobs(one, [JobName.SendHealthDigest, JobName.CatchUpHealthDigest, JobName.CatchUpHealthDigest]),
      Promise.all([
        one.app.get(DigestService).catchUp(),
        two.app.get(DigestService).catchUp(),
        two.app.get(DigestService).sendWeekly(),
      ]),
    ]);
    const results = [...queued, ...direct] as (SendDigestResult | CatchUpResult)[];
    const sent = results.filter((result): result is SendDigestResult => !('caughtUp' in result) || result.caughtUp);
    expect(new Set(sent.map((result) => `${result.weekOf} ${result.digestId}`)).size).toBe(1);
    expect(sent[0].weekOf).toBe(nextWeek);
    expect(sent.reduce((sum, result) => sum + result.queued, 0)).toBe(2);
    expect(results.length - sent.length).toBe(
      results.filter((result) => 'caughtUp' in result && !result.caughtUp && result.reason === 'already-stored').length,
    );

    expect(await digestWeeks()).toEqual([twoWeeksAgo, thisWeek, nextWeek]);
    await eventually('the next week sent to both', async () => {
      if (mailTo(manager.user.email).length < 2 || mailTo(admin.user.email).length < 2)
        throw new Error(JSON.stringify(await deliveries()));
    });
    for (const deliverySender of workers.slice(-2).map((worker) => worker.app.get(DeliverySender)))
      expect(await deliverySender.deliverDue()).toMatchObject({ sent: 0 });
    expect(await deliveries()).toHaveLength(4);
    for (const user of [manager.user, admin.user])
      expect(
        mailTo(user.email)
          .map((mail) => /week of (.+):/.exec(mail.subject ?? '')?.[1])
          .sort(),
      ).toEqual([formatWeekOf(thisWeek), formatWeekOf(nextWeek)].sort());
  });
});
