import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import request from 'supertest';
import { Role } from '../../src/auth/role.enum';
import { HealthSnapshotService } from '../../src/partnership/health-snapshot.service';
import { JOB_OPTIONS, JobName, QueueName } from '../../src/queue/queue.constants';
import { redisOptionsFromUrl } from '../../src/redis/redis.connection';
import { SignedIn, signedInAs } from '../factories/user.factory';
import { startupJobsDone } from '../setup/startup-jobs';
import { createTestApp, TestApp } from '../setup/test-app';
import { TEST_REDIS_URL } from '../setup/test-env';

const DAY_MS = 86_400_000;
const today = () => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);

/**
 * Weekly snapshots on a real BullMQ worker, and what they feed: the history of
 * /organizations/:id/health and the trend on the dashboard.
 * - Rowan: visited two days ago, snapshotted at 20 four weeks ago → rising.
 * - Spruce: silent for 150 days (dormant), snapshotted at 90 four weeks ago → falling.
 * - Tamarack: ended, never snapshotted.
 */
describe(`${HealthSnapshotService.name} (e2e)`, () => {
  let t: TestApp;
  let staff: SignedIn;
  let manager: SignedIn;
  let rowan: string;
  let spruce: string;
  let tamarack: string;
  const fourWeeksAgo = () => new Date(today().getTime() - 28 * DAY_MS);

  const post = async (path: string, body: object) => {
    const response = await request(t.http).post(`/api/v1${path}`).set(staff.auth).send(body);
    if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const runJob = async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const { host, port } = redisOptionsFromUrl(TEST_REDIS_URL);
    const events = new QueueEvents(QueueName.Maintenance, {
      connection: { host, port },
      prefix: `${t.redisPrefix}:bull`,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add(JobName.SnapshotHealth, {}, JOB_OPTIONS[JobName.SnapshotHealth]);
      return await job.waitUntilFinished(events, 15_000);
    } finally {
      await events.close();
    }
  };
  const snapshotRows = (): Promise<{ organization_id: string; taken_at: Date; score: number; band: string }[]> =>
    t.dataSource.query(
      `SELECT organization_id, taken_at, score, band FROM health_snapshots ORDER BY organization_id, taken_at`,
    );

  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    // The start-up runs of the schedulers (an empty portfolio for the snapshot) finish before the tests.
    await startupJobsDone(t);
    staff = await signedInAs(t, Role.Staff);
    manager = await signedInAs(t, Role.Manager);
    rowan = (await post('/organizations', { name: 'Rowan Teen Centre', stage: 'active' })).id;
    await post('/visits', {
      organizationId: rowan,
      purpose: 'relationship',
      visitedAt: new Date(Date.now() - 2 * DAY_MS).toISOString(),
    });
    spruce = (await post('/organizations', { name: 'Spruce Housing Services', stage: 'active' })).id;
    await post('/visits', {
      organizationId: spruce,
      purpose: 'planning',
      visitedAt: new Date(Date.now() - 150 * DAY_MS).toISOString(),
    });
    tamarack = (await post('/organizations', { name: 'Tamarack Reading Club', stage: 'ended' })).id;
    await t.dataSource.query(
      `INSERT INTO health_snapshots (organization_id, taken_at, score, band) VALUES ($1, $3, 20, 'dormant'), ($2, $3, 90, 'thriving')`,
      [rowan, spruce, fourWeeksAgo()],
    );
  });
  afterAll(async () => t.close());

  it('keeps the weekly job scheduled', async () => {
    const schedulers = await t.app.get<Queue>(getQueueToken(QueueName.Maintenance)).getJobSchedulers();
    expect(schedulers).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'health.snapshot.weekly', every: 7 * DAY_MS })]),
    );
  });

  it('snapshots every organization not ended on a real worker, once a week however often it runs', async () => {
    expect(await runJob()).toEqual({ takenAt: today().toISOString(), snapshots: 2 });
    expect(await runJob()).toEqual({ takenAt: today().toISOString(), snapshots: 0 });
    const rows = await snapshotRows();
    expect(rows.filter((row) => row.organization_id === tamarack)).toEqual([]);
    const latest = rows.filter((row) => row.taken_at.getTime() === today().getTime());
    expect(latest.map((row) => row.organization_id).sort()).toEqual([rowan, spruce].sort());
    for (const row of latest) {
      const health = (
        await request(t.http).get(`/api/v1/organizations/${row.organization_id}/health`).set(staff.auth).expect(200)
      ).body;
      expect({ score: row.score, band: row.band }).toEqual({ score: health.score, band: health.band });
    }
  });

  it('shows the snapshots as history, oldest first', async () => {
    const health = (await request(t.http).get(`/api/v1/organizations/${rowan}/health`).set(staff.auth).expect(200))
      .body;
    expect(health.history).toEqual([
      { at: fourWeeksAgo().toISOString(), score: 20 },
      { at: today().toISOString(), score: health.score },
    ]);
  });

  it('gives the dashboard a rising and a falling trend over the four weeks', async () => {
    const body = (await request(t.http).get('/api/v1/dashboard/health').set(manager.auth).expect(200)).body;
    const byId = new Map<string, { score: number; trend: unknown }>(
      body.data.map((row: { organizationId: string }) => [row.organizationId, row]),
    );
    const rowanNow = byId.get(rowan)!;
    const spruceNow = byId.get(spruce)!;
    expect(rowanNow.score).toBeGreaterThanOrEqual(25);
    expect(rowanNow.trend).toEqual({ change: rowanNow.score - 20, direction: 'rising', spanDays: 28 });
    expect(spruceNow.trend).toEqual({ change: spruceNow.score - 90, direction: 'falling', spanDays: 28 });
  });

  it("removes an organization's snapshots with it", async () => {
    await request(t.http).delete(`/api/v1/organizations/${spruce}`).set(manager.auth).expect(204);
    expect((await snapshotRows()).filter((row) => row.organization_id === spruce)).toEqual([]);
  });
});
