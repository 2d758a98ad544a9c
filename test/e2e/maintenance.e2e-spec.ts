import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import { AuthSession } from '../../src/sign-in/auth-session.entity';
import { RefreshToken } from '../../src/sign-in/refresh-token.entity';
import { ProgramSession } from '../../src/program/program-session.entity';
import { JOB_OPTIONS, JobName, QueueName, RECURRING_JOBS } from '../../src/queue/queue.constants';
import { redisOptionsFromUrl } from '../../src/redis/redis.connection';
import { Invitation } from '../../src/user/invitation.entity';
import { persistProgram } from '../factories/program.factory';
import { persistUser } from '../factories/user.factory';
import { eventually } from '../setup/eventually';
import { startupJobsDone } from '../setup/startup-jobs';
import { createTestApp, TestApp } from '../setup/test-app';
import { TEST_REDIS_URL } from '../setup/test-env';

const DAY = 86_400_000;

describe('Maintenance worker (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    // The schedulers run their first jobs (purge, session windows) at start-up; let them finish so they cannot race the tests.
    await startupJobsDone(t);
  });
  afterAll(async () => t.close());

  it('runs the purge job on a real BullMQ worker and removes only stale auth records', async () => {
    const user = await persistUser(t.dataSource);
    const sessions = t.dataSource.getRepository(AuthSession);
    const now = Date.now();
    const live = await sessions.save({ userId: user.id, expiresAt: new Date(now + DAY) });
    const oldRevoked = await sessions.save({
      userId: user.id,
      expiresAt: new Date(now + DAY),
      revokedAt: new Date(now - 40 * DAY),
    });
    const tokens = t.dataSource.getRepository(RefreshToken);
    await tokens.insert([
      { sessionId: live.id, tokenHash: 'a'.repeat(64), expiresAt: new Date(now + DAY) },
      { sessionId: live.id, tokenHash: 'b'.repeat(64), expiresAt: new Date(now - 2 * DAY) },
    ]);
    const invitations = t.dataSource.getRepository(Invitation);
    await invitations.insert([
      { userId: user.id, tokenHash: 'c'.repeat(64), expiresAt: new Date(now + DAY) },
      { userId: user.id, tokenHash: 'd'.repeat(64), expiresAt: new Date(now - 31 * DAY) },
    ]);

    const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const { host, port } = redisOptionsFromUrl(TEST_REDIS_URL);
    const events = new QueueEvents(QueueName.Maintenance, {
      connection: { host, port },
      prefix: `${t.redisPrefix}:bull`,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add(JobName.PurgeExpiredAuth, {}, JOB_OPTIONS[JobName.PurgeExpiredAuth]);
      const result = await job.waitUntilFinished(events, 15_000);
      expect(result).toEqual({ refreshTokens: 1, sessions: 1, invitations: 1 });
    } finally {
      await events.close();
    }
    expect((await sessions.find()).map((s) => s.id)).toEqual([live.id]);
    expect((await tokens.find()).map((r) => r.tokenHash)).toEqual(['a'.repeat(64)]);
    expect((await invitations.find()).map((i) => i.tokenHash)).toEqual(['c'.repeat(64)]);
    expect(oldRevoked.id).toBeDefined();
  });

  it('runs the session-window job on a real worker: a program saved without sessions gets them', async () => {
    const program = await persistProgram(t.dataSource, {
      startDate: new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10),
    });
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const { host, port } = redisOptionsFromUrl(TEST_REDIS_URL);
    const events = new QueueEvents(QueueName.Maintenance, {
      connection: { host, port },
      prefix: `${t.redisPrefix}:bull`,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add(JobName.ExtendSessionWindows, {}, JOB_OPTIONS[JobName.ExtendSessionWindows]);
      const result = await job.waitUntilFinished(events, 15_000);
      const sessions = await t.dataSource.getRepository(ProgramSession).countBy({ programId: program.id });
      // Weekly from 20 days ago through 120 days ahead: 20 Wednesdays, give or take one at each end.
      expect(sessions).toBeGreaterThanOrEqual(19);
      expect(sessions).toBeLessThanOrEqual(21);
      expect(result).toEqual({ programs: 1, sessionsCreated: sessions });
    } finally {
      await events.close();
    }
  });

  it('keeps the hourly purge and the daily session-window job scheduled', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const schedulers = await eventually(
      `all ${RECURRING_JOBS.length} schedulers to be upserted`,
      async () => {
        const found = await queue.getJobSchedulers();
        if (found.length < RECURRING_JOBS.length)
          throw new Error(`${found.length} upserted: ${found.map((s) => s.key).join(', ')}`);
        return found;
      },
      { timeoutMs: 5000 },
    );
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'auth.purge-expired.hourly', every: 3_600_000 }),
        expect.objectContaining({ key: 'programs.extend-session-windows.daily', every: 86_400_000 }),
      ]),
    );
    expect(schedulers).toHaveLength(RECURRING_JOBS.length);
  });
});
