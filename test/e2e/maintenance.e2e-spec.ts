import { getQueueToken } from '@nestjs/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import { AuthSession } from '../../src/auth/auth-session.entity';
import { RefreshToken } from '../../src/auth/refresh-token.entity';
import { JOB_OPTIONS, JobName, QueueName } from '../../src/queue/queue.constants';
import { redisOptionsFromUrl } from '../../src/redis/redis.connection';
import { Invitation } from '../../src/user/invitation.entity';
import { persistUser } from '../factories/user.factory';
import { createTestApp, TestApp } from '../setup/test-app';
import { TEST_REDIS_URL } from '../setup/test-env';

const DAY = 86_400_000;

describe('Maintenance worker (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ worker: true });
    // The scheduler runs its first purge at start-up; let it finish so it cannot race the test.
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const deadline = Date.now() + 10_000;
    while ((await queue.getCompletedCount()) < 1) {
      if (Date.now() > deadline) throw new Error('the start-up purge never completed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => t.close());

  it('runs the purge job on a real BullMQ worker and removes only stale auth records', async () => {
    const user = await persistUser(t.dataSource);
    const sessions = t.dataSource.getRepository(AuthSession);
    const now = Date.now();
    const live = await sessions.save({ userId: user.id, expiresAt: new Date(now + DAY) });
    const oldRevoked = await sessions.save({ userId: user.id, expiresAt: new Date(now + DAY), revokedAt: new Date(now - 40 * DAY) });
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
    const events = new QueueEvents(QueueName.Maintenance, { connection: { host, port }, prefix: `${t.redisPrefix}:bull` });
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

  it('keeps the hourly purge scheduled', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const deadline = Date.now() + 5000;
    let schedulers = await queue.getJobSchedulers();
    while (schedulers.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      schedulers = await queue.getJobSchedulers();
    }
    expect(schedulers).toEqual([expect.objectContaining({ key: 'auth.purge-expired.hourly', every: 3_600_000 })]);
  });
});
