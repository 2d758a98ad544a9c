import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName, RECURRING_JOBS, STARTUP_JOBS } from '../../src/queue/queue.constants';
import { eventually } from './eventually';
import type { TestApp } from './test-app';

/**
 * Waits until a worker app's `every` schedulers have run their first jobs (purge, session
 * windows, the daily check-in job…), which they do at start-up, and the jobs it queues at each
 * start (STARTUP_JOBS: the digest catch-up), so they cannot race the tests. The digest's cron
 * waits for Monday and is not counted.
 */
export async function startupJobsDone(t: TestApp): Promise<void> {
  const queue = t.app.get<Queue>(getQueueToken(QueueName.Maintenance));
  const expected = RECURRING_JOBS.filter((job) => 'every' in job).length + STARTUP_JOBS.length;
  await eventually(`the ${expected} start-up maintenance jobs to complete`, async () => {
    const completed = await queue.getCompletedCount();
    if (completed < expected) throw new Error(`${completed} completed`);
  });
}
